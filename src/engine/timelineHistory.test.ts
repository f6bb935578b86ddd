import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runAnyBulk } from './shadow/bulkShadow.ts';
import { Machine } from './machine.ts';
import { scenarioSteps } from './stepWalk.ts';
import type { Step } from './steps.ts';
import { buildTimeline, frameAt, machineAt, MAX_TIMELINE_STEPS } from './timeline.ts';
import type { Timeline } from './timeline.ts';
import { accessPatternArb, gfnRangeArb, UNIVERSE } from './testing/arbitraries.ts';
import { scenario } from './testing/scenarios.ts';
import { shadowScenario } from './testing/shadowScenarios.ts';
import type { GfnRange, Scenario, Variant } from './types.ts';

function built(s: Scenario, v: Variant, max = MAX_TIMELINE_STEPS): Timeline {
  const r = buildTimeline(s, v, max);
  if (!r.ok) throw new Error(r.message);
  return r.timeline;
}

/** Frames of a straight run: the machine after each step, with no seeking at all. */
function straightFrames(s: Scenario, v: Variant): string[] {
  const m = new Machine(s, v);
  m.trackHits = true;
  const out: string[] = [];
  const dump = (step: Step | null) => {
    const g = step ? step.gfn : 0;
    const base = g - (g % 512);
    return dumpMachine(m, base);
  };
  out.push(dump(null));
  for (const step of scenarioSteps(s, v, m)) out.push(dump(step));
  return out;
}

function seekFrame(t: Timeline, k: number): string {
  const m = machineAt(t, k);
  const step = t.steps[k] ?? null;
  const g = step ? step.gfn : 0;
  const base = g - (g % 512);
  return dumpMachine(m, base);
}

function dumpMachine(m: Machine, base: number): string {
  const set = (s: Set<number> | null) => [...(s ?? [])].sort((a, b) => a - b).join(',');
  return `${JSON.stringify(m.totals)} ${m.tables.tableCodes(base).join('')} hits ${set(m.hits)} in ${set(m.faultedIn)}`;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    mmu: fc.constantFrom('legacy', 'legacy', 'tdp'),
    backing: fc.constantFrom('4k', '4k', '2m'),
    nonResident: fc.array(gfnRangeArb, { maxLength: 3 }),
    present: fc.array(gfnRangeArb, { maxLength: 3 }),
    accesses: fc.oneof(
      accessPatternArb.map((p) => ({ ...p, pages: Math.min(p.pages, 300) })),
      fc.array(fc.integer({ min: 0, max: UNIVERSE - 1 }), { maxLength: 200 }),
    ),
  })
  .map((o) => scenario({ ...(o as Partial<Scenario>), memslots: [{ baseGfn: 0, pages: UNIVERSE }] }));

describe('step history: seeking', () => {
  it('any order of seeks gives the machine of a straight run (property)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (s, picks) => {
        for (const v of ['buggy', 'fixed'] as const) {
          const t = built(s, v);
          const ref = straightFrames(s, v);
          for (const p of picks) {
            const k = (p % (t.steps.length + 1)) - 1;
            expect(seekFrame(t, k), `step ${k}`).toBe(ref[k + 1]);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('shadow paging: faulted-in pages and hits go back too', () => {
    // GVA pages 0..63 map GFN 100..163, and GVA 64..127 map the same GFNs again; GFN 100..107
    // is not resident until a fault brings it in, which later prefetches through 64..71 see.
    const s = shadowScenario(
      {
        nonResident: [[100, 107]],
        accesses: [0, 1, 2, 64, 65, 66, 8, 9, 72, 73, 3, 67],
      },
      [
        { gvaPage: 0, pages: 64, gfn: 100 },
        { gvaPage: 64, pages: 64, gfn: 100 },
      ],
    );
    for (const v of ['buggy', 'fixed'] as const) {
      const t = built(s, v);
      const ref = straightFrames(s, v);
      const order = [t.steps.length - 1, 0, 17, 3, t.steps.length - 1, 40, 39, 2, -1, 25];
      for (const k of order) if (k < t.steps.length) expect(seekFrame(t, k)).toBe(ref[k + 1]);
    }
  });

  it('frameAt leaves the history where a later frameAt finds the same state', () => {
    const t = built(scenario({ accesses: Array.from({ length: 300 }, (_, i) => (i * 37) % 1500) }), 'fixed');
    const a = frameAt(t, 700);
    frameAt(t, 5);
    frameAt(t, t.steps.length - 1);
    expect(frameAt(t, 700)).toEqual(a);
  });
});

describe('step mode refuses before working', () => {
  it('a 2^30-page pattern in a 2^40-page memslot is refused at once, with the usual message', () => {
    const s = scenario({
      memslots: [{ baseGfn: 0, pages: 2 ** 40 }],
      accesses: { pattern: 'random', startGfn: 0, pages: 2 ** 30, seed: 1 },
    });
    const t0 = performance.now();
    const r = buildTimeline(s, 'fixed');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(r).toEqual({
      ok: false,
      message: 'too many steps for step mode: more than 200,000; use fewer accesses or the experiment view',
    });
  });

  it('scattered accesses (15,000 below GFN 2^33) cost memory per table touched, not per checkpoint', () => {
    let x = 7;
    const accesses = Array.from({ length: 15_000 }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x * 2) % 2 ** 33;
    });
    const s = scenario({ memslots: [{ baseGfn: 0, pages: 2 ** 33 }], accesses });
    const t = built(s, 'fixed');
    const m = t.history.seek(t.steps.length);
    const tables = new Set(accesses.map((g) => Math.floor(g / 512))).size;
    expect(m.tables.tableCount).toBe(tables);
    expect(m.tables.bytesUsed).toBeLessThan(2 * tables * 160 + 64 * 160);
    expect(t.history.bytes).toBeLessThan(t.steps.length * 16);
  });
});

/** Every GFN-valued field of a step, moved down by `by`, so steps at two places can be compared. */
function shifted(step: Step, by: number): unknown {
  const g = (n: number | null | undefined) => (n === null || n === undefined ? n : n - by);
  const o: Record<string, unknown> = { ...step, gfn: g(step.gfn) };
  if ('mapsGfn' in step) o.mapsGfn = g(step.mapsGfn);
  if (step.kind === 'window') o.first = g(step.first);
  if (step.kind === 'visit')
    Object.assign(o, {
      entryGfn: g(step.entryGfn),
      startBefore: g(step.startBefore),
      startAfter: g(step.startAfter),
    });
  if (step.kind === 'loop-end') o.start = g(step.start);
  if (step.kind === 'batch') o.call = { ...step.call, start: g(step.call.start), end: g(step.call.end) };
  if (step.kind === 'gpte-visit')
    Object.assign(o, { entryGfn: g(step.entryGfn), entryMapsGfn: g(step.entryMapsGfn) });
  return o;
}

describe('step mode at large GFNs (window bases above 2^31 and near the 52-bit end)', () => {
  // The same scenario at GFN 0 and moved up by a multiple of 512: every step must be the same,
  // moved. A window base computed with 32-bit arithmetic (gfn & ~7) goes wrong above 2^31.
  const accesses = [8, 12, 9, 20, 511, 509, 512, 515, 1000, 1001, 7, 6];
  const at = (by: number): Scenario => {
    const r = (x: GfnRange): GfnRange => [x[0] + by, x[1] + by];
    return scenario({
      memslots: [
        { baseGfn: by, pages: 510 },
        { baseGfn: by + 510, pages: 600, dirtyLog: false },
      ],
      nonResident: [r([18, 18]), r([1003, 1005])],
      present: [r([13, 13]), r([514, 514])],
      accesses: accesses.map((g) => g + by),
    });
  };
  for (const by of [2 ** 31, 2 ** 32 + 512 * 7, 2 ** 40 - 4096]) {
    it(`moved up by ${by}: same steps, same bulk totals`, () => {
      for (const v of ['buggy', 'fixed'] as const) {
        const low = [...scenarioSteps(at(0), v)].map((s) => shifted(s, 0));
        const high = [...scenarioSteps(at(by), v)].map((s) => shifted(s, by));
        expect(high).toEqual(low);
        expect(runAnyBulk(at(by), v).totals).toEqual(runAnyBulk(at(0), v).totals);
        const t = built(at(by), v);
        expect(frameAt(t, t.steps.length - 1).tableBase).toBe(by);
      }
    });
  }

  it('shadow paging at GVA pages near 2^45 and GFNs near 2^40', () => {
    const gva = 2 ** 45 - 1024;
    const gfn = 2 ** 40 - 2048;
    const make = (va: number, fa: number) =>
      shadowScenario(
        { memslots: [{ baseGfn: fa, pages: 2048 }], accesses: [8, 9, 12, 30].map((a) => a + va) },
        [
          { gvaPage: va, pages: 64, gfn: fa },
          { gvaPage: va + 10, pages: 1, gfn: fa + 700, accessed: false },
        ],
      );
    const low = make(0, 0);
    low.guest!.pageTables.shift();
    const high = make(gva, gfn);
    high.guest!.pageTables.shift();
    for (const v of ['buggy', 'fixed'] as const) {
      const a = [...scenarioSteps(low, v)].map((s) => JSON.stringify(shifted(s, 0)));
      const b = [...scenarioSteps(high, v)].map((s) => {
        const o = shifted(s, gva) as Record<string, number | null>;
        if (typeof o.mapsGfn === 'number') o.mapsGfn -= gfn - gva;
        if (typeof o.entryMapsGfn === 'number') o.entryMapsGfn -= gfn - gva;
        return JSON.stringify(o);
      });
      expect(b).toEqual(a);
    }
  });
});
