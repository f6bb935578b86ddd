import type { Scenario } from '../types.ts';

/** A scenario with the facts page's defaults: table base GFN 0, one big memslot, all resident. */
export function scenario(over: Partial<Scenario> = {}): Scenario {
  return {
    mmu: 'legacy',
    variant: 'fixed',
    backing: '4k',
    adBits: true,
    memslots: [{ baseGfn: 0, pages: 1 << 21 }],
    nonResident: [],
    present: [],
    accesses: [8],
    ...over,
  };
}
