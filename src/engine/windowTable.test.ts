import { describe, expect, it } from 'vitest';
import { caseIndex, POPCOUNT8, WINDOW_RECORD, windowTable } from './windowTable.ts';
import type { Variant } from './types.ts';

/** The batches of one case as (offset, end) pairs, end exclusive. */
function runs(v: Variant, present: number, fault: number): Array<[number, number]> {
  const wt = windowTable(v);
  const rec = caseIndex(present, fault) * WINDOW_RECORD;
  const out: Array<[number, number]> = [];
  for (let r = 0; r < wt.runs[rec]!; r++) {
    const off = wt.runs[rec + 1 + r * 2]!;
    out.push([off, off + wt.runs[rec + 2 + r * 2]!]);
  }
  return out;
}

describe('window table', () => {
  it('matches the worked examples (offsets within the window)', () => {
    // nothing present, fault at 0: buggy drops the trailing run, fixed prefetches 1..7
    expect(runs('buggy', 0, 0)).toEqual([]);
    expect(runs('fixed', 0, 0)).toEqual([[1, 8]]);
    // fault at 4: 0..3 closed by the fault, then the trailing run (fixed only)
    expect(runs('buggy', 0, 4)).toEqual([[0, 4]]);
    expect(runs('fixed', 0, 4)).toEqual([
      [0, 4],
      [5, 8],
    ]);
    // entry 3 present, fault at 0
    expect(runs('buggy', 1 << 3, 0)).toEqual([[1, 3]]);
    expect(runs('fixed', 1 << 3, 0)).toEqual([
      [1, 3],
      [4, 8],
    ]);
    // fault at 7: no trailing run, both the same
    expect(runs('buggy', 0, 7)).toEqual([[0, 7]]);
    expect(runs('fixed', 0, 7)).toEqual([[0, 7]]);
  });

  it('fastMask and runCount agree with the runs for every case', () => {
    for (const v of ['buggy', 'fixed'] as const) {
      const wt = windowTable(v);
      for (let p = 0; p < 256; p++) {
        for (let f = 0; f < 8; f++) {
          const rs = runs(v, p, f);
          let mask = 0;
          for (const [a, b] of rs) for (let i = a; i < b; i++) mask |= 1 << i;
          const c = caseIndex(p, f);
          expect(wt.fastMask[c]).toBe(mask);
          expect(wt.runCount[c]).toBe(rs.length);
          // batches never include present entries or the faulting one
          expect(mask & (p | (1 << f))).toBe(0);
        }
      }
    }
  });

  it('fixed prefetches every not-present entry; buggy only those before the last present or faulting one', () => {
    for (let p = 0; p < 256; p++) {
      for (let f = 0; f < 8; f++) {
        const c = caseIndex(p, f);
        const closed = p | (1 << f);
        expect(windowTable('fixed').fastMask[c]).toBe(~closed & 0xff);
        const last = 31 - Math.clz32(closed);
        expect(windowTable('buggy').fastMask[c]).toBe(~closed & ((1 << last) - 1));
      }
    }
    expect(POPCOUNT8[0xff]).toBe(8);
    expect(POPCOUNT8[0b1011]).toBe(3);
  });
});
