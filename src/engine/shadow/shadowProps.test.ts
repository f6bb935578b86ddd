import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostMemory } from '../hostMemory.ts';
import { Machine } from '../machine.ts';
import { parseScenario } from '../scenario.ts';
import { scenarioSteps } from '../stepWalk.ts';
import type { Step } from '../steps.ts';
import type { KernelArg } from '../kernelVersion.ts';
import { kernelArb, stepDetail } from '../testing/kernels.ts';
import type { GuestPteRange, Scenario } from '../types.ts';
import { runShadowBulk } from './bulkShadow.ts';
import { GuestTables } from './guestTables.ts';

// Property tests over random guest page tables (GVA pages 0..63, GFNs scattered over three
// memslots: clean, dirty-logged, read-only, plus holes), random residency and present entries.

const memslots = [
  { baseGfn: 0, pages: 256 },
  { baseGfn: 256, pages: 64, dirtyLog: true },
  { baseGfn: 320, pages: 64, readonly: true },
];

const pteArb: fc.Arbitrary<GuestPteRange> = fc.record({
  gvaPage: fc.integer({ min: 0, max: 63 }),
  pages: fc.integer({ min: 1, max: 24 }),
  gfn: fc.integer({ min: 0, max: 420 }),
  accessed: fc.boolean(),
  present: fc.boolean(),
  reservedBits: fc.boolean(),
  writable: fc.boolean(),
  dirty: fc.boolean(),
});

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: 420 }), fc.integer({ min: 0, max: 6 }))
  .map(([lo, len]): [number, number] => [lo, lo + len]);

/** A valid shadow scenario: accesses and present entries only where the guest could touch them. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    ptes: fc.array(pteArb, { minLength: 1, maxLength: 10 }),
    nonResident: fc.array(rangeArb, { maxLength: 3 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
    presentPicks: fc.array(fc.nat(), { maxLength: 4 }),
    adBits: fc.boolean(),
    invalidations: fc.array(
      fc.tuple(fc.nat(40), fc.nat(6)).map(([a, n]): [number, number] => [a, a + n]),
      { maxLength: 2 },
    ),
  })
  .map(({ ptes, nonResident, picks, presentPicks, adBits, invalidations }) => {
    const gt = new GuestTables(ptes);
    const host = new HostMemory(memslots, []);
    const ok: number[] = [];
    for (let v = 0; v < 96; v++) {
      const p = gt.pte(v);
      if (p && p.present && !p.reservedBits && host.slotOf(p.gfn) >= 0) ok.push(v);
    }
    const pick = (k: number): number => ok[k % Math.max(1, ok.length)] ?? -1;
    return {
      mmu: 'shadow' as const,
      variant: 'fixed' as const,
      backing: '4k' as const,
      adBits,
      memslots,
      nonResident,
      present: presentPicks
        .map(pick)
        .filter((v) => v >= 0)
        .map((v): [number, number] => [v, v]),
      accesses: picks.map(pick).filter((v) => v >= 0),
      guest: { paging: true, pageTables: ptes },
      invalidations,
    };
  })
  .filter((s) => (s.accesses as number[]).length > 0);

function run(s: Scenario, v: KernelArg): { steps: Step[]; m: Machine } {
  const m = new Machine(s, v);
  return { steps: [...scenarioSteps(s, v, m)], m };
}

describe('shadow paging properties', () => {
  it('generated scenarios validate', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = parseScenario(s);
        expect(r.ok ? 'ok' : r.error).toBe('ok');
      }),
      { numRuns: 200 },
    );
  });

  it('never prefetches an entry whose guest PTE is not present (or is otherwise invalid)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const gt = new GuestTables(s.guest!.pageTables);
        const { steps, m } = run(s, 'fixed');
        for (const st of steps) {
          if (st.kind !== 'gpte-visit' || st.outcome !== 'prefetched') continue;
          const p = gt.pte(st.entryGfn);
          expect(p?.present).toBe(true);
          expect(p?.reservedBits).toBe(false);
          if (s.adBits) expect(p?.accessed).toBe(true);
          expect(st.entryMapsGfn).toBe(p?.gfn);
        }
        for (let v = 0; v < 96; v++)
          if (m.tables.stateOf(v) !== 'not-present') expect(gt.pte(v)?.present).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the walk visits the window in order and never goes past the first failure', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { steps } = run(s, 'fixed');
        let expectI = -1;
        let stopped = false;
        for (const st of steps) {
          if (st.kind === 'window') {
            expectI = 0;
            stopped = false;
          } else if (st.kind === 'gpte-visit') {
            expect(stopped).toBe(false);
            expect(st.i).toBe(expectI++);
            expect(st.entryGfn).toBe(st.gfn - (st.gfn % 8) + st.i);
            if (st.outcome === 'failed') stopped = true;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('bulk mode agrees with step mode exactly for every kernel: totals, per-fault detail, tables', () => {
    fc.assert(
      fc.property(scenarioArb, kernelArb, (s, v) => {
        const { steps, m } = run(s, v);
        const bulk = runShadowBulk(s, v, { detail: true });
        expect(bulk.totals).toEqual(m.totals);
        expect(bulk.faults).toEqual(stepDetail(steps, true));
        for (let g = 0; g < 96; g++) expect(bulk.machine.tables.stateOf(g)).toBe(m.tables.stateOf(g));
        expect(runShadowBulk(s, v).totals).toEqual(m.totals);
      }),
      { numRuns: 400 },
    );
  });

  it('guest paging off, every kernel: bulk == step; with guest A/D bits (or before v4.13) both equal the legacy walk', () => {
    const offArb = fc.record({
      accesses: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 40 }),
      nonResident: fc.array(rangeArb, { maxLength: 3 }),
      adBits: fc.boolean(),
      backing: fc.constantFrom('4k' as const, '2m' as const),
      kernel: kernelArb,
      invalidations: fc.array(
        fc.tuple(fc.nat(40), fc.nat(6)).map(([a, n]): [number, number] => [a, a + n]),
        { maxLength: 2 },
      ),
    });
    fc.assert(
      fc.property(offArb, ({ accesses, nonResident, adBits, backing, kernel, invalidations }) => {
        const s: Scenario = {
          mmu: 'shadow',
          variant: kernel.variant,
          backing,
          adBits,
          memslots: [{ baseGfn: 0, pages: 1024 }],
          nonResident,
          present: [],
          accesses,
          guest: { paging: false, pageTables: [] },
          invalidations,
        };
        const { steps, m } = run(s, kernel);
        if (!m.accessTracked) {
          const legacy = new Machine({ ...s, mmu: 'legacy', adBits: true, guest: undefined }, kernel);
          for (const _ of scenarioSteps(legacy.scenario, kernel, legacy));
          expect(m.totals).toEqual(legacy.totals);
        }
        const bulk = runShadowBulk(s, kernel, { detail: true });
        expect(bulk.totals).toEqual(m.totals);
        expect(bulk.faults).toEqual(stepDetail(steps, true));
        expect(runShadowBulk(s, kernel).totals).toEqual(m.totals);
      }),
      { numRuns: 300 },
    );
  });
});
