import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { profileRun } from './accessProfile.ts';
import { runBulk } from './bulk.ts';
import { Machine } from './machine.ts';
import { addBatchNibbles, WindowTracer } from './profileWindow.ts';
import { scenarioSteps } from './stepWalk.ts';
import { accessPatternArb, gfnRangeArb, UNIVERSE } from './testing/arbitraries.ts';
import { scenario } from './testing/scenarios.ts';
import { windowTable } from './windowTable.ts';
import { simulateCleanWindow } from './bulkWindow.ts';
import type { Memslot, Scenario, Variant } from './types.ts';

const BUCKETS = 7;
const TABLES = 4;

/** The profile as step mode sees it: each access or fault step is the next access in time. */
function stepProfile(s: Scenario, v: Variant) {
  const m = new Machine(s, v);
  const steps = [...scenarioSteps(s, v, m)];
  const count = steps.filter((x) => x.kind === 'access' || x.kind === 'fault').length;
  const buckets = new Array<number>(BUCKETS).fill(0);
  const sizes = new Array<number>(8).fill(0);
  const faults = new Array<number>(TABLES).fill(0);
  const prefetched = new Array<number>(TABLES).fill(0);
  const huge = new Array<number>(TABLES).fill(0);
  let time = 0;
  let table = 0;
  for (const step of steps) {
    if (step.kind === 'access') time++;
    else if (step.kind === 'fault') {
      buckets[Math.floor((time * BUCKETS) / count)]!++;
      time++;
      table = Math.floor(step.gfn / 512);
      if (table < TABLES) {
        faults[table]!++;
        if (step.huge) huge[table] = 1;
      }
    } else if (step.kind === 'batch') {
      sizes[step.call.end - step.call.start]!++;
      if (table < TABLES) prefetched[table]! += step.call.installed;
    }
  }
  return { totals: m.totals, buckets, sizes, faults, prefetched, huge, count };
}

const slotsArb: fc.Arbitrary<Memslot[]> = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 0, max: 300 }),
      pages: fc.integer({ min: 1, max: 1200 }),
      flags: fc.integer({ min: 0, max: 9 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((raw) => {
    let at = 0;
    return raw.map((r) => {
      const slot: Memslot = { baseGfn: at + r.gap, pages: r.pages };
      at = slot.baseGfn + slot.pages;
      if (r.flags === 1) slot.readonly = true;
      if (r.flags === 2) slot.dirtyLog = true;
      return slot;
    });
  });

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  mmu: fc.constantFrom('legacy', 'legacy', 'legacy', 'tdp'),
  variant: fc.constantFrom('buggy', 'fixed'),
  backing: fc.constantFrom('4k', '4k', '2m'),
  adBits: fc.constantFrom(true, true, true, false),
  memslots: fc.oneof(slotsArb, fc.constant([{ baseGfn: 0, pages: 4096 }])),
  nonResident: fc.array(gfnRangeArb, { maxLength: 2 }),
  present: fc.array(gfnRangeArb, { maxLength: 3 }),
  accesses: fc.oneof(
    accessPatternArb,
    accessPatternArb,
    fc.array(fc.integer({ min: 0, max: UNIVERSE - 1 }), { maxLength: 300 }),
  ),
}) as fc.Arbitrary<Scenario>;

describe('profileRun agrees exactly with step mode', () => {
  it('faults by access time, batch sizes, per-table counts and totals', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const v of ['buggy', 'fixed'] as const) {
          const ref = stepProfile(s, v);
          const p = profileRun(s, v, { buckets: BUCKETS, tableCount: TABLES });
          expect(p.totals).toEqual(ref.totals);
          expect(p.accessCount).toBe(ref.count);
          expect(Array.from(p.faultBuckets)).toEqual(ref.buckets);
          expect(Array.from(p.batchSizes)).toEqual(ref.sizes);
          expect(Array.from(p.tableFaults)).toEqual(ref.faults);
          expect(Array.from(p.tablePrefetched)).toEqual(ref.prefetched);
          expect(Array.from(p.tableHuge)).toEqual(ref.huge);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the seed: all 1,572,864 faults for buggy, one per window of 8 for fixed, spread evenly', () => {
    const s = scenario({ accesses: { pattern: 'sequential', startGfn: 0, pages: 1_572_864 } });
    const buggy = profileRun(s, 'buggy', { tableCount: 4096 });
    const fixed = profileRun(s, 'fixed', { tableCount: 4096 });
    expect(buggy.totals).toEqual(runBulk(s, 'buggy').totals);
    expect(fixed.totals).toEqual(runBulk(s, 'fixed').totals);
    expect(new Set(buggy.faultBuckets)).toEqual(new Set([3072]));
    expect(new Set(fixed.faultBuckets)).toEqual(new Set([384]));
    expect(Array.from(fixed.batchSizes)).toEqual([0, 0, 0, 0, 0, 0, 0, 196_608]);
    expect(fixed.tableFaults[0]).toBe(64);
    expect(fixed.tablePrefetched[0]).toBe(448);
    expect(fixed.tableFaults[3072]).toBe(0);
  });

  it('cancels when progress says so', () => {
    const s = scenario({ accesses: { pattern: 'random', startGfn: 0, pages: 1 << 16, seed: 2 } });
    const p = profileRun(s, 'fixed', { progressEvery: 4096, onProgress: (done) => done >= 8192 });
    expect(p.cancelled).toBe(true);
    expect(p.totals.accesses).toBeLessThan(1 << 16);
  });
});

describe('WindowTracer', () => {
  it('ends every window where simulateCleanWindow does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7]),
        fc.constantFrom<Variant>('buggy', 'fixed'),
        fc.boolean(),
        (p, r0, order, v, on) => {
          const r = r0 & p;
          const wt = windowTable(v);
          const t = new WindowTracer(wt, on);
          const traced = t.trace(p, r, order, order.length);
          const ref = simulateCleanWindow(p, r, order, order.length, on, wt);
          expect(traced & 0xffff).toBe(ref & 0xffff);
          expect(t.hits).toBe(ref >>> 28);
          expect(addBatchNibbles(t.batches, new Float64Array(8))).toBe((ref >>> 24) & 0xf);
        },
      ),
    );
  });
});
