import fc from 'fast-check';
import type { AccessPattern, GfnRange } from '../types.ts';

/** Three page tables: enough for table, window and slot edges. */
export const UNIVERSE = 3 * 512;

/** A short GFN range inside the universe. */
export const gfnRangeArb: fc.Arbitrary<GfnRange> = fc
  .tuple(fc.integer({ min: 0, max: UNIVERSE - 1 }), fc.integer({ min: 0, max: 40 }))
  .map(([lo, len]) => [lo, Math.min(UNIVERSE - 1, lo + len)] as const);

/** Any access pattern starting inside the universe (it may run past it). */
export const accessPatternArb: fc.Arbitrary<AccessPattern> = fc.record({
  pattern: fc.constantFrom('sequential', 'reverse', 'stride', 'random'),
  startGfn: fc.integer({ min: 0, max: UNIVERSE - 1 }),
  pages: fc.integer({ min: 1, max: UNIVERSE }),
  stride: fc.integer({ min: 1, max: 20 }),
  seed: fc.integer({ min: 0, max: 1000 }),
});
