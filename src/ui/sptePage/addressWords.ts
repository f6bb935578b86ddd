import { guestTableView } from '../../engine/shadow/guestTables.ts';
import { PTE_PREFETCH_NUM } from '../../engine/types.ts';
import type { Scenario } from '../../engine/types.ts';
import { cellLabel, stateWord } from '../../viz/cellState.ts';
import type { CellState } from '../../viz/cellState.ts';
import { hex } from '../../viz/format.ts';

/**
 * How a page's entries are addressed. A legacy/TDP page (and a direct shadow page, guest paging
 * off, where GVA = GPA) covers GFNs; a shadow page under guest paging covers GVA pages, each
 * mapped by its guest PTE to a GFN of the guest's choosing.
 */
export interface Addressing {
  /** The GFN each entry's guest PTE maps (NaN where none), or null when entries are GFNs. */
  guestGfns: Float64Array | null;
}

export function addressingOf(scenario: Scenario, tableBase: number): Addressing {
  const g = scenario.mmu === 'shadow' ? scenario.guest : undefined;
  return { guestGfns: g?.paging ? guestTableView(g, tableBase).gfn : null };
}

/** "GFN 0x9", or under guest paging "GVA page 0x9 → GFN 0x1009" (or "no guest PTE"). */
export function entryAddress(a: Addressing, tableBase: number, index: number): string {
  const addr = tableBase + index;
  if (!a.guestGfns) return `GFN ${hex(addr)}`;
  const g = a.guestGfns[index] ?? Number.NaN;
  return `GVA page ${hex(addr)} → ${Number.isNaN(g) ? 'no guest PTE' : `GFN ${hex(g)}`}`;
}

/** The overview entry's accessible name; it keeps the "SPTE <index>: <state>" start either way. */
export function overviewEntryLabel(
  a: Addressing,
  index: number,
  state: CellState,
  tableBase: number,
  extra: readonly string[],
): string {
  if (!a.guestGfns) return cellLabel(index, state, tableBase + index, extra);
  const hit = state === 'hit' ? ' (prefetch hit)' : '';
  return [`SPTE ${index}: ${stateWord(state)}${hit}`, entryAddress(a, tableBase, index), ...extra].join(', ');
}

/**
 * The addresses of entries [first, first + count): "GFN 0x8–0xf", or under guest paging
 * "GVA page 0x8–0xf → GFN 0x1008–0x100f" when the guest maps them linearly, else "… → scattered GFNs".
 */
export function rangeAddress(
  a: Addressing,
  tableBase: number,
  first: number,
  count: number = PTE_PREFETCH_NUM,
): string {
  const span = (lo: number) => `${hex(lo)}–${hex(lo + count - 1)}`;
  if (!a.guestGfns) return `GFN ${span(tableBase + first)}`;
  const g0 = a.guestGfns[first] ?? Number.NaN;
  let linear = !Number.isNaN(g0);
  for (let k = 1; linear && k < count; k++) linear = a.guestGfns[first + k] === g0 + k;
  return `GVA page ${span(tableBase + first)} → ${linear ? `GFN ${span(g0)}` : 'scattered GFNs'}`;
}
