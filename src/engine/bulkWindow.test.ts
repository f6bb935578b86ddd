import { describe, expect, it } from 'vitest';
import {
  orderFullWindow,
  OrderedWindowMemo,
  packedCalls,
  packedFaults,
  packedHits,
  packedInstalled,
  packedPrefetched,
  packedPresent,
  simulateCleanWindow,
} from './bulkWindow.ts';
import { windowTable } from './windowTable.ts';

describe('clean window simulation', () => {
  it('eight ascending touches of a fresh window: buggy 8 faults, fixed 1 fault + 7 hits', () => {
    const asc = [0, 1, 2, 3, 4, 5, 6, 7];
    const b = simulateCleanWindow(0, 0, asc, 8, true, windowTable('buggy'));
    expect([packedFaults(b), packedInstalled(b), packedCalls(b), packedHits(b)]).toEqual([8, 0, 0, 0]);
    const f = simulateCleanWindow(0, 0, asc, 8, true, windowTable('fixed'));
    expect([packedFaults(f), packedInstalled(f), packedCalls(f), packedHits(f)]).toEqual([1, 7, 1, 7]);
    expect([packedPresent(f), packedPrefetched(f)]).toEqual([0xff, 0]);
  });

  it('descending touches: one fault (7 prefetched by the batch closed at the fault) in both', () => {
    const desc = [7, 6, 5, 4, 3, 2, 1, 0];
    for (const v of ['buggy', 'fixed'] as const) {
      const r = simulateCleanWindow(0, 0, desc, 8, true, windowTable(v));
      expect([packedFaults(r), packedInstalled(r), packedHits(r)]).toEqual([1, 7, 7]);
    }
  });

  it('without prefetch every touch of a not-present entry faults', () => {
    const r = simulateCleanWindow(0b101, 0, [0, 1, 2, 3], 4, false, windowTable('fixed'));
    expect([packedFaults(r), packedPresent(r), packedInstalled(r)]).toEqual([2, 0b1111, 0]);
  });

  it('the memo returns what the simulation does', () => {
    const wt = windowTable('buggy');
    const memo = new OrderedWindowMemo(wt, true);
    for (const [mask, desc, p, r] of [
      [0xff, false, 0, 0],
      [0x3c, true, 0b1000_0001, 0b1],
      [0xff, false, 0b10, 0],
    ] as const) {
      const order = [...Array(8).keys()].filter((j) => mask & (1 << j));
      if (desc) order.reverse();
      const want = simulateCleanWindow(p, r, order, order.length, true, wt);
      expect(memo.result(mask, desc, p, r)).toBe(want);
      expect(memo.result(mask, desc, p, r)).toBe(want);
    }
  });

  it('orderFullWindow sorts positions by time', () => {
    const times = Uint32Array.from([50, 3, 2 ** 28 - 1, 7, 0, 9, 8, 6]);
    const ord = new Uint8Array(8);
    orderFullWindow(times, 0, ord);
    expect([...ord]).toEqual([4, 1, 7, 3, 6, 5, 0, 2]);
  });
});
