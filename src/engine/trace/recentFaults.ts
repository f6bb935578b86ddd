import type { F64Column } from './columns.ts';

/** Windows remembered for set_spte events (a power of two). */
const WINDOW_CACHE = 1 << 14;
/** Faults looked back through for a hugepage set_spte (other vCPUs' faults may come between). */
const RECENT_FAULTS = 16;

/**
 * Which fault a kvm_mmu_set_spte belongs to: the last fault in its 8-entry window (the fault's
 * own entry, or a neighbour its walk prefetched: they never leave the window), or for a 2 MiB /
 * 1 GiB leaf, which names the first GFN of its region, the latest fault inside that region. The
 * windows are a direct-mapped cache, since set_spte events come right after their fault (a Map of
 * every window ever faulted would cost more than the rest of the parse).
 */
export class RecentFaults {
  private readonly windows = new Float64Array(WINDOW_CACHE).fill(-1);
  private readonly faults = new Int32Array(WINDOW_CACHE);

  add(page: number, index: number): void {
    const window = Math.floor(page / 8);
    const slot = window % WINDOW_CACHE;
    this.windows[slot] = window;
    this.faults[slot] = index;
  }

  /** The fault index for a set_spte, or -1; pages holds every fault's page so far. */
  of(gfn: number, level: number, pages: F64Column): number {
    if (level === 1) {
      const window = Math.floor(gfn / 8);
      const slot = window % WINDOW_CACHE;
      return this.windows[slot] === window ? this.faults[slot]! : -1;
    }
    const end = gfn + 512 ** (level - 1);
    for (let i = pages.length - 1; i >= Math.max(0, pages.length - RECENT_FAULTS); i--) {
      const page = pages.data[i]!;
      if (page >= gfn && page < end) return i;
    }
    return -1;
  }
}
