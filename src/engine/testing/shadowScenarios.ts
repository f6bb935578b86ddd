import type { GuestPteRange, Scenario } from '../types.ts';
import { scenario } from './scenarios.ts';

/**
 * A shadow-paging scenario for tests: one big memslot, all resident, guest paging on with a
 * linear guest page table (GVA page = GFN) unless `ptes` says otherwise; later ranges override.
 */
export function shadowScenario(over: Partial<Scenario> = {}, ptes: GuestPteRange[] = []): Scenario {
  return scenario({
    mmu: 'shadow',
    guest: { paging: true, pageTables: [{ gvaPage: 0, pages: 1 << 21, gfn: 0 }, ...ptes] },
    ...over,
  });
}

/** Guest paging off: direct shadow pages, GVA = GPA. */
export function pagingOffScenario(over: Partial<Scenario> = {}): Scenario {
  return shadowScenario({ guest: { paging: false, pageTables: [] }, ...over });
}
