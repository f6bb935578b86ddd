import { POPCOUNT8 } from './windowTable.ts';
import type { WindowTable } from './windowTable.ts';

/**
 * One 8-entry window's accesses, in time order, inside a *clean* table (one clean memslot holds
 * the whole table and every page is resident, and no 2 MiB mapping can happen there).
 *
 * Why a window can be simulated on its own: the window walk only ever reads and writes the
 * faulting entry's own window, and the host side (memslots, residency) never changes during a
 * run. So a window's final state and its share of the totals depend only on its initial bytes
 * and the order of its own accesses. In a clean table every batch installs in full, so one fault
 * is one lookup in the window table (fastMask, runCount): the same lookup the per-access path
 * takes, not a separate formula.
 *
 * The result is packed into 32 bits so it can be memoised in a typed array:
 *   bits 0-7 present, 8-15 prefetched, 16-19 faults, 20-23 prefetched entries,
 *   24-27 batch calls, 28-31 prefetch hits.
 * Each count is at most 8: an entry goes from not-present to present at most once, each fault
 * needs a not-present entry, each successful batch installs at least one, and each hit clears
 * one prefetched entry.
 */
export function simulateCleanWindow(
  present: number,
  prefetched: number,
  order: ArrayLike<number>,
  len: number,
  prefetchOn: boolean,
  wt: WindowTable,
  tracked = false,
): number {
  let p = present;
  let r = prefetched;
  let faults = 0;
  let installed = 0;
  let calls = 0;
  let hits = 0;
  const { fastMask, runCount } = wt;
  const on = prefetchOn ? -1 : 0;
  const trk = tracked ? 1 : 0;
  // Branch-free on purpose: in random order "present or not" is a coin toss per access, and
  // mispredicted branches cost more than the few extra operations. `miss` is 1 for a fault.
  for (let k = 0; k < len; k++) {
    const pos = order[k]!;
    const bit = 1 << pos;
    const was = (r >> pos) & 1;
    // A present entry that was prefetched: the first touch sets its accessed bit, no fault; an
    // access-tracked one (a shadow MMU without A/D bits) faults instead.
    const miss = (((p >> pos) & 1) ^ 1) | (was & trk);
    hits += was & (trk ^ 1);
    r &= ~bit;
    faults += miss;
    // On a fault, the case is indexed by the present bits *before* it: the faulting entry is
    // treated as present by the walk and is never in a batch.
    const c = (p << 3) | pos;
    const take = -miss & on;
    const mask = fastMask[c]! & take;
    installed += POP[mask]!;
    calls += runCount[c]! & take;
    p |= mask | bit;
    r |= mask;
  }
  return (p | (r << 8) | (faults << 16) | (installed << 20) | (calls << 24) | (hits << 28)) >>> 0;
}

export const packedPresent = (v: number): number => v & 0xff;
export const packedPrefetched = (v: number): number => (v >>> 8) & 0xff;
export const packedFaults = (v: number): number => (v >>> 16) & 0xf;
export const packedInstalled = (v: number): number => (v >>> 20) & 0xf;
export const packedCalls = (v: number): number => (v >>> 24) & 0xf;
export const packedHits = (v: number): number => v >>> 28;

const POP = POPCOUNT8;
const EMPTY = 0xffffffff; // never a result: it would mean 15 faults in one window
/** More distinct (mask, direction) keys than this are simulated without memo (bounded memory). */
const MAX_MEMOS = 32;

/**
 * Memoised clean-window results for accesses in ascending or descending GFN order (sequential,
 * reverse and stride patterns), keyed by which entries are touched and in which direction, then
 * by the window's (present, prefetched) bytes. A 1 TiB sequential run has one key and mostly one
 * state (an untouched window), so 33 million windows become 33 million array reads.
 */
export class OrderedWindowMemo {
  private readonly memos = new Map<number, Uint32Array>();
  private lastKey = -1;
  private last: Uint32Array | undefined;
  private readonly order = new Uint8Array(8);

  constructor(
    private readonly wt: WindowTable,
    private readonly prefetchOn: boolean,
    private readonly tracked = false,
  ) {}

  /** The packed result for the touched entries `mask`, visited low to high or high to low. */
  result(mask: number, descending: boolean, present: number, prefetched: number): number {
    const key = mask | (descending ? 0x100 : 0);
    let memo = this.last;
    if (key !== this.lastKey) {
      memo = this.memos.get(key);
      if (!memo && this.memos.size < MAX_MEMOS) {
        memo = new Uint32Array(65536).fill(EMPTY);
        this.memos.set(key, memo);
      }
      this.lastKey = key;
      this.last = memo;
    }
    const idx = (present << 8) | prefetched;
    if (memo) {
      const v = memo[idx]!;
      if (v !== EMPTY) return v;
    }
    let len = 0;
    for (let k = 0; k < 8; k++) {
      const pos = descending ? 7 - k : k;
      if (mask & (1 << pos)) this.order[len++] = pos;
    }
    const v = simulateCleanWindow(
      present,
      prefetched,
      this.order,
      len,
      this.prefetchOn,
      this.wt,
      this.tracked,
    );
    if (memo) memo[idx] = v;
    return v;
  }
}

/**
 * Writes to `ord` the positions 0..7 of a full window ordered by access time, for random order:
 * keys are `time * 8 + position` (times below 2^28, so keys fit in int32) sorted by a 19-step
 * Batcher network, which has no data-dependent branches (random times mispredict half of them).
 */
export function orderFullWindow(times: Uint32Array, at: number, ord: Uint8Array): void {
  let a0 = (times[at]! << 3) | 0;
  let a1 = (times[at + 1]! << 3) | 1;
  let a2 = (times[at + 2]! << 3) | 2;
  let a3 = (times[at + 3]! << 3) | 3;
  let a4 = (times[at + 4]! << 3) | 4;
  let a5 = (times[at + 5]! << 3) | 5;
  let a6 = (times[at + 6]! << 3) | 6;
  let a7 = (times[at + 7]! << 3) | 7;
  // Compare-exchange without branches or Math.min/max (which compile to unpredictable branches
  // here): d is b - a when b < a, else 0. Keys are non-negative int32, so b - a cannot overflow.
  let d: number;
  d = (a1 - a0) & ((a1 - a0) >> 31);
  a0 += d;
  a1 -= d;
  d = (a3 - a2) & ((a3 - a2) >> 31);
  a2 += d;
  a3 -= d;
  d = (a5 - a4) & ((a5 - a4) >> 31);
  a4 += d;
  a5 -= d;
  d = (a7 - a6) & ((a7 - a6) >> 31);
  a6 += d;
  a7 -= d;
  d = (a2 - a0) & ((a2 - a0) >> 31);
  a0 += d;
  a2 -= d;
  d = (a3 - a1) & ((a3 - a1) >> 31);
  a1 += d;
  a3 -= d;
  d = (a6 - a4) & ((a6 - a4) >> 31);
  a4 += d;
  a6 -= d;
  d = (a7 - a5) & ((a7 - a5) >> 31);
  a5 += d;
  a7 -= d;
  d = (a2 - a1) & ((a2 - a1) >> 31);
  a1 += d;
  a2 -= d;
  d = (a6 - a5) & ((a6 - a5) >> 31);
  a5 += d;
  a6 -= d;
  d = (a4 - a0) & ((a4 - a0) >> 31);
  a0 += d;
  a4 -= d;
  d = (a5 - a1) & ((a5 - a1) >> 31);
  a1 += d;
  a5 -= d;
  d = (a6 - a2) & ((a6 - a2) >> 31);
  a2 += d;
  a6 -= d;
  d = (a7 - a3) & ((a7 - a3) >> 31);
  a3 += d;
  a7 -= d;
  d = (a4 - a2) & ((a4 - a2) >> 31);
  a2 += d;
  a4 -= d;
  d = (a5 - a3) & ((a5 - a3) >> 31);
  a3 += d;
  a5 -= d;
  d = (a2 - a1) & ((a2 - a1) >> 31);
  a1 += d;
  a2 -= d;
  d = (a4 - a3) & ((a4 - a3) >> 31);
  a3 += d;
  a4 -= d;
  d = (a6 - a5) & ((a6 - a5) >> 31);
  a5 += d;
  a6 -= d;
  ord[0] = a0 & 7;
  ord[1] = a1 & 7;
  ord[2] = a2 & 7;
  ord[3] = a3 & 7;
  ord[4] = a4 & 7;
  ord[5] = a5 & 7;
  ord[6] = a6 & 7;
  ord[7] = a7 & 7;
}

/** Largest permutation size for which orderFullWindow's int32 keys cannot overflow. */
export const FULL_WINDOW_SORT_MAX = 2 ** 28;
