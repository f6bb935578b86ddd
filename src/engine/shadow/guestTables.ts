import type { GuestPaging, GuestPteRange } from '../types.ts';

/** Flag bits of a resolved guest PTE. */
export const GPTE_PRESENT = 1;
export const GPTE_ACCESSED = 2;
export const GPTE_RESERVED = 4;
export const GPTE_WRITABLE = 8;
export const GPTE_DIRTY = 16;

/** One guest PTE as a view or a test reads it. */
export interface GuestPte {
  gfn: number;
  present: boolean;
  accessed: boolean;
  reservedBits: boolean;
  writable: boolean;
  dirty: boolean;
}

/**
 * The guest's last-level page tables, resolved from the scenario's ranges into disjoint segments
 * sorted by GVA page. Ranges may overlap and a later range wins (so a single entry can override
 * part of a linear run). Lookups are a binary search, with the last segment cached because both
 * the accesses and the 8-entry window walk move through neighbouring GVA pages.
 */
export class GuestTables {
  private readonly lo: Float64Array;
  private readonly end: Float64Array;
  /** GFN mapped by the segment's first GVA page; the rest follow linearly. */
  private readonly base: Float64Array;
  private readonly flags: Uint8Array;
  private last = 0;

  constructor(ranges: readonly GuestPteRange[]) {
    const segs = resolve(ranges);
    this.lo = Float64Array.from(segs, (s) => s.lo);
    this.end = Float64Array.from(segs, (s) => s.end);
    this.base = Float64Array.from(segs, (s) => s.gfn);
    this.flags = Uint8Array.from(segs, (s) => s.flags);
  }

  get segmentCount(): number {
    return this.lo.length;
  }

  /** Index of the segment holding GVA page gva, or -1 when no guest PTE covers it. */
  segmentOf(gva: number): number {
    const c = this.last;
    if (c < this.lo.length && gva >= this.lo[c]! && gva < this.end[c]!) return c;
    let lo = 0;
    let hi = this.lo.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (gva < this.lo[mid]!) hi = mid - 1;
      else if (gva >= this.end[mid]!) lo = mid + 1;
      else {
        this.last = mid;
        return mid;
      }
    }
    return -1;
  }

  flagsOf(seg: number): number {
    return this.flags[seg]!;
  }

  /** GFN the guest PTE of gva maps; gva must lie in segment seg. */
  gfnOf(seg: number, gva: number): number {
    return this.base[seg]! + (gva - this.lo[seg]!);
  }

  /** One past the segment's last GVA page. */
  segmentEnd(seg: number): number {
    return this.end[seg]!;
  }

  /** The segment's first GVA page. */
  segmentStart(seg: number): number {
    return this.lo[seg]!;
  }

  /** Index of the first segment ending after GVA page gva (segmentCount when none does). */
  segmentFrom(gva: number): number {
    let lo = 0;
    let hi = this.end.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.end[mid]! <= gva) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The guest PTE of GVA page gva, or null when there is none (not present). */
  pte(gva: number): GuestPte | null {
    const s = this.segmentOf(gva);
    if (s < 0) return null;
    const f = this.flags[s]!;
    return {
      gfn: this.gfnOf(s, gva),
      present: (f & GPTE_PRESENT) !== 0,
      accessed: (f & GPTE_ACCESSED) !== 0,
      reservedBits: (f & GPTE_RESERVED) !== 0,
      writable: (f & GPTE_WRITABLE) !== 0,
      dirty: (f & GPTE_DIRTY) !== 0,
    };
  }
}

interface Segment {
  lo: number;
  end: number;
  gfn: number;
  flags: number;
}

function flagsOf(r: GuestPteRange): number {
  return (
    (r.present !== false ? GPTE_PRESENT : 0) |
    (r.accessed !== false ? GPTE_ACCESSED : 0) |
    (r.reservedBits === true ? GPTE_RESERVED : 0) |
    (r.writable !== false ? GPTE_WRITABLE : 0) |
    (r.dirty !== false ? GPTE_DIRTY : 0)
  );
}

/**
 * Later-wins resolution in O(n log n): sweep the sorted range boundaries, keeping the ranges that
 * cover the current point in a max-heap by their position in the list (stale ones are dropped
 * lazily when they reach the top). Adjacent pieces that continue the same linear mapping with the
 * same flags merge, so a plain linear run stays one segment.
 */
function resolve(ranges: readonly GuestPteRange[]): Segment[] {
  const points = [...new Set(ranges.flatMap((r) => [r.gvaPage, r.gvaPage + r.pages]))].sort((a, b) => a - b);
  const byStart = ranges.map((_, i) => i).sort((a, b) => ranges[a]!.gvaPage - ranges[b]!.gvaPage);
  const heap: number[] = [];
  const out: Segment[] = [];
  let next = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const p = points[k]!;
    while (next < byStart.length && ranges[byStart[next]!]!.gvaPage === p) heapPush(heap, byStart[next++]!);
    while (heap.length > 0 && endOf(ranges[heap[0]!]!) <= p) heapPop(heap);
    if (heap.length === 0) continue;
    const r = ranges[heap[0]!]!;
    const seg: Segment = { lo: p, end: points[k + 1]!, gfn: r.gfn + (p - r.gvaPage), flags: flagsOf(r) };
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.end === seg.lo &&
      prev.flags === seg.flags &&
      prev.gfn + (seg.lo - prev.lo) === seg.gfn
    ) {
      prev.end = seg.end;
    } else out.push(seg);
  }
  return out;
}

function endOf(r: GuestPteRange): number {
  return r.gvaPage + r.pages;
}

function heapPush(h: number[], x: number): void {
  h.push(x);
  let i = h.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (h[parent]! >= x) break;
    h[i] = h[parent]!;
    i = parent;
  }
  h[i] = x;
}

function heapPop(h: number[]): void {
  const x = h.pop()!;
  if (h.length === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= h.length) break;
    const c = l + 1 < h.length && h[l + 1]! > h[l]! ? l + 1 : l;
    if (h[c]! <= x) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = x;
}

const cache = new WeakMap<GuestPaging, GuestTables>();

/** The resolved tables of a scenario's guest, built once per guest object (machines fork often). */
export function guestTablesFor(guest: GuestPaging): GuestTables {
  let t = cache.get(guest);
  if (!t) {
    t = new GuestTables(guest.pageTables);
    cache.set(guest, t);
  }
  return t;
}

/** One guest page table (512 guest PTEs) as a view draws it beside the shadow page. */
export interface GuestTableView {
  /** GFN each entry maps (NaN where there is no guest PTE). */
  gfn: Float64Array;
  /** GPTE_* flag bits per entry; 0 where there is no guest PTE (not present). */
  flags: Uint8Array;
}

/** The guest page table covering GVA pages [tableBase, tableBase + 512). */
export function guestTableView(guest: GuestPaging, tableBase: number): GuestTableView {
  const t = guestTablesFor(guest);
  const gfn = new Float64Array(512).fill(Number.NaN);
  const flags = new Uint8Array(512);
  for (let i = 0; i < 512; i++) {
    const s = t.segmentOf(tableBase + i);
    if (s < 0) continue;
    gfn[i] = t.gfnOf(s, tableBase + i);
    flags[i] = t.flagsOf(s);
  }
  return { gfn, flags };
}
