import { describe, expect, it } from 'vitest';
import { runScenario } from '../run.ts';
import type { FaultDetail, Scenario } from '../types.ts';
import {
  compareWithKernel,
  comparedModel,
  kernelPrefetchedGfns,
  modelPrefetchedGfns,
} from './kernelCompare.ts';
import type { SetSpteRecord } from './types.ts';

const spte = (gfn: number, prefetched: boolean, level = 1): SetSpteRecord => ({ gfn, prefetched, level });

describe('compareWithKernel', () => {
  it('counts agreement and each side alone, with examples in install order', () => {
    const setSptes = [
      spte(8, false),
      spte(9, true),
      spte(10, true),
      spte(30, true),
      spte(31, true),
      spte(512, true, 2),
      spte(9, true),
    ];
    const faults: FaultDetail[] = [
      {
        gfn: 8,
        calls: [
          { start: 9, end: 16, result: 0, installed: 3 },
          { start: 40, end: 41, result: -1, installed: 0, reason: 'not-resident' },
        ],
      },
      { gfn: 16, huge: true, calls: [] },
    ];
    expect(kernelPrefetchedGfns(setSptes)).toEqual(new Set([9, 10, 30, 31]));
    expect(modelPrefetchedGfns(faults)).toEqual(new Set([9, 10, 11]));
    expect(compareWithKernel({ setSptes }, faults)).toEqual({
      kernelPrefetched: 4,
      modelPrefetched: 3,
      agree: 2,
      onlyKernel: 2,
      onlyModel: 1,
      onlyKernelExamples: [30, 31],
      onlyModelExamples: [11],
    });
  });

  it('agrees fully with set_spte events written from the same variant, and tells the variants apart', () => {
    const scenario: Scenario = {
      mmu: 'legacy',
      variant: 'fixed',
      backing: '4k',
      adBits: true,
      memslots: [{ baseGfn: 0, pages: 4096 }],
      nonResident: [[100, 100]],
      present: [],
      accesses: [...Array.from({ length: 200 }, (_, i) => i), 1000, 1004, 999],
    };
    const fixed = runScenario(scenario, { detail: true }).faults!;
    const buggy = runScenario({ ...scenario, variant: 'buggy' }, { detail: true }).faults!;
    const setSptes = fixed.flatMap((f) => [
      spte(f.gfn, false),
      ...f.calls.flatMap((c) => Array.from({ length: c.installed }, (_, i) => spte(c.start + i, true))),
    ]);
    const same = compareWithKernel({ setSptes }, fixed);
    expect(same).toMatchObject({ onlyKernel: 0, onlyModel: 0 });
    expect(same.agree).toBe(same.kernelPrefetched);
    expect(same.agree).toBeGreaterThan(150);
    const other = compareWithKernel({ setSptes }, buggy);
    expect(other.onlyKernel).toBeGreaterThan(0);
    expect(other.onlyKernelExamples[0]).toBe(1);
  });

  it('compares a kernel with the model of its behaviour, and with none when undetermined', () => {
    expect(comparedModel('legacy-before-fix')).toBe('buggy');
    expect(comparedModel('legacy-after-fix')).toBe('fixed');
    expect(comparedModel('no-prefetch')).toBe('tdp');
    expect(comparedModel('undetermined')).toBeNull();
    expect(comparedModel(undefined)).toBeNull();
  });
});
