import type { HostMemory } from './hostMemory.ts';
import { simulateCleanWindow } from './bulkWindow.ts';
import { WINDOW_RECORD } from './windowTable.ts';
import type { WindowTable } from './windowTable.ts';

/** Every batch installs its resident prefix (one clean memslot holds the window). */
export const WINDOW_RESIDENT = 0;
/** Every batch fails (one dirty-logged or read-only memslot holds the window). */
export const WINDOW_FAILS = 1;
/** The window crosses a memslot boundary or a hole: batches must ask the host one by one. */
export const WINDOW_SLOW = 2;

/** Trailing one bits of a byte: the resident prefix of a run starting at bit 0. */
const TRAILING_ONES: Uint8Array = Uint8Array.from({ length: 256 }, (_, v) => {
  let n = 0;
  while (n < 8 && v & (1 << n)) n++;
  return n;
});

/**
 * What direct_pte_prefetch_many() does for any run inside each window of one page table that is
 * not clean (dirty logging, a read-only slot, non-resident pages, slot ends), so that such tables
 * also go window by window instead of one access at a time with a host lookup per batch (which
 * made a dirty-logged or partly resident guest several times slower than a clean one).
 *
 * A batch asks the memslot of its first GFN, then whether the run fits in that slot, then the
 * resident prefix. For a window inside one memslot, no run can cross the slot's end, so the
 * outcome of any run depends only on the slot's flags (dirty logging or read-only: every batch
 * fails) and on which of the window's pages are resident (a batch installs the resident prefix of
 * its run and fails when that is empty). Windows across a slot boundary or a hole stay WINDOW_SLOW.
 */
export class WindowKinds {
  readonly kind = new Uint8Array(64);
  /** Bit j set: page j of the window is resident. */
  readonly resident = new Uint8Array(64);

  classify(host: HostMemory, base: number): void {
    const s0 = host.slotOf(base);
    if (s0 >= 0 && host.slotEnd(s0) >= base + 512) {
      this.kind.fill(host.isDirtyLogged(s0) || host.isReadonly(s0) ? WINDOW_FAILS : WINDOW_RESIDENT);
    } else {
      for (let w = 0; w < 64; w++) {
        const first = base + w * 8;
        const s = host.slotOf(first);
        this.kind[w] =
          s < 0 || host.slotEnd(s) < first + 8
            ? WINDOW_SLOW
            : host.isDirtyLogged(s) || host.isReadonly(s)
              ? WINDOW_FAILS
              : WINDOW_RESIDENT;
      }
    }
    host.residentBits(base, this.resident);
  }
}

/**
 * One window's accesses in time order, like simulateCleanWindow (and packed the same way, but
 * with the calls field 0), for a window whose batches follow `kind` and `resident`. Calls and
 * failed calls can pass 15 here (a failed batch leaves its run to be tried again), so they are
 * left in `calls` and `failed`.
 */
export class KindWindow {
  failed = 0;
  calls = 0;

  constructor(
    private readonly wt: WindowTable,
    private readonly prefetchOn: boolean,
    private readonly tracked = false,
  ) {}

  simulate(
    present: number,
    prefetched: number,
    order: ArrayLike<number>,
    len: number,
    kind: number,
    resident: number,
  ): number {
    this.failed = 0;
    if (kind === WINDOW_RESIDENT && resident === 0xff) {
      const v = simulateCleanWindow(present, prefetched, order, len, this.prefetchOn, this.wt, this.tracked);
      this.calls = (v >>> 24) & 0xf;
      return (v & ~(0xf << 24)) >>> 0;
    }
    if (kind === WINDOW_FAILS) return this.failing(present, prefetched, order, len);
    const { runs, runCount } = this.wt;
    let p = present;
    let r = prefetched;
    let faults = 0;
    let installed = 0;
    let calls = 0;
    let hits = 0;
    let failed = 0;
    for (let k = 0; k < len; k++) {
      const pos = order[k]!;
      const bit = 1 << pos;
      if (p & bit) {
        if (!(r & bit)) continue;
        r &= ~bit;
        if (!this.tracked) {
          hits++;
          continue;
        }
        // Access-tracked (a shadow MMU without A/D bits): the first touch faults.
      }
      faults++;
      // The case is indexed by the present bits before the fault (the faulting entry acts present).
      const c = (p << 3) | pos;
      p |= bit;
      const n = this.prefetchOn ? runCount[c]! : 0;
      if (n === 0) continue;
      const rec = c * WINDOW_RECORD;
      for (let i = 0; i < n; i++) {
        const off = runs[rec + 1 + i * 2]!;
        const got = Math.min(runs[rec + 2 + i * 2]!, TRAILING_ONES[(resident >> off) & 0xff]!);
        calls++;
        if (got === 0) {
          failed++;
          break;
        }
        const mask = ((1 << got) - 1) << off;
        p |= mask;
        r |= mask;
        installed += got;
      }
    }
    this.failed = failed;
    this.calls = calls;
    return (p | (r << 8) | (faults << 16) | (installed << 20) | (hits << 28)) >>> 0;
  }

  /**
   * A window whose every batch fails: a fault installs only the faulting entry, and its walk is
   * one failed call when the case has a run at all. Branch-free, like simulateCleanWindow (a
   * dirty-logged guest in random order faults on a coin toss per access).
   */
  private failing(present: number, prefetched: number, order: ArrayLike<number>, len: number): number {
    const { runCount } = this.wt;
    const on = this.prefetchOn ? 1 : 0;
    const trk = this.tracked ? 1 : 0;
    let p = present;
    let r = prefetched;
    let faults = 0;
    let calls = 0;
    let hits = 0;
    for (let k = 0; k < len; k++) {
      const pos = order[k]!;
      const bit = 1 << pos;
      const was = (r >> pos) & 1;
      const miss = (((p >> pos) & 1) ^ 1) | (was & trk);
      hits += was & (trk ^ 1);
      r &= ~bit;
      faults += miss;
      calls += (-runCount[(p << 3) | pos]! >>> 31) & miss & on;
      p |= bit;
    }
    this.failed = calls;
    this.calls = calls;
    return (p | (r << 8) | (faults << 16) | (hits << 28)) >>> 0;
  }
}
