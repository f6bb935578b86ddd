import { describe, expect, it } from 'vitest';
import { HISTORY, historyByDate } from './kernelHistory.ts';
import {
  kernelFromText,
  parseKernelVersion,
  resolveKernel,
  scenarioKernel,
  tdpMmuDefaultOf,
} from './kernelVersion.ts';

const ver = (t: string) => {
  const r = parseKernelVersion(t);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('kernel versions', () => {
  it('parses releases, stable point releases and a leading v', () => {
    expect(ver('5.15')).toEqual({ major: 5, minor: 15, patch: null });
    expect(ver('v6.13')).toEqual({ major: 6, minor: 13, patch: null });
    expect(ver('5.15.139')).toEqual({ major: 5, minor: 15, patch: 139 });
    expect(ver('2.6.37')).toEqual({ major: 2, minor: 6, patch: 37 });
    expect(resolveKernel('v5.15.139').label).toBe('5.15.139');
  });

  it('refuses what is not a release, naming what is supported', () => {
    for (const bad of ['2.6.36', '2.6.40', '5.20', '3.25', '1.0', 'abc', '', '5', '5.15.x']) {
      const r = parseKernelVersion(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toContain('supported: 2.6.37-2.6.39, 3.0-3.19, 4.0-4.20, 5.0-5.19');
    }
    const r = kernelFromText('2.6.36');
    expect(r.ok ? '' : r.message).toMatch(/older than 2\.6\.37, where SPTE prefetch arrived/);
  });

  it('the short forms are 5.15 and 5.16', () => {
    expect(resolveKernel('buggy').label).toBe('5.15');
    expect(resolveKernel('fixed').label).toBe('5.16');
    expect(resolveKernel('buggy').variant).toBe('buggy');
    expect(resolveKernel('fixed').variant).toBe('fixed');
  });

  it('maps each boundary to its behaviour (hand-worked from docs/history.md)', () => {
    const b = (t: string) => resolveKernel(t).behaviour;
    expect(b('2.6.37')).toMatchObject({
      trailingFix: false,
      adGate: 'global',
      invalidGpte: 'skip',
      notifierSkip: false,
    });
    expect(b('3.7').invalidGpte).toBe('skip');
    expect(b('3.8').invalidGpte).toBe('stop');
    expect(b('4.12').adGate).toBe('global');
    expect(b('4.13').adGate).toBe('per-page');
    expect(b('5.11').notifierSkip).toBe(false);
    expect(b('5.12').notifierSkip).toBe(true);
    expect(b('5.15.139').trailingFix).toBe(false); // c6cecc4b9324 was never backported to 5.15.y
    expect(b('5.16').trailingFix).toBe(true);
    expect(b('6.13')).toMatchObject({
      trailingFix: true,
      adGate: 'per-page',
      invalidGpte: 'stop',
      notifierSkip: true,
    });
  });

  it('code-only changes follow the version too', () => {
    const c = (t: string) => resolveKernel(t).behaviour.code;
    expect(c('4.19').mmuFile).toBe('arch/x86/kvm/mmu.c');
    expect(c('5.5').mmuFile).toBe('arch/x86/kvm/mmu/mmu.c');
    // 362871d74ff6 reached mainline in the v6.3 merge window; 20ec3ebd707c in v6.0-rc2.
    expect(c('5.17').directMap).toBe('__direct_map');
    expect(c('6.2').directMap).toBe('__direct_map');
    expect(c('6.2.16').directMap).toBe('__direct_map');
    expect(c('6.3').directMap).toBe('direct_map');
    expect(c('5.15').notifierField).toBe('mmu_notifier_count');
    expect(c('5.19').notifierField).toBe('mmu_notifier_count');
    expect(c('6.0').notifierField).toBe('mmu_invalidate_in_progress');
    expect(c('6.1').notifierField).toBe('mmu_invalidate_in_progress');
    expect(c('6.3').noDirtyLogArg).toBe(true);
    expect(c('6.4').noDirtyLogArg).toBe(false);
    expect(c('6.12').commonPrefetchHelper).toBe(false);
    expect(c('6.13').commonPrefetchHelper).toBe(true);
  });

  it('the TDP MMU default, including the 5.15.y stable revert', () => {
    expect(tdpMmuDefaultOf(ver('5.9'))).toBe('absent');
    expect(tdpMmuDefaultOf(ver('5.14'))).toBe('off');
    expect(tdpMmuDefaultOf(ver('5.15'))).toBe('on');
    expect(tdpMmuDefaultOf(ver('5.15.128'))).toBe('on');
    expect(tdpMmuDefaultOf(ver('5.15.129'))).toBe('off');
    expect(tdpMmuDefaultOf(ver('5.16'))).toBe('on');
    expect(tdpMmuDefaultOf(ver('6.13'))).toBe('on');
  });

  it('a variant set on a copy wins over a kernel it contradicts', () => {
    expect(scenarioKernel({ kernel: '2.6.37', variant: 'buggy' }).label).toBe('2.6.37');
    expect(scenarioKernel({ kernel: '2.6.37', variant: 'fixed' }).label).toBe('5.16');
    expect(scenarioKernel({ variant: 'buggy' }).label).toBe('5.15');
  });

  it('every history entry names a version the model accepts, in date order from 2011', () => {
    for (const h of HISTORY) expect(parseKernelVersion(h.version).ok, h.version).toBe(true);
    const dates = historyByDate().map((h) => h.released);
    expect(dates[0]).toBe('2011-01-04');
    expect([...dates].sort()).toEqual(dates);
  });
});
