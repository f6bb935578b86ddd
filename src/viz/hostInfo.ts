import { HostMemory } from '../engine/hostMemory.ts';
import { SPTES_PER_TABLE } from '../engine/types.ts';
import type { Memslot, Scenario } from '../engine/types.ts';

export const HOST_NO_SLOT = 1;
export const HOST_READONLY = 2;
export const HOST_DIRTY_LOG = 4;
export const HOST_NOT_RESIDENT = 8;

/** What the host side of each entry of one table looks like: slot membership and residency. */
export interface TableHostInfo {
  /** Index of the memslot (sorted by base GFN) holding each entry's GFN, or -1. */
  slotIds: Int32Array;
  /** HOST_* bits per entry. */
  flags: Uint8Array;
}

export function tableHostInfo(
  scenario: Pick<Scenario, 'memslots' | 'nonResident'>,
  tableBase: number,
): TableHostInfo {
  const host = new HostMemory(scenario.memslots, scenario.nonResident);
  // HostMemory numbers slots in base-GFN order; sort the same way to read each slot's flags.
  const sorted: Memslot[] = [...scenario.memslots].sort((a, b) => a.baseGfn - b.baseGfn);
  const slotIds = new Int32Array(SPTES_PER_TABLE);
  const flags = new Uint8Array(SPTES_PER_TABLE);
  for (let k = 0; k < SPTES_PER_TABLE; k++) {
    const gfn = tableBase + k;
    const slot = host.slotOf(gfn);
    slotIds[k] = slot;
    let f = 0;
    const s = sorted[slot];
    if (!s) f |= HOST_NO_SLOT;
    else {
      if (s.readonly) f |= HOST_READONLY;
      if (s.dirtyLog) f |= HOST_DIRTY_LOG;
    }
    if (host.residentPrefix(gfn, 1) === 0) f |= HOST_NOT_RESIDENT;
    flags[k] = f;
  }
  return { slotIds, flags };
}

/** Words appended to an entry's accessible name for its host page. */
export function hostWords(flags: number): string[] {
  const out: string[] = [];
  if (flags & HOST_NO_SLOT) out.push('no memslot');
  if (flags & HOST_READONLY) out.push('read-only slot');
  if (flags & HOST_DIRTY_LOG) out.push('dirty-logged slot');
  if (flags & HOST_NOT_RESIDENT) out.push('host page not resident');
  return out;
}
