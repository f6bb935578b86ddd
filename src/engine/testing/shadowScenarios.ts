import type { GuestPteRange, Scenario } from '../types.ts';

/**
 * A shadow-paging scenario for tests: one big memslot, all resident, guest paging on with a
 * linear guest page table (GVA page = GFN) unless `ptes` says otherwise; later ranges override.
 */
export function shadowScenario(over: Partial<Scenario> = {}, ptes: GuestPteRange[] = []): Scenario {
  return {
    mmu: 'shadow',
    variant: 'fixed',
    backing: '4k',
    adBits: true,
    memslots: [{ baseGfn: 0, pages: 1 << 21 }],
    nonResident: [],
    present: [],
    accesses: [8],
    guest: { paging: true, pageTables: [{ gvaPage: 0, pages: 1 << 21, gfn: 0 }, ...ptes] },
    ...over,
  };
}

/** Guest paging off: direct shadow pages, GVA = GPA. */
export function pagingOffScenario(over: Partial<Scenario> = {}): Scenario {
  return shadowScenario({ guest: { paging: false, pageTables: [] }, ...over });
}
