import { POPCOUNT8 } from '../windowTable.ts';

/**
 * One 8-entry window of a shadow page (guest paging on), its accesses in time order: the walk of
 * bulkShadow.ts's per-access path, for a window whose entries' FNAME(prefetch_gpte) outcomes are
 * known in advance. `ok` has bit j set when entry j's guest PTE would be prefetched (valid guest
 * PTE, usable memslot, resident page); that cannot change during a run when no page of the run
 * can be faulted in (see shadowPattern.ts), and the window walk reads and writes only its own
 * window, so the window's result depends only on its bytes, `ok` and its accesses' order.
 *
 * A fault installs the faulting entry, then visits the other not-present entries in window order:
 * each is one prefetch_gpte call, prefetched when its `ok` bit is set, and the first that is not
 * ends the walk (a failed call). So one fault installs every not-present entry below the first
 * not-present entry that fails: a mask, no loop.
 *
 * Packed like bulkWindow.ts's simulateCleanWindow: bits 0-7 present, 8-15 prefetched, 16-19
 * faults, 20-23 entries prefetched, 24-27 prefetch_gpte calls, 28-31 prefetch hits. Each call
 * either prefetches one entry or fails, so failed calls = calls - prefetched. Counts fit: at most
 * 8 faults, 7 entries prefetched, 7 hits, and calls <= prefetched + faults <= 15.
 */
export function simulateShadowWindow(
  present: number,
  prefetched: number,
  order: ArrayLike<number>,
  len: number,
  ok: number,
): number {
  let p = present;
  let r = prefetched;
  let faults = 0;
  let installed = 0;
  let calls = 0;
  let hits = 0;
  const bad = ~ok & 0xff;
  // Branch-free, as simulateCleanWindow: in random order a fault is a coin toss per access.
  for (let k = 0; k < len; k++) {
    const pos = order[k]!;
    const bit = 1 << pos;
    const miss = ((p >> pos) & 1) ^ 1;
    hits += (r >> pos) & 1;
    r &= ~bit;
    faults += miss;
    const notPresent = ~(p | bit) & 0xff;
    const fail = notPresent & bad;
    const first = fail & -fail; // lowest failing entry, or 0
    // Entries below the first failure (all of them when none fails: first - 1 is then -1).
    const got = notPresent & (first - 1) & -miss;
    installed += POPCOUNT8[got]!;
    calls += (POPCOUNT8[got]! + ((-first >>> 31) & 1)) & -miss;
    p |= got | bit;
    r |= got;
  }
  return (p | (r << 8) | (faults << 16) | (installed << 20) | (calls << 24) | (hits << 28)) >>> 0;
}

const EMPTY = 0xffffffff; // never a result: it would mean 15 faults in one window
const MAX_MEMOS = 64;

/**
 * Memoised shadow windows for ascending or descending visits (sequential, reverse and stride
 * patterns), keyed by the entries touched, the direction and `ok`, then by the window's bytes. A
 * linear guest table over clean memory has one key and mostly one state per pattern.
 */
export class ShadowWindowMemo {
  private readonly memos = new Map<number, Uint32Array>();
  private lastKey = -1;
  private last: Uint32Array | undefined;
  private readonly order = new Uint8Array(8);

  result(mask: number, descending: boolean, ok: number, present: number, prefetched: number): number {
    const key = mask | (descending ? 0x100 : 0) | (ok << 9);
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
    const v = simulateShadowWindow(present, prefetched, this.order, len, ok);
    if (memo) memo[idx] = v;
    return v;
  }
}
