import { describe, expect, it } from 'vitest';
import { buildTimeline, frameAt, HIT_CODE, machineAt } from './timeline.ts';
import type { Timeline } from './timeline.ts';
import { tickForAccess, tickMap } from './ticks.ts';
import { linesFor, rowOf } from './sourceListing.ts';
import { scenarioSteps } from './stepWalk.ts';
import { Machine } from './machine.ts';
import { scenario } from './testing/scenarios.ts';
import type { Variant } from './types.ts';

function timeline(v: Variant, accesses: number[], extra = {}): Timeline {
  const r = buildTimeline(scenario({ accesses, ...extra }), v);
  if (!r.ok) throw new Error(r.message);
  return r.timeline;
}

const ascending = Array.from({ length: 600 }, (_, i) => 8 + i);

describe('timeline', () => {
  it('rebuilds the state at any step exactly as a straight run leaves it', () => {
    const t = timeline('fixed', ascending);
    expect(t.steps.length).toBeGreaterThan(600);
    for (const k of [-1, 0, 5, 255, 256, 257, 700, t.steps.length - 1]) {
      const direct = new Machine(t.scenario, 'fixed');
      let i = 0;
      for (const _step of scenarioSteps(t.scenario, 'fixed', direct)) if (i++ === k) break;
      if (k === -1) {
        const fresh = new Machine(t.scenario, 'fixed');
        expect(machineAt(t, k).totals).toEqual(fresh.totals);
        continue;
      }
      const rebuilt = machineAt(t, k);
      expect(rebuilt.totals).toEqual(direct.totals);
      for (const base of [0, 512])
        expect(rebuilt.tables.tableCodes(base)).toEqual(direct.tables.tableCodes(base));
    }
  });

  it('stepping back gives the identical frame', () => {
    const t = timeline('fixed', ascending.slice(0, 40));
    const a = frameAt(t, 30);
    frameAt(t, 31);
    expect(frameAt(t, 30)).toEqual(a);
  });

  it('frames of the seed case: fixed shows 9..15 prefetched after the trailing batch, buggy nothing', () => {
    const f = timeline('fixed', [8]);
    const b = timeline('buggy', [8]);
    const ff = frameAt(f, f.steps.length - 1);
    const bf = frameAt(b, b.steps.length - 1);
    expect(Array.from(ff.codes.slice(8, 16))).toEqual([1, 2, 2, 2, 2, 2, 2, 2]);
    expect(Array.from(bf.codes.slice(8, 16))).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(ff.walk.batches).toEqual([{ start: 9, end: 16, result: 0, installed: 7, trailing: true }]);
    expect(bf.walk.dropped).toEqual({ start: 9, end: 16 });
    expect(ff.totals.prefetched).toBe(7);
  });

  it('the walk view follows i and start through the loop', () => {
    const t = timeline('buggy', [12]);
    const at = (kind: string, i: number) =>
      t.steps.findIndex((s) => s.kind === kind && (s.kind !== 'visit' || s.i === i));
    expect(frameAt(t, at('visit', 1)).walk).toMatchObject({ i: 1, start: 8, windowFirst: 8, faultGfn: 12 });
    expect(frameAt(t, at('batch', 0)).walk).toMatchObject({ start: null, batches: [{ start: 8, end: 12 }] });
  });

  it('marks prefetched-then-touched entries as hits', () => {
    const t = timeline('fixed', [8, 9]);
    expect(frameAt(t, t.steps.length - 1).codes[9]).toBe(HIT_CODE);
  });

  it('refuses scenarios too long for step mode with a clear message', () => {
    const r = buildTimeline(scenario({ accesses: ascending }), 'buggy', 100);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/too many steps/);
  });
});

describe('tick maps', () => {
  it('compare mode advances both variants per access in lockstep', () => {
    const b = timeline('buggy', ascending.slice(0, 16));
    const f = timeline('fixed', ascending.slice(0, 16));
    const m = tickMap(b, f, 'compare');
    expect(m.accessTicks.length).toBe(16);
    for (let t = 0; t < m.count; t++) {
      const bs = b.steps[m.pairs[2 * t]!]!;
      const fs = f.steps[m.pairs[2 * t + 1]!]!;
      expect(bs.accessIndex).toBe(fs.accessIndex);
    }
    // Buggy faults on every one of the 16 accesses; fixed on 8 and 16 only.
    expect(m.faultTicks.length).toBe(16);
    expect(tickMap(b, f, 'fixed').faultTicks.length).toBe(2);
  });

  it('switching mode keeps the access', () => {
    const b = timeline('buggy', ascending.slice(0, 16));
    const f = timeline('fixed', ascending.slice(0, 16));
    const fixedMap = tickMap(b, f, 'fixed');
    const t = tickForAccess(fixedMap, 9);
    expect(f.steps[t]!.accessIndex).toBe(9);
  });
});

describe('source listing', () => {
  it('every line a step can name exists in the listing of its variant', () => {
    const scenarios = [
      scenario({ accesses: [8, 9, 12, 40, 47] }),
      scenario({ nonResident: [[8, 8]], accesses: [12] }),
      scenario({ adBits: false }),
      scenario({ backing: '2m' }),
      scenario({ mmu: 'tdp' }),
      scenario({ memslots: [{ baseGfn: 0, pages: 13 }] }),
    ];
    for (const v of ['buggy', 'fixed'] as const) {
      for (const s of scenarios)
        for (const st of scenarioSteps(s, v)) expect(rowOf(v, st.line), st.line).toBeGreaterThanOrEqual(0);
    }
  });

  it('marks the patch: break removed, return and the trailing call added', () => {
    const buggy = linesFor('buggy');
    expect(buggy.filter((l) => l.diff === '-' && !l.greyed).map((l) => l.text.trim())).toEqual(['break;']);
    const fixed = linesFor('fixed').filter((l) => l.diff === '+' && !l.greyed);
    expect(fixed.map((l) => l.id)).toEqual(['fail-exit', 'trailing-test', 'trailing-call']);
    expect(buggy.filter((l) => l.greyed).length).toBe(3);
  });
});
