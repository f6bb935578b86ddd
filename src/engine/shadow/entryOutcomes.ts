import type { HostMemory } from '../hostMemory.ts';
import { PTE_PREFETCH_NUM, SPTES_PER_TABLE } from '../types.ts';
import type { GuestTables } from './guestTables.ts';
import { isGpteInvalid, prefetchGpteFailure } from './prefetchGpte.ts';

const NONE: ReadonlySet<number> = new Set();
const FAILS = 0;
const OK = 1;
const SKIPPED = 2;
const UNKNOWN = -1;

/**
 * What FNAME(prefetch_gpte) would do with each entry of one GVA page table, as window masks: bit j
 * of ok[w] when entry j of window w would be prefetched, of skip[w] when an old kernel skips it
 * (an invalid guest PTE, before v3.8); any other entry ends the walk. The decision is always
 * prefetchGpteFailure's (what step mode and the per-access path call), asked once per uniform
 * piece: a run of GVA pages in one guest PTE segment whose GFNs lie in one memslot and are all
 * resident (same guest PTE flags, same slot, same residency), or a gap without guest PTEs. Other
 * pages are asked one by one. A table inside the same segment and slot as the table before reuses
 * its answer, so a linear guest table costs a few comparisons per table.
 */
export class EntryOutcomes {
  readonly ok = new Uint8Array(SPTES_PER_TABLE / PTE_PREFETCH_NUM);
  readonly skip = new Uint8Array(SPTES_PER_TABLE / PTE_PREFETCH_NUM);
  /** OK/FAILS/SKIPPED when the whole last table had that outcome, else UNKNOWN. */
  uniform = UNKNOWN;
  private lastSeg = -1;
  private lastSlot = -1;
  private lastClass = UNKNOWN;

  constructor(
    private readonly gt: GuestTables,
    private readonly host: HostMemory,
    private readonly guestAd: boolean,
    private readonly skipInvalid: boolean,
  ) {}

  /** Fills ok and skip for the table at `base` (and `uniform` when one outcome covers it). */
  classify(base: number): void {
    const { gt, host } = this;
    const end = base + SPTES_PER_TABLE;
    const seg = gt.segmentOf(base);
    if (seg >= 0 && seg === this.lastSeg && gt.segmentEnd(seg) >= end) {
      const g0 = gt.gfnOf(seg, base);
      if (this.sameSlotResident(g0, SPTES_PER_TABLE)) return this.fill(this.lastClass);
    }
    this.ok.fill(0);
    this.skip.fill(0);
    this.uniform = UNKNOWN;
    let v = base;
    while (v < end) {
      const s = gt.segmentOf(v);
      if (s < 0) {
        // No guest PTE up to the next segment: one answer for the gap.
        const next = gt.segmentFrom(v);
        const stop = next < gt.segmentCount ? Math.min(end, gt.segmentStart(next)) : end;
        this.mark(base, v, stop, this.outcome(v));
        v = stop;
        continue;
      }
      const stop = Math.min(end, gt.segmentEnd(s));
      const g = gt.gfnOf(s, v);
      const slot = host.slotOf(g);
      if (slot >= 0 && host.slotEnd(slot) >= g + (stop - v) && host.allResident(g, stop - v)) {
        const c = this.outcome(v);
        this.mark(base, v, stop, c);
        if (v === base && stop === end) {
          this.lastSeg = s;
          this.lastSlot = slot;
          this.lastClass = c;
          this.uniform = c;
        }
      } else for (let e = v; e < stop; e++) this.mark(base, e, e + 1, this.outcome(e));
      v = stop;
    }
  }

  private sameSlotResident(g0: number, count: number): boolean {
    const { host } = this;
    const slot = host.slotOf(g0);
    return slot === this.lastSlot && host.slotEnd(slot) >= g0 + count && host.allResident(g0, count);
  }

  private fill(c: number): void {
    if (this.uniform === c) return; // the masks already say so
    this.ok.fill(c === OK ? 0xff : 0);
    this.skip.fill(c === SKIPPED ? 0xff : 0);
    this.uniform = c;
  }

  private outcome(gva: number): number {
    const reason = prefetchGpteFailure(this.gt, this.host, this.guestAd, gva, NONE);
    return reason === null ? OK : this.skipInvalid && isGpteInvalid(reason) ? SKIPPED : FAILS;
  }

  /** Marks the GVA pages [from, to) of the table at base with outcome c. */
  private mark(base: number, from: number, to: number, c: number): void {
    if (c === FAILS) return;
    const arr = c === OK ? this.ok : this.skip;
    for (let e = from - base; e < to - base; e++) arr[e >> 3]! |= 1 << (e & 7);
  }
}
