import { describe, expect, it } from 'vitest';
import { PRESETS, presetById } from './presets.ts';
import { runScenario } from './run.ts';
import { parseScenario } from './scenario.ts';
import { buildTimeline } from './timeline.ts';

describe('presets', () => {
  it('are all valid scenarios with unique ids', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) expect(parseScenario(p.scenario), p.id).toMatchObject({ ok: true });
  });

  it('shadow, scattered GFNs: one fault fills the other 7 entries one by one, then 7 hits', () => {
    const r = runScenario(presetById('shadow-scattered')!.scenario);
    expect(r.totals).toMatchObject({
      pfFixed: 1,
      prefetched: 7,
      prefetchCalls: 7,
      failedCalls: 0,
      prefetchHits: 7,
    });
  });

  it('shadow, not-accessed guest PTE: the walk stops at 12, which faults later', () => {
    const t = buildTimeline(presetById('shadow-not-accessed')!.scenario, 'fixed');
    if (!t.ok) throw new Error(t.message);
    const faults = t.timeline.steps.filter((s) => s.kind === 'fault').map((s) => s.gfn);
    expect(faults).toEqual([8, 12]);
    const failed = t.timeline.steps.filter((s) => s.kind === 'gpte-visit' && s.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ entryGfn: 12, reason: 'gpte-not-accessed' });
  });

  it('shadow, guest paging off: the direct walk, so the old code drops the trailing run', () => {
    const s = presetById('shadow-paging-off')!.scenario;
    const buggy = runScenario({ ...s, variant: 'buggy' }).totals;
    const fixed = runScenario({ ...s, variant: 'fixed' }).totals;
    expect(buggy).toMatchObject({ pfFixed: 64, prefetched: 0 });
    expect(fixed).toMatchObject({ pfFixed: 8, prefetched: 56 });
  });

  it('nested EPT without A/D bits: the touch of 9 is a fault from v4.13 (pf_fixed 2, no hits), a hit before', () => {
    const s = presetById('shadow-nested-no-ad')!.scenario;
    expect(runScenario(s).totals).toMatchObject({ pfFixed: 2, prefetched: 7, prefetchHits: 0 });
    expect(runScenario({ ...s, kernel: '4.12', variant: 'buggy' }).totals).toMatchObject({
      pfFixed: 1,
      prefetched: 7,
      prefetchHits: 1,
    });
  });

  it('shadow dirty log: clean GVA 17-23 and read-only 25-31 prefetch; writable+dirty 9 stops the first walk', () => {
    const r = runScenario(presetById('shadow-dirty-log')!.scenario, { detail: true });
    expect(r.faults!.map((f) => [f.gva, f.prefetched!.length, f.failed?.reason ?? null])).toEqual([
      [8, 0, 'dirty-log'],
      [16, 7, null],
      [24, 7, null],
    ]);
  });

  it("kernel 3.7 (the preset's left side) skips guest PTE 12 and prefetches 13-15; 3.8 stops", () => {
    const s = presetById('shadow-old-skip')!.scenario;
    expect(runScenario(s, { detail: true }).faults![0]!.prefetched!.map((p) => p.gva)).toEqual([9, 10, 11]);
    const r = runScenario({ ...s, kernel: '3.7' }, { detail: true });
    expect(r.faults![0]).toMatchObject({ gva: 8, skipped: [{ gva: 12, reason: 'gpte-not-accessed' }] });
    expect(r.faults![0]!.prefetched!.map((p) => p.gva)).toEqual([9, 10, 11, 13, 14, 15]);
  });

  it('invalidation: from v5.12 the first fault prefetches nothing, so 9 faults too', () => {
    const s = presetById('invalidation')!.scenario;
    expect(runScenario(s).totals).toMatchObject({ pfFixed: 3, prefetched: 7, prefetchHits: 1 });
    expect(runScenario({ ...s, kernel: '5.12', variant: 'buggy' }).totals).toMatchObject({
      pfFixed: 3,
      prefetched: 4,
      prefetchHits: 1,
    });
    // Before v5.12 the faults were retried until the invalidation ended, then prefetched 8-11.
    expect(runScenario({ ...s, kernel: '5.11', variant: 'buggy' }).totals).toMatchObject({
      pfFixed: 2,
      prefetched: 8,
      prefetchHits: 2,
    });
  });
});
