import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accessSequence } from './accessOrder.ts';
import { runAnyBulk } from './shadow/bulkShadow.ts';
import { buildTimeline } from './timeline.ts';
import type { AccessPattern, GfnRange, Scenario } from './types.ts';

// The engine's own memory accounting (SpteTables.tableCount and bytesUsed) on scattered and
// sparse scenarios: memory follows the page tables touched, never the address space they span.

const MAX = 2 ** 40;
/** Bytes a touched table may cost: 129 of state + 24 of directory, twice over for doubling growth. */
const PER_TABLE = 2 * (129 + 24);
/** What an empty machine holds (64 tables' worth of capacity and a 128-entry directory). */
const BASE = 64 * 129 + 128 * 12;

const gfnArb = fc.oneof(
  fc.integer({ min: 0, max: MAX - 1 }),
  fc.nat((1 << 20) - 1).map((i) => i * 2 ** 20),
  fc.integer({ min: 2 ** 31 - 4096, max: 2 ** 31 + 4096 }),
);

/** Sparse patterns: strides from 1 to 2^30 anywhere in the GFN space, or random over a range. */
const patternArb: fc.Arbitrary<AccessPattern> = fc
  .record({
    pattern: fc.constantFrom('sequential', 'reverse', 'stride', 'random'),
    startGfn: fc.integer({ min: 0, max: MAX - 2 ** 31 }),
    pages: fc.integer({ min: 1, max: 1 << 12 }),
    stride: fc.integer({ min: 1, max: 2 ** 30 }),
    seed: fc.nat(),
  })
  .map((p) => (p.pattern === 'stride' ? { ...p, pages: p.pages * Math.min(p.stride, 2 ** 18) } : p));

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    mmu: fc.constantFrom('legacy', 'tdp', 'shadow'),
    variant: fc.constantFrom('buggy', 'fixed'),
    backing: fc.constantFrom('4k', '2m'),
    accesses: fc.oneof(fc.array(gfnArb, { minLength: 1, maxLength: 300 }), patternArb),
    present: fc.array(
      gfnArb.map((g): GfnRange => [g, Math.min(MAX - 1, g + 20)]),
      { maxLength: 5 },
    ),
  })
  .map((o): Scenario => ({
    ...(o as Omit<Scenario, 'adBits' | 'memslots' | 'nonResident' | 'guest'>),
    adBits: true,
    memslots: [{ baseGfn: 0, pages: MAX }],
    nonResident: [],
    ...(o.mmu === 'shadow'
      ? { backing: '4k', guest: { paging: true, pageTables: [{ gvaPage: 0, pages: MAX, gfn: 0 }] } }
      : {}),
  }));

/** Page tables the scenario's accesses and present ranges touch. */
function touchedTables(s: Scenario): number {
  const t = new Set<number>();
  const seq = accessSequence(s.accesses);
  for (let i = 0; i < seq.count; i++) t.add(Math.floor(seq.at(i) / 512));
  for (const [lo, hi] of s.present) for (let g = lo; g <= hi; g++) t.add(Math.floor(g / 512));
  return t.size;
}

describe('memory follows the tables touched (property)', () => {
  it('bulk mode: tables allocated = tables touched, bytes within a constant per table', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const touched = touchedTables(s);
        const { machine } = runAnyBulk(s, s.variant);
        expect(machine.tables.tableCount).toBe(touched);
        expect(machine.tables.bytesUsed).toBeLessThanOrEqual(BASE + PER_TABLE * touched);
      }),
      { numRuns: 120 },
    );
  });

  it('step mode: the same, plus a few bytes per step for going back', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = buildTimeline(s, s.variant);
        if (!r.ok) return;
        const touched = touchedTables(s);
        const m = r.timeline.history.seek(r.timeline.steps.length);
        expect(m.tables.tableCount).toBe(touched);
        expect(m.tables.bytesUsed).toBeLessThanOrEqual(BASE + PER_TABLE * touched);
        // One undo record (6 bytes, at most twice that with growth) per window write: about one
        // per step, 64 more for a 2 MiB mapping; a hit adds 8 bytes; a mark 80 per 64 steps.
        const steps = r.timeline.steps.length;
        expect(r.timeline.history.bytes).toBeLessThanOrEqual(8192 + 24 * steps + 800 * touched);
      }),
      { numRuns: 120 },
    );
  });
});
