import { describe, expect, it } from 'vitest';
import { resolveKernel } from '../engine/kernelVersion.ts';
import { presetById } from '../engine/presets.ts';
import type { Scenario } from '../engine/types.ts';
import { sidesCaption, sidesFileTag, sidesOf } from './sides.ts';

const seed = presetById('seed')!.scenario;
const pair = (kernel: string, compareKernel?: string): Scenario => ({
  ...seed,
  kernel,
  variant: resolveKernel(kernel).variant,
  ...(compareKernel ? { compareKernel } : {}),
});

describe('the two sides by name', () => {
  it('the default pair speaks of the fix, in every place a side is named', () => {
    const s = sidesOf(seed);
    expect(s.defaultPair).toBe(true);
    expect(sidesFileTag(s, 'both')).toBe('');
    expect(sidesFileTag(s, 'fixed')).toBe('');
    expect(sidesCaption(s, 'both')).toBe('before/after c6cecc4b9324');
    expect(sidesCaption(s, 'buggy')).toBe('before c6cecc4b9324 (v5.15)');
    expect(s.buggy.who).toBe('the old code');
  });

  it('two chosen kernels are named by version everywhere', () => {
    const s = sidesOf(pair('3.8', '3.7'));
    expect([s.buggy.tag, s.fixed.tag, s.buggy.who, s.fixed.quiz]).toEqual(['v3.7', 'v3.8', 'v3.7', 'v3.8']);
    expect(sidesFileTag(s, 'both')).toBe('-v3.7-v3.8');
    expect(sidesFileTag(s, 'buggy')).toBe('-v3.7');
    expect(sidesCaption(s, 'both')).toBe('v3.7 | v3.8');
    expect(sidesCaption(s, 'fixed')).toBe('kernel 3.8');
  });

  it('one kernel alone takes its side; the other side is the short form of the other variant', () => {
    const s = sidesOf(pair('6.1'));
    expect([s.buggy.kernel.label, s.fixed.kernel.label]).toEqual(['5.15', '6.1']);
    expect(s.defaultPair).toBe(false);
    expect(sidesCaption(s, 'both')).toBe('v5.15 | v6.1');
    // 5.15 | 5.16 written out is the default pair again.
    expect(sidesOf(pair('5.16', '5.15')).defaultPair).toBe(true);
  });
});
