import { POPCOUNT8 } from '../windowTable.ts';

const EMPTY = 0xffffffff; // never a result: it would mean 15 faults and 15 hits in one window
const MAX_MEMOS = 64;

/**
 * One 8-entry window of a shadow page (guest paging on), its accesses in time order: the walk of
 * bulkShadow.ts's per-access path, for a window whose entries' FNAME(prefetch_gpte) outcomes are
 * known in advance. Bit j of `ok` is set when entry j would be prefetched (valid guest PTE, usable
 * memslot, resident page); of `skip`, when it would be skipped (an invalid guest PTE, before
 * v3.8); any other not-present entry ends the walk. These cannot change during a run when no
 * page of the run can be faulted in for another GVA page (see shadowPattern.ts), and the window
 * walk reads and writes only its own window, so the window's result depends only on its bytes,
 * the masks and its accesses' order.
 *
 * A fault installs the faulting entry, then visits the other not-present entries in window order:
 * each is one prefetch_gpte call; ok ones are prefetched, skip ones fail and the walk goes on, and
 * the first other one fails and ends the walk. So one fault is a few masks, no loop. With
 * `tracked` (prefetched SPTEs are access-tracked: a nested EPT MMU without A/D bits) the first
 * touch of a prefetched entry is a fault too, not a hit.
 *
 * `simulate` returns bits 0-7 present, 8-15 prefetched, 16-19 faults, 20-23 entries prefetched,
 * 24-27 prefetch hits (each at most 15), and leaves the calls and failed calls in `calls` and
 * `failed` (skipped entries can be tried again by every fault of the window).
 */
export class ShadowWindow {
  calls = 0;
  failed = 0;
  private readonly memos = new Map<number, { v: Uint32Array; x: Uint32Array }>();
  private lastKey = -1;
  private last: { v: Uint32Array; x: Uint32Array } | undefined;
  private readonly order = new Uint8Array(8);

  constructor(private readonly tracked: boolean) {}

  simulate(
    present: number,
    prefetched: number,
    order: ArrayLike<number>,
    len: number,
    ok: number,
    skip: number,
  ): number {
    let p = present;
    let r = prefetched;
    let faults = 0;
    let installed = 0;
    let calls = 0;
    let failed = 0;
    let hits = 0;
    const trk = this.tracked ? 1 : 0;
    const stop = ~(ok | skip) & 0xff;
    // Branch-free, as simulateCleanWindow: in random order a fault is a coin toss per access.
    for (let k = 0; k < len; k++) {
      const pos = order[k]!;
      const bit = 1 << pos;
      const was = (r >> pos) & 1;
      const miss = (((p >> pos) & 1) ^ 1) | (was & trk);
      hits += was & (trk ^ 1);
      r &= ~bit;
      faults += miss;
      const notPresent = ~(p | bit) & 0xff;
      const end = notPresent & stop;
      const first = end & -end; // the entry that ends the walk, or 0
      // Entries visited before it (all of them when none does: first - 1 is then -1).
      const seen = notPresent & (first - 1) & -miss;
      const got = seen & ok;
      const ended = (-first >>> 31) & miss;
      installed += POPCOUNT8[got]!;
      calls += POPCOUNT8[seen]! + ended;
      failed += POPCOUNT8[seen & skip]! + ended;
      p |= got | bit;
      r |= got;
    }
    this.calls = calls;
    this.failed = failed;
    return (p | (r << 8) | (faults << 16) | (installed << 20) | (hits << 24)) >>> 0;
  }

  /**
   * simulate() for the entries `mask` visited low to high (or high to low): sequential, reverse
   * and stride patterns. Memoised by the entries touched, the direction and the masks, then by the
   * window's bytes: a linear guest table over clean memory has one key and mostly one state.
   */
  ordered(
    mask: number,
    descending: boolean,
    ok: number,
    skip: number,
    present: number,
    prefetched: number,
  ): number {
    const key = mask | (descending ? 0x100 : 0) | (ok << 9) | (skip << 17);
    let memo = this.last;
    if (key !== this.lastKey) {
      memo = this.memos.get(key);
      if (!memo && this.memos.size < MAX_MEMOS) {
        memo = { v: new Uint32Array(65536).fill(EMPTY), x: new Uint32Array(65536) };
        this.memos.set(key, memo);
      }
      this.lastKey = key;
      this.last = memo;
    }
    const idx = (present << 8) | prefetched;
    if (memo && memo.v[idx] !== EMPTY) {
      const x = memo.x[idx]!;
      this.calls = x & 0xffff;
      this.failed = x >>> 16;
      return memo.v[idx]!;
    }
    let len = 0;
    for (let k = 0; k < 8; k++) {
      const pos = descending ? 7 - k : k;
      if (mask & (1 << pos)) this.order[len++] = pos;
    }
    const v = this.simulate(present, prefetched, this.order, len, ok, skip);
    if (memo) {
      memo.v[idx] = v;
      memo.x[idx] = (this.calls | (this.failed << 16)) >>> 0;
    }
    return v;
  }
}
