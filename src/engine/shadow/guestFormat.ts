import {
  fail,
  flag,
  gfn,
  gfnSpace,
  grouped,
  hex,
  integer,
  MAX_GFN,
  MAX_RANGES,
  object,
  required,
} from '../formatCheck.ts';
import type { AddressSpace, Coverage } from '../formatCheck.ts';
import type { GuestPaging, GuestPteRange } from '../types.ts';
import { GPTE_PRESENT, GPTE_RESERVED, guestTablesFor } from './guestTables.ts';

/*
 * The `guest` object of a shadow-paging scenario (`"mmu": "shadow"`):
 *
 *   { "paging": true, "pageTables": [{ "gvaPage", "pages", "gfn", "accessed"?, "present"?,
 *     "reservedBits"?, "writable"?, "dirty"? }, ...] }
 *
 * Each entry is a run of guest PTEs mapping GVA pages [gvaPage, gvaPage + pages) to GFNs
 * [gfn, gfn + pages). Entries may overlap: a later entry overrides an earlier one, so a linear run
 * followed by single entries (pages: 1) describes a scattered table. GVA pages no entry covers have
 * no present guest PTE. With "paging": false there are no guest page tables: GVA = GPA.
 *
 * MAX_GVA_PAGE (exclusive) is 2^45: GVA page numbers are virtual addresses >> 12 in a 57-bit
 * (5-level paging) address space, without sign extension.
 */
export const MAX_GVA_PAGE = 2 ** 45;

const GUEST_KEYS = ['paging', 'pageTables'] as const;
const PTE_KEYS = [
  'gvaPage',
  'pages',
  'gfn',
  'accessed',
  'present',
  'reservedBits',
  'writable',
  'dirty',
] as const;

export function gvaPage(v: unknown, path: string): number {
  const n = integer(v, path);
  if (n >= MAX_GVA_PAGE) fail(path, `must be below ${hex(MAX_GVA_PAGE)} (57-bit guest virtual addresses)`);
  return n;
}

/** Validates the `guest` object and fills every default. */
export function guestPaging(v: unknown, path: string): GuestPaging {
  const o = object(v, path, GUEST_KEYS);
  const paging = flag(o.paging, `${path}.paging`, true);
  const tablesPath = `${path}.pageTables`;
  if (!paging) {
    // Paging off: GVA = GPA through direct shadow pages; guest PTEs would mean nothing.
    if (o.pageTables !== undefined && !(Array.isArray(o.pageTables) && o.pageTables.length === 0))
      fail(tablesPath, 'only allowed when paging is true (with paging off, GVA = GPA)');
    return { paging, pageTables: [] };
  }
  const list = required(o, 'pageTables', path);
  if (!Array.isArray(list)) fail(tablesPath, 'must be an array of guest PTE ranges');
  if (list.length > MAX_RANGES) fail(tablesPath, `too many ranges: at most ${grouped(MAX_RANGES)}`);
  const pageTables = list.map((item: unknown, i): GuestPteRange => {
    const p = `${tablesPath}[${i}]`;
    const e = object(item, p, PTE_KEYS);
    const first = gvaPage(required(e, 'gvaPage', p), `${p}.gvaPage`);
    const pages = integer(required(e, 'pages', p), `${p}.pages`, 1);
    const g = gfn(required(e, 'gfn', p), `${p}.gfn`);
    if (first + pages > MAX_GVA_PAGE)
      fail(
        `${p}.pages`,
        `range ends beyond GVA page ${hex(MAX_GVA_PAGE - 1)} (57-bit guest virtual addresses)`,
      );
    if (g + pages > MAX_GFN)
      fail(`${p}.pages`, `range maps beyond GFN ${hex(MAX_GFN - 1)} (52-bit guest physical addresses)`);
    const out: GuestPteRange = {
      gvaPage: first,
      pages,
      gfn: g,
      accessed: flag(e.accessed, `${p}.accessed`, true),
      present: flag(e.present, `${p}.present`, true),
      reservedBits: flag(e.reservedBits, `${p}.reservedBits`, false),
    };
    // Left out when true (the default), so scenarios from before these bits parse to equal objects.
    if (flag(e.writable, `${p}.writable`, true) === false) out.writable = false;
    if (flag(e.dirty, `${p}.dirty`, true) === false) out.dirty = false;
    return out;
  });
  return { paging, pageTables };
}

/**
 * Accesses and `present` ranges of a shadow scenario. With guest paging on they are GVA pages, and
 * each must have a present guest PTE without reserved bits (otherwise the guest's own walk fails
 * and the guest takes a #PF: KVM injects it, no SPTE is installed) mapping a GFN inside a memslot
 * (otherwise it is MMIO, which this model does not cover). A clear Accessed bit is fine: the
 * guest walk sets it. With guest paging off they are GFNs, as for the legacy MMU.
 */
export function guestSpace(guest: GuestPaging, cover: Coverage): AddressSpace {
  if (!guest.paging) return gfnSpace(cover);
  const t = guestTablesFor(guest);
  return {
    number: gvaPage,
    check(lo, end, path) {
      let v = lo;
      while (v < end) {
        const s = t.segmentOf(v);
        if (s < 0 || (t.flagsOf(s) & GPTE_PRESENT) === 0)
          fail(path, `GVA page ${hex(v)} has no present guest PTE: the guest would take its own #PF`);
        if (t.flagsOf(s) & GPTE_RESERVED)
          fail(
            path,
            `GVA page ${hex(v)} has reserved bits set in its guest PTE: the guest would take its own #PF`,
          );
        const stop = Math.min(end, t.segmentEnd(s));
        const g = t.gfnOf(s, v);
        const gap = cover.firstGap(g, g + (stop - v));
        if (gap >= 0)
          fail(path, `GVA page ${hex(v + (gap - g))} maps GFN ${hex(gap)}, which is outside every memslot`);
        v = stop;
      }
    },
  };
}
