import type { BatchFailReason, GfnRange, Memslot } from './types.ts';

export interface BatchOutcome {
  /** Pages installed: the resident prefix of the run, or 0 on failure. */
  installed: number;
  reason?: BatchFailReason;
}

/**
 * Guest memslots and host residency: everything direct_pte_prefetch_many() asks of the host.
 * Slots are sorted once so each batch costs one binary search, mirroring the kernel's single
 * memslot lookup for the first GFN of a run.
 */
export class HostMemory {
  private readonly base: Float64Array;
  private readonly end: Float64Array;
  private readonly flags: Uint8Array;
  private readonly nrLo: Float64Array;
  private readonly nrHi: Float64Array;

  constructor(slots: readonly Memslot[], nonResident: readonly GfnRange[]) {
    const sorted = [...slots].sort((a, b) => a.baseGfn - b.baseGfn);
    this.base = Float64Array.from(sorted, (s) => s.baseGfn);
    this.end = Float64Array.from(sorted, (s) => s.baseGfn + s.pages);
    this.flags = Uint8Array.from(sorted, (s) => (s.readonly ? 1 : 0) | (s.dirtyLog ? 2 : 0));
    const ranges = mergeRanges(nonResident);
    this.nrLo = Float64Array.from(ranges, (r) => r[0]);
    this.nrHi = Float64Array.from(ranges, (r) => r[1]);
  }

  /** Index of the slot holding gfn, or -1. */
  slotOf(gfn: number): number {
    let lo = 0;
    let hi = this.base.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (gfn < this.base[mid]!) hi = mid - 1;
      else if (gfn >= this.end[mid]!) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  slotEnd(slot: number): number {
    return this.end[slot]!;
  }

  isDirtyLogged(slot: number): boolean {
    return (this.flags[slot]! & 2) !== 0;
  }

  isReadonly(slot: number): boolean {
    return (this.flags[slot]! & 1) !== 0;
  }

  /** True when every GFN of [gfn, gfn + count) is resident on the host. */
  allResident(gfn: number, count: number): boolean {
    return this.residentPrefix(gfn, count) === count;
  }

  /** Number of consecutive resident pages from gfn, at most count (get_user_pages_fast_only). */
  residentPrefix(gfn: number, count: number): number {
    const n = this.nrLo.length;
    if (n === 0) return count;
    // First non-resident range that ends at or after gfn.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.nrHi[mid]! < gfn) lo = mid + 1;
      else hi = mid;
    }
    if (lo === n) return count;
    const first = this.nrLo[lo]!;
    if (first <= gfn) return 0;
    return Math.min(count, first - gfn);
  }

  /**
   * Fills out[w] with the resident pages of window w of the table at `base` (bit j: page
   * base + 8w + j), from one binary search and the non-resident ranges overlapping the table.
   */
  residentBits(base: number, out: Uint8Array): void {
    out.fill(0xff);
    const n = this.nrLo.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.nrHi[mid]! < base) lo = mid + 1;
      else hi = mid;
    }
    const end = base + out.length * 8;
    for (let i = lo; i < n && this.nrLo[i]! < end; i++) {
      const from = Math.max(base, this.nrLo[i]!) - base;
      const to = Math.min(end - 1, this.nrHi[i]!) - base;
      for (let e = from; e <= to; e++) out[e >> 3]! &= ~(1 << (e & 7));
    }
  }

  /**
   * direct_pte_prefetch_many() for the run [start, start + count), in the kernel's order of checks:
   * the slot lookup (none, or dirty-logged: direct pages always ask for write access), the
   * write-mode address lookup (read-only slots fail), the run fitting in the slot (a run crossing
   * the slot's end fails whole), then the resident prefix (zero fails; a shorter prefix succeeds).
   */
  batch(start: number, count: number): BatchOutcome {
    const slot = this.slotOf(start);
    if (slot < 0) return { installed: 0, reason: 'no-memslot' };
    const f = this.flags[slot]!;
    if (f & 2) return { installed: 0, reason: 'dirty-log' };
    if (f & 1) return { installed: 0, reason: 'readonly' };
    if (start + count > this.end[slot]!) return { installed: 0, reason: 'crosses-slot-end' };
    const installed = this.residentPrefix(start, count);
    if (installed === 0) return { installed: 0, reason: 'not-resident' };
    return { installed };
  }

  /**
   * Whether a fault with 2 MiB backing may install a 2 MiB mapping for the aligned region starting
   * at regionBase: the region lies wholly in one memslot that is not dirty-logged.
   */
  hugeAllowed(regionBase: number, regionPages: number): boolean {
    const slot = this.slotOf(regionBase);
    if (slot < 0 || this.isDirtyLogged(slot)) return false;
    return regionBase + regionPages <= this.end[slot]!;
  }

  /**
   * True when the run [start, start + count) needs none of the slow checks: one clean slot holds
   * it and every page is resident, so any batch inside it installs in full.
   */
  cleanSpan(start: number, count: number): boolean {
    const slot = this.slotOf(start);
    if (slot < 0 || this.flags[slot] !== 0) return false;
    if (start + count > this.end[slot]!) return false;
    return this.allResident(start, count);
  }
}

/** Sorts and merges inclusive ranges so residency lookups are one binary search. */
export function mergeRanges(ranges: readonly GfnRange[]): Array<[number, number]> {
  const sorted = ranges.map((r) => [r[0], r[1]] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}
