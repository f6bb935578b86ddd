import { describe, expect, it } from 'vitest';
import { resolveKernel } from '../../engine/kernelVersion.ts';
import { presetById } from '../../engine/presets.ts';
import type { Scenario } from '../../engine/types.ts';
import { exportFileName, exportMeta } from './exportFrames.ts';

const seed = presetById('seed')!.scenario;
const kernels = (kernel: string, compareKernel: string): Scenario => ({
  ...seed,
  kernel,
  variant: resolveKernel(kernel).variant,
  compareKernel,
});
const state = (scenario: Scenario, mode: 'buggy' | 'fixed' | 'compare' = 'compare') => ({
  scenario,
  mode,
  axis: { count: 12 } as never,
  frame: { tick: 6 } as never,
});

describe('exported files name what they show', () => {
  it('the default pair keeps the names teachers already have', () => {
    const s = state(seed);
    expect(exportFileName(s, 'view', 'step-0007.svg')).toBe('spte-step-0007.svg');
    expect(exportFileName(s, 'buggy', 'steps.zip')).toBe('spte-steps.zip');
    expect(exportMeta(s, 'view')).toBe(
      `Step 7 of 12 · ${seed.name} · KVM __direct_pte_prefetch, before/after c6cecc4b9324`,
    );
    expect(exportMeta(state(seed, 'fixed'), 'view')).toMatch(/after c6cecc4b9324 \(v5\.16\)$/);
  });

  it('two kernels compared are in the file name and the caption, one side or both', () => {
    const s = state(kernels('3.8', '3.7'));
    expect(exportFileName(s, 'view', 'step-0007.png')).toBe('spte-v3.7-v3.8-step-0007.png');
    expect(exportFileName(s, 'fixed', 'faults-1-2.webm')).toBe('spte-v3.8-faults-1-2.webm');
    expect(exportFileName(state(kernels('3.8', '3.7'), 'buggy'), 'view', 'steps.zip')).toBe(
      'spte-v3.7-steps.zip',
    );
    expect(exportMeta(s, 'view')).toMatch(/ · KVM __direct_pte_prefetch, v3\.7 \| v3\.8$/);
    expect(exportMeta(s, 'buggy')).toMatch(/, kernel 3\.7$/);
  });

  it('shadow paging names its own walk', () => {
    const shadow = presetById('shadow-old-skip')!.scenario;
    expect(exportMeta(state(shadow), 'view')).toMatch(/ · KVM FNAME\(pte_prefetch\), v3\.7 \| v3\.8$/);
  });
});
