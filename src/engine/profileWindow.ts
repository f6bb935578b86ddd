import { WINDOW_RECORD } from './windowTable.ts';
import type { WindowTable } from './windowTable.ts';

/**
 * Batch-size tallies of every (present pattern, faulting position) case, packed as nibbles:
 * nibble len - 1 (bits 4*(len-1)..4*len-1, len 1..7) counts the case's batches of `len` entries.
 * A clean window makes at most 7 batch calls in all (each installs at least one of the 7 entries
 * that did not fault first), so window sums never carry out of a nibble.
 */
function caseBatchNibbles(wt: WindowTable): Int32Array {
  const out = new Int32Array(2048);
  for (let c = 0; c < 2048; c++) {
    const rec = c * WINDOW_RECORD;
    let v = 0;
    for (let r = 0; r < wt.runCount[c]!; r++) v += 1 << (4 * (wt.runs[rec + 2 + r * 2]! - 1));
    out[c] = v;
  }
  return out;
}

const EMPTY = 0xffffffff;
const MAX_MEMOS = 32;

/**
 * The clean-window model of bulkWindow.ts (simulateCleanWindow), traced: which entries faulted
 * and which a prefetch installed, so the profile can place each fault at its access time and
 * count batches by size. Same lookups (fastMask, runCount) as the engine, so the two agree; the
 * tests hold it to step mode too.
 *
 * `trace` returns present | prefetched << 8 | faultMask << 16 | installedMask << 24 (unsigned)
 * and leaves in `hits` the prefetch hits and in `batches` the batch-size nibbles
 * (see caseBatchNibbles).
 */
export class WindowTracer {
  hits = 0;
  batches = 0;
  private readonly nibbles: Int32Array;
  private readonly memos = new Map<number, { v: Uint32Array; x: Uint32Array }>();
  private readonly order = new Uint8Array(8);

  constructor(
    private readonly wt: WindowTable,
    private readonly prefetchOn: boolean,
  ) {
    this.nibbles = caseBatchNibbles(wt);
  }

  trace(present: number, prefetched: number, order: ArrayLike<number>, len: number): number {
    let p = present;
    let r = prefetched;
    let faults = 0;
    let installed = 0;
    let hits = 0;
    let batches = 0;
    const { fastMask } = this.wt;
    const { nibbles } = this;
    const on = this.prefetchOn ? -1 : 0;
    // Branch-free like simulateCleanWindow: in random order a fault is a coin toss per access.
    for (let k = 0; k < len; k++) {
      const pos = order[k]!;
      const bit = 1 << pos;
      const miss = ((p >> pos) & 1) ^ 1;
      hits += (r >> pos) & 1;
      r &= ~bit;
      faults |= bit & -miss;
      const c = (p << 3) | pos;
      const take = -miss & on;
      const mask = fastMask[c]! & take;
      batches += nibbles[c]! & take;
      installed |= mask;
      p |= mask | bit;
      r |= mask;
    }
    this.hits = hits;
    this.batches = batches;
    return (p | (r << 8) | (faults << 16) | (installed << 24)) >>> 0;
  }

  /** trace() for the entries `mask` visited low to high (or high to low), memoised. */
  ordered(mask: number, descending: boolean, present: number, prefetched: number): number {
    const key = mask | (descending ? 0x100 : 0);
    let memo = this.memos.get(key);
    if (!memo && this.memos.size < MAX_MEMOS) {
      memo = { v: new Uint32Array(65536).fill(EMPTY), x: new Uint32Array(65536) };
      this.memos.set(key, memo);
    }
    const idx = (present << 8) | prefetched;
    if (memo && memo.v[idx] !== EMPTY) {
      const x = memo.x[idx]!;
      this.batches = x & 0xfffffff;
      this.hits = x >>> 28;
      return memo.v[idx]!;
    }
    let len = 0;
    for (let k = 0; k < 8; k++) {
      const pos = descending ? 7 - k : k;
      if (mask & (1 << pos)) this.order[len++] = pos;
    }
    const v = this.trace(present, prefetched, this.order, len);
    if (memo) {
      memo.v[idx] = v;
      memo.x[idx] = (this.batches | (this.hits << 28)) >>> 0;
    }
    return v;
  }
}

/** Adds batch-size nibbles (see caseBatchNibbles) into sizes[1..7]; returns the number of batches. */
export function addBatchNibbles(nibbles: number, sizes: Float64Array): number {
  if (nibbles === 0) return 0;
  let calls = 0;
  for (let len = 1; len <= 7; len++) {
    const c = (nibbles >>> (4 * (len - 1))) & 15;
    sizes[len]! += c;
    calls += c;
  }
  return calls;
}

export const tracedFaults = (v: number): number => (v >>> 16) & 0xff;
export const tracedInstalled = (v: number): number => v >>> 24;
