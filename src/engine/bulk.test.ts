import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runBulk } from './bulk.ts';
import { Machine } from './machine.ts';
import type { KernelArg } from './kernelVersion.ts';
import { scenarioSteps } from './stepWalk.ts';
import { accessPatternArb, gfnRangeArb, UNIVERSE } from './testing/arbitraries.ts';
import { kernelArb, stepDetail } from './testing/kernels.ts';
import { scenario } from './testing/scenarios.ts';
import type { AccessPattern, Memslot, Scenario } from './types.ts';

/** Step mode's totals, per-fault batches and final SPTE states: the reference. */
function stepReference(s: Scenario, v: KernelArg) {
  const m = new Machine(s, v);
  const faults = stepDetail(scenarioSteps(s, v, m), false);
  return { totals: m.totals, faults, machine: m };
}

/** Every entry state of every table either machine touched. */
function states(a: Machine, b: Machine): [string[], string[]] {
  const bases = [...new Set([...a.tables.tableBases(), ...b.tables.tableBases()])].sort((x, y) => x - y);
  const dump = (m: Machine) => bases.map((base) => `${base}:${m.tables.tableCodes(base).join('')}`);
  return [dump(a), dump(b)];
}

const slotsArb: fc.Arbitrary<Memslot[]> = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 0, max: 300 }),
      pages: fc.integer({ min: 1, max: 1200 }),
      readonly: fc.boolean(),
      dirtyLog: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((raw) => {
    let at = 0;
    return raw.map((r) => {
      const slot: Memslot = { baseGfn: at + r.gap, pages: r.pages };
      at = slot.baseGfn + slot.pages;
      // Mostly clean slots, so the fast paths run too.
      if (r.readonly && r.pages % 5 === 0) slot.readonly = true;
      if (r.dirtyLog && r.pages % 7 === 0) slot.dirtyLog = true;
      return slot;
    });
  });

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  mmu: fc.constantFrom('legacy', 'legacy', 'legacy', 'tdp'),
  variant: fc.constantFrom('buggy', 'fixed'),
  backing: fc.constantFrom('4k', '4k', '2m'),
  adBits: fc.constantFrom(true, true, true, false),
  memslots: slotsArb,
  nonResident: fc.array(gfnRangeArb, { maxLength: 3 }),
  present: fc.array(gfnRangeArb, { maxLength: 3 }),
  accesses: fc.oneof(
    accessPatternArb,
    fc.array(fc.integer({ min: 0, max: UNIVERSE - 1 }), { maxLength: 400 }),
  ),
  // Accesses during which an MMU-notifier invalidation runs (they matter from v5.12).
  invalidations: fc.array(
    fc.tuple(fc.nat(300), fc.nat(20)).map(([a, n]): [number, number] => [a, a + n]),
    { maxLength: 3 },
  ),
}) as fc.Arbitrary<Scenario>;

describe('bulk mode agrees exactly with step mode', () => {
  it('totals, per-fault batches and final states on random scenarios, for every kernel', () => {
    fc.assert(
      fc.property(scenarioArb, kernelArb, (s, k) => {
        for (const v of ['buggy', 'fixed', k] as const) {
          const ref = stepReference(s, v);
          const fast = runBulk(s, v);
          expect(fast.totals).toEqual(ref.totals);
          const [a, b] = states(fast.machine, ref.machine);
          expect(a).toEqual(b);
          const detailed = runBulk(s, v, { detail: true });
          expect(detailed.totals).toEqual(ref.totals);
          expect(detailed.faults).toEqual(ref.faults);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every pattern over a clean memslot with present entries (the fast paths)', () => {
    const arb = fc.record({
      accesses: accessPatternArb,
      present: fc.array(gfnRangeArb, { maxLength: 4 }),
      backing: fc.constantFrom('4k', '2m'),
      mmu: fc.constantFrom('legacy', 'tdp'),
      adBits: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (over) => {
        const s = scenario({ ...(over as Partial<Scenario>), memslots: [{ baseGfn: 0, pages: 4096 }] });
        for (const v of ['buggy', 'fixed'] as const) {
          const ref = stepReference(s, v);
          const fast = runBulk(s, v);
          expect(fast.totals).toEqual(ref.totals);
          const [a, b] = states(fast.machine, ref.machine);
          expect(a).toEqual(b);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the seed experiment (1,572,864 touches in one 8 GiB memslot)', () => {
  const seed = (pattern: AccessPattern['pattern']) =>
    scenario({
      memslots: [{ baseGfn: 0, pages: 1 << 21 }],
      accesses: { pattern, startGfn: 0, pages: 1_572_864 },
    });
  const small = (pattern: AccessPattern['pattern']) =>
    scenario({
      memslots: [{ baseGfn: 0, pages: 1 << 21 }],
      accesses: { pattern, startGfn: 1000, pages: 1 << 17, seed: 9 },
    });

  it('sequential: buggy faults on every page, fixed on one in eight', () => {
    const buggy = runBulk(seed('sequential'), 'buggy').totals;
    expect(buggy).toMatchObject({ accesses: 1_572_864, pfFixed: 1_572_864, prefetched: 0, prefetchCalls: 0 });
    const fixed = runBulk(seed('sequential'), 'fixed').totals;
    expect(fixed).toEqual({
      accesses: 1_572_864,
      pfFixed: 196_608,
      prefetched: 1_376_256,
      prefetchCalls: 196_608,
      failedCalls: 0,
      prefetchHits: 1_376_256,
    });
  });

  it('reverse: 196,608 faults for both', () => {
    expect(runBulk(seed('reverse'), 'buggy').totals.pfFixed).toBe(196_608);
    expect(runBulk(seed('reverse'), 'fixed').totals.pfFixed).toBe(196_608);
  });

  it('per-access and table-order paths give the same totals', () => {
    const s = small('random');
    for (const v of ['buggy', 'fixed'] as const) {
      const byTable = runBulk(s, v).totals;
      // detail forces the per-access path in access order
      const perAccess = runBulk(s, v, { detail: true }).totals;
      expect(byTable).toEqual(perAccess);
    }
  });
});

describe('progress and cancel', () => {
  it('reports progress and stops when asked', () => {
    const s = scenario({ accesses: { pattern: 'random', startGfn: 0, pages: 1 << 16, seed: 3 } });
    const seen: number[] = [];
    const r = runBulk(s, 'fixed', {
      progressEvery: 4096,
      onProgress: (done) => {
        seen.push(done);
        return done >= 16384;
      },
    });
    expect(r.cancelled).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(r.totals.accesses).toBeLessThan(1 << 16);
  });
});
