import {
  GPTE_ACCESSED,
  GPTE_DIRTY,
  GPTE_PRESENT,
  GPTE_RESERVED,
  GPTE_WRITABLE,
} from '../../engine/shadow/guestTables.ts';
import type { GuestTableView } from '../../engine/shadow/guestTables.ts';
import type { WalkView } from '../../engine/timeline.ts';
import { PTE_PREFETCH_NUM } from '../../engine/types.ts';
import type { ShadowFailReason } from '../../engine/types.ts';
import { hex } from '../../viz/format.ts';
import type { ArrowKind } from './arrowGeometry.ts';

/** One guest PTE of the window as drawn, with the arrow the walk has drawn from it so far. */
export interface GuestEntry {
  /** Index in the guest page table (and the shadow page): 0..511. */
  index: number;
  gva: number;
  /** GFN the guest PTE maps, or null when no guest PTE covers the GVA page. */
  gfn: number | null;
  present: boolean;
  accessed: boolean;
  reserved: boolean;
  writable: boolean;
  dirty: boolean;
  arrow: ArrowKind | null;
  reason: ShadowFailReason | null;
  /** The loop's current entry. */
  current: boolean;
}

/** Short reason words that fit under a shadow entry. */
export const REASON_SHORT: Record<ShadowFailReason, string> = {
  'gpte-not-present': 'not P',
  'gpte-not-accessed': 'A clear',
  'gpte-reserved': 'R bits',
  'no-memslot': 'no slot',
  'dirty-log': 'dirty log',
  readonly: 'read-only',
  'not-resident': 'no page',
};

/**
 * The 8 guest PTEs of window `first` (a table index, multiple of 8) and the arrows of the current
 * fault: the faulting entry's install as soon as the fault happens, then one per loop visit in
 * the order the walk reached them. Arrows belong to the fault being shown, so an access that did
 * not fault shows none.
 */
export function guestWindow(
  view: GuestTableView,
  tableBase: number,
  first: number,
  walk: WalkView,
): GuestEntry[] {
  const out: GuestEntry[] = [];
  const visits = walk.gpteVisits ?? [];
  for (let k = 0; k < PTE_PREFETCH_NUM; k++) {
    const index = first + k;
    const gva = tableBase + index;
    const f = view.flags[index] ?? 0;
    const g = view.gfn[index] ?? Number.NaN;
    const visit = visits.find((v) => v.entryGfn === gva);
    let arrow: ArrowKind | null = null;
    if (walk.faultGfn === gva) arrow = 'fault';
    if (visit && visit.outcome !== 'skip-faulting') arrow = visit.outcome;
    out.push({
      index,
      gva,
      gfn: Number.isNaN(g) ? null : g,
      present: (f & GPTE_PRESENT) !== 0,
      accessed: (f & GPTE_ACCESSED) !== 0,
      reserved: (f & GPTE_RESERVED) !== 0,
      writable: (f & GPTE_WRITABLE) !== 0,
      dirty: (f & GPTE_DIRTY) !== 0,
      arrow,
      reason: visit?.reason ?? null,
      current: walk.i !== null && walk.windowFirst === tableBase + first && walk.i === k,
    });
  }
  return out;
}

/** The accessible name of one guest PTE, with what the walk did with it. */
export function guestEntryLabel(e: GuestEntry): string {
  const pte =
    e.gfn === null
      ? `Guest PTE ${e.index}: none (not present)`
      : `Guest PTE ${e.index}: maps GFN ${hex(e.gfn)}, ${e.present ? 'present' : 'not present'}, ${
          e.accessed ? 'accessed' : 'Accessed bit clear'
        }${e.reserved ? ', reserved bits set' : ''}${e.writable ? '' : ', read-only'}${e.dirty ? '' : ', clean'}`;
  return `${pte}${arrowWords(e)}`;
}

function arrowWords(e: GuestEntry): string {
  switch (e.arrow) {
    case null:
      return '';
    case 'fault':
      return `; the fault installs SPTE ${e.index} from it`;
    case 'prefetched':
      return `; prefetched into SPTE ${e.index}`;
    case 'skip-present':
      return `; SPTE ${e.index} already present, skipped`;
    case 'skip-faulting':
      return '';
    case 'failed':
      return `; prefetch failed (${REASON_SHORT[e.reason ?? 'gpte-not-present']}), the walk stops`;
    case 'skipped':
      return `; skipped (${REASON_SHORT[e.reason ?? 'gpte-not-present']}), the walk goes on (before v3.8)`;
  }
}
