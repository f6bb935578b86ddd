import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Machine } from '../machine.ts';
import { parseScenario } from '../scenario.ts';
import { scenarioSteps } from '../stepWalk.ts';
import { accessPatternArb } from '../testing/arbitraries.ts';
import { scenarioKernel } from '../kernelVersion.ts';
import type { KernelModel } from '../kernelVersion.ts';
import type { GuestPteRange, Scenario } from '../types.ts';
import { runShadowBulk } from './bulkShadow.ts';
import { guestTablesFor } from './guestTables.ts';
import { shadowPatternShape } from './shadowPattern.ts';
import { ShadowWindow } from './shadowWindow.ts';

const memslots = [
  { baseGfn: 0, pages: 1500 },
  { baseGfn: 1500, pages: 200, dirtyLog: true },
  { baseGfn: 1700, pages: 200, readonly: true },
  { baseGfn: 2000, pages: 2000 },
];

const pteArb: fc.Arbitrary<GuestPteRange> = fc.record({
  gvaPage: fc.integer({ min: 0, max: 1600 }),
  pages: fc.integer({ min: 1, max: 600 }),
  gfn: fc.integer({ min: 0, max: 3900 }),
  accessed: fc.boolean(),
  present: fc.boolean(),
  reservedBits: fc.constantFrom(false, false, false, true),
});

/**
 * Shadow scenarios with guest paging on and an access pattern over up to four GVA tables: a
 * linear guest table under random overrides (scattered GFNs, invalid guest PTEs, dirty-logged and
 * read-only slots, holes), present entries, and sometimes non-resident pages (which send the run
 * one access at a time). Only scenarios that validate are kept.
 */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    accesses: accessPatternArb.map(({ stride, seed, ...p }) => ({
      ...p,
      startGfn: p.startGfn % 1200,
      pages: Math.min(p.pages, 700),
      ...(p.pattern === 'stride' ? { stride } : p.pattern === 'random' ? { seed } : {}),
    })),
    ptes: fc.array(pteArb, { maxLength: 6 }),
    present: fc.array(fc.tuple(fc.nat(1900), fc.nat(20)), { maxLength: 3 }),
    nonResident: fc.oneof(
      fc.constant<Array<[number, number]>>([]),
      fc.array(fc.tuple(fc.nat(3900), fc.nat(30)), { maxLength: 2 }),
    ),
    adBits: fc.boolean(),
    // Kernels whose shadow walk differs: 3.7 skips invalid guest PTEs, 4.12 has no access
    // tracking (the global A/D gate), 5.15/5.16 and 6.13 the defaults around them.
    kernel: fc.constantFrom(undefined, '3.7', '4.12', '5.15', '6.13'),
    invalidations: fc.oneof(
      fc.constant(undefined),
      fc.constant(undefined),
      fc.tuple(fc.nat(300), fc.nat(20)).map(([a, n]): Array<[number, number]> => [[a, a + n]]),
    ),
  })
  .map(({ accesses, ptes, present, nonResident, adBits, kernel, invalidations }) => ({
    mmu: 'shadow' as const,
    ...(kernel === undefined ? { variant: 'fixed' as const } : { kernel }),
    ...(invalidations ? { invalidations } : {}),
    backing: '4k' as const,
    adBits,
    memslots,
    nonResident: nonResident.map(([lo, n]): [number, number] => [lo, lo + n]),
    present: present.map(([lo, n]): [number, number] => [lo, lo + n]),
    accesses,
    guest: { paging: true, pageTables: [{ gvaPage: 0, pages: 2048, gfn: 2000 }, ...ptes] },
  }))
  .map((s) => parseScenario(s))
  .filter((r) => r.ok)
  .map((r) => (r as { ok: true; value: Scenario }).value);

function stepRun(s: Scenario, k: KernelModel): Machine {
  const m = new Machine(s, k);
  for (const _ of scenarioSteps(s, k, m));
  return m;
}

describe('shadow paging, one table at a time (shadowPattern.ts)', () => {
  it('agrees with step mode exactly: totals and every entry of every table (property)', () => {
    let tableOrder = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const k = scenarioKernel(s);
        if (shadowPatternShape(new Machine(s, k), guestTablesFor(s.guest!))) tableOrder++;
        const ref = stepRun(s, k);
        const bulk = runShadowBulk(s, k);
        expect(bulk.totals).toEqual(ref.totals);
        const bases = [...new Set([...ref.tables.tableBases(), ...bulk.machine.tables.tableBases()])];
        for (const b of bases) expect(bulk.machine.tables.tableCodes(b)).toEqual(ref.tables.tableCodes(b));
        expect(runShadowBulk(s, k, { detail: true }).totals).toEqual(ref.totals);
      }),
      { numRuns: 250 },
    );
    // Most generated runs take the table-order path (the rest reach a non-resident page).
    expect(tableOrder).toBeGreaterThan(80);
  });

  it('guest paging off (the direct walk, access-tracked without A/D bits) agrees with step mode too (property)', () => {
    const offArb = fc
      .record({
        accesses: accessPatternArb,
        nonResident: fc.array(fc.tuple(fc.nat(1500), fc.nat(12)), { maxLength: 3 }),
        adBits: fc.boolean(),
        backing: fc.constantFrom('4k', '4k', '2m'),
        kernel: fc.constantFrom(undefined, '3.7', '4.12', '5.15', '6.13'),
      })
      .map(({ accesses: { stride, seed, ...a }, nonResident, adBits, backing, kernel }) =>
        parseScenario({
          mmu: 'shadow',
          ...(kernel === undefined ? {} : { kernel }),
          backing,
          adBits,
          memslots: [
            { baseGfn: 0, pages: 1000 },
            { baseGfn: 1000, pages: 300, dirtyLog: true },
            { baseGfn: 1300, pages: 800 },
          ],
          nonResident: nonResident.map(([lo, n]) => [lo, lo + n]),
          accesses: {
            ...a,
            startGfn: a.startGfn % 1500,
            pages: Math.min(a.pages, 500),
            ...(a.pattern === 'stride' ? { stride } : a.pattern === 'random' ? { seed } : {}),
          },
          guest: { paging: false },
        }),
      )
      .filter((r) => r.ok)
      .map((r) => (r as { ok: true; value: Scenario }).value);
    fc.assert(
      fc.property(offArb, (s) => {
        const k = scenarioKernel(s);
        const ref = stepRun(s, k);
        const bulk = runShadowBulk(s, k);
        expect(bulk.totals).toEqual(ref.totals);
        const bases = [...new Set([...ref.tables.tableBases(), ...bulk.machine.tables.tableBases()])];
        for (const b of bases) expect(bulk.machine.tables.tableCodes(b)).toEqual(ref.tables.tableCodes(b));
      }),
      { numRuns: 250 },
    );
  });

  it('a non-resident page two GVA pages of the windows map sends the run one access at a time', () => {
    const s: Scenario = {
      mmu: 'shadow',
      variant: 'fixed',
      backing: '4k',
      adBits: true,
      memslots,
      nonResident: [[2010, 2010]],
      present: [],
      accesses: { pattern: 'sequential', startGfn: 0, pages: 9 },
      guest: { paging: true, pageTables: [{ gvaPage: 0, pages: 2048, gfn: 2000 }] },
    };
    const shapeOf = (x: Scenario) => shadowPatternShape(new Machine(x, 'fixed'), guestTablesFor(x.guest!));
    // Non-resident, but only GVA 10 maps GFN 2010: its outcome is fixed, the table order holds.
    expect(shapeOf(s)).not.toBeNull();
    // GVA 600 maps it too: a fault on one faults it in for the other's prefetch.
    const alias: Scenario = {
      ...s,
      accesses: { pattern: 'sequential', startGfn: 0, pages: 605 },
      guest: { paging: true, pageTables: [...s.guest!.pageTables, { gvaPage: 600, pages: 1, gfn: 2010 }] },
    };
    expect(shapeOf(alias)).toBeNull();
    // ... unless the windows of the accessed range do not reach one of the two.
    const far = { ...alias, accesses: { pattern: 'sequential' as const, startGfn: 0, pages: 590 } };
    expect(shapeOf(far)).not.toBeNull();
    // Invalidations are told apart by access index: time order too.
    expect(shapeOf({ ...s, invalidations: [[3, 4]] })).toBeNull();
  });

  it('refuses, when validating, a time-order run above 2^24 accesses; table order goes to 2^30', () => {
    const big = (pageTables: GuestPteRange[], pages: number) => ({
      mmu: 'shadow',
      memslots: [{ baseGfn: 0, pages: 2 ** 30 }],
      nonResident: [[5, 5]],
      accesses: { pattern: 'random', startGfn: 0, pages, seed: 1 },
      guest: { paging: true, pageTables },
    });
    const linear = [{ gvaPage: 0, pages: 2 ** 30, gfn: 0 }];
    const aliased = [...linear, { gvaPage: 100, pages: 1, gfn: 5 }];
    expect(parseScenario(big(linear, 2 ** 30)).ok).toBe(true);
    expect(parseScenario(big(aliased, 2 ** 24)).ok).toBe(true);
    expect(parseScenario(big(aliased, 2 ** 24 + 1))).toEqual({
      ok: false,
      error: {
        path: '$.accesses.pages',
        message:
          'too large: at most 16,777,216 accesses when two GVA pages of the range map the same non-resident page (such runs go one access at a time, in time order)',
      },
    });
    // Invalidations are told apart by access index, for every MMU.
    const withInvalidations = {
      ...big(linear, 2 ** 24 + 1),
      mmu: 'legacy',
      guest: undefined,
      invalidations: [[0, 9]],
    };
    expect(parseScenario(withInvalidations)).toEqual({
      ok: false,
      error: {
        path: '$.accesses.pages',
        message:
          'too large: at most 16,777,216 accesses with invalidations (such runs go one access at a time, in time order)',
      },
    });
    expect(
      parseScenario({ ...withInvalidations, accesses: { pattern: 'random', startGfn: 0, pages: 2 ** 24 } })
        .ok,
    ).toBe(true);
  });

  it('window simulation: a fault installs the not-present entries below the first that fails', () => {
    const sim = new ShadowWindow(false);
    const counts = (v: number) => [(v >>> 16) & 15, (v >>> 20) & 15, sim.calls, sim.failed, (v >>> 24) & 15];
    // Fault on entry 2 of a fresh window where entry 5 cannot be prefetched: 0, 1, 3, 4 installed,
    // then one failed call on 5.
    const r = sim.simulate(0, 0, [2], 1, 0b1101_1111, 0);
    expect(r & 0xff).toBe(0b0001_1111);
    expect((r >>> 8) & 0xff).toBe(0b0001_1011);
    expect(counts(r)).toEqual([1, 4, 5, 1, 0]);
    // Then touching 0 (a hit) and 5 (a fault whose walk installs 6 and 7).
    const r2 = sim.simulate(r & 0xff, (r >>> 8) & 0xff, [0, 5], 2, 0b1101_1111, 0);
    expect(r2 & 0xff).toBe(0xff);
    expect(counts(r2)).toEqual([1, 2, 2, 0, 1]);
    // Before v3.8 an invalid guest PTE (entry 5 here) is skipped: a failed call, and the walk goes on.
    const r3 = sim.simulate(0, 0, [2], 1, 0b1101_1111, 0b0010_0000);
    expect(r3 & 0xff).toBe(0b1101_1111);
    expect(counts(r3)).toEqual([1, 6, 7, 1, 0]);
    // Access-tracked prefetched SPTEs: the touch of 0 is a fault (no hit), and 5 is tried again.
    const tracked = new ShadowWindow(true);
    const r4 = tracked.simulate(r3 & 0xff, (r3 >>> 8) & 0xff, [0], 1, 0b1101_1111, 0b0010_0000);
    expect([(r4 >>> 16) & 15, (r4 >>> 20) & 15, tracked.calls, tracked.failed, (r4 >>> 24) & 15]).toEqual([
      1, 0, 1, 1, 0,
    ]);
  });
});
