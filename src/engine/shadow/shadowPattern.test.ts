import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostMemory } from '../hostMemory.ts';
import { Machine } from '../machine.ts';
import { parseScenario } from '../scenario.ts';
import { scenarioSteps } from '../stepWalk.ts';
import { accessPatternArb } from '../testing/arbitraries.ts';
import type { GuestPteRange, Scenario, Variant } from '../types.ts';
import { runShadowBulk } from './bulkShadow.ts';
import { guestTablesFor } from './guestTables.ts';
import { shadowPatternShape } from './shadowPattern.ts';
import { simulateShadowWindow } from './shadowWindow.ts';

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
  })
  .map(({ accesses, ptes, present, nonResident, adBits }) => ({
    mmu: 'shadow' as const,
    variant: 'fixed' as const,
    backing: '4k' as const,
    adBits,
    memslots,
    nonResident: nonResident.map(([lo, n]): [number, number] => [lo, lo + n]),
    present: present.map(([lo, n]): [number, number] => [lo, lo + n]),
    accesses,
    guest: { paging: true, pageTables: [{ gvaPage: 0, pages: 2048, gfn: 2000 }, ...ptes] },
  }))
  .filter((s) => parseScenario(s).ok);

function stepRun(s: Scenario, v: Variant): Machine {
  const m = new Machine(s, v);
  for (const _ of scenarioSteps(s, v, m));
  return m;
}

describe('shadow paging, one table at a time (shadowPattern.ts)', () => {
  it('agrees with step mode exactly: totals and every entry of every table (property)', () => {
    let tableOrder = 0;
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom<Variant>('buggy', 'fixed'), (s, v) => {
        const gt = guestTablesFor(s.guest!);
        if (shadowPatternShape(s, gt, new HostMemory(s.memslots, s.nonResident))) tableOrder++;
        const ref = stepRun(s, v);
        const bulk = runShadowBulk(s, v);
        expect(bulk.totals).toEqual(ref.totals);
        const bases = [...new Set([...ref.tables.tableBases(), ...bulk.machine.tables.tableBases()])];
        for (const b of bases) expect(bulk.machine.tables.tableCodes(b)).toEqual(ref.tables.tableCodes(b));
        expect(runShadowBulk(s, v, { detail: true }).totals).toEqual(ref.totals);
      }),
      { numRuns: 250 },
    );
    // Most generated runs take the table-order path (the rest reach a non-resident page).
    expect(tableOrder).toBeGreaterThan(100);
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
    const host = new HostMemory(s.memslots, s.nonResident);
    // Non-resident, but only GVA 10 maps GFN 2010: its outcome is fixed, the table order holds.
    expect(shadowPatternShape(s, guestTablesFor(s.guest!), host)).not.toBeNull();
    // GVA 600 maps it too: a fault on one faults it in for the other's prefetch.
    const alias: Scenario = {
      ...s,
      accesses: { pattern: 'sequential', startGfn: 0, pages: 605 },
      guest: { paging: true, pageTables: [...s.guest!.pageTables, { gvaPage: 600, pages: 1, gfn: 2010 }] },
    };
    expect(shadowPatternShape(alias, guestTablesFor(alias.guest!), host)).toBeNull();
    // ... unless the windows of the accessed range do not reach one of the two.
    const far = { ...alias, accesses: { pattern: 'sequential' as const, startGfn: 0, pages: 590 } };
    expect(shadowPatternShape(far, guestTablesFor(far.guest!), host)).not.toBeNull();
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
  });

  it('window simulation: a fault installs the not-present entries below the first that fails', () => {
    // Fault on entry 2 of a fresh window where entry 5 cannot be prefetched: 0, 1, 3, 4 installed,
    // then one failed call on 5.
    const r = simulateShadowWindow(0, 0, [2], 1, 0b1101_1111);
    expect(r & 0xff).toBe(0b0001_1111);
    expect((r >>> 8) & 0xff).toBe(0b0001_1011);
    expect([(r >>> 16) & 15, (r >>> 20) & 15, (r >>> 24) & 15, r >>> 28]).toEqual([1, 4, 5, 0]);
    // Then touching 0 (a hit) and 5 (a fault whose walk installs 6 and 7).
    const r2 = simulateShadowWindow(r & 0xff, (r >>> 8) & 0xff, [0, 5], 2, 0b1101_1111);
    expect(r2 & 0xff).toBe(0xff);
    expect([(r2 >>> 16) & 15, (r2 >>> 20) & 15, (r2 >>> 24) & 15, r2 >>> 28]).toEqual([1, 2, 2, 1]);
  });
});
