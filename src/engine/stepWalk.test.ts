import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioSteps } from './stepWalk.ts';
import { Machine } from './machine.ts';
import type { BatchStep, Step } from './steps.ts';
import { scenario } from './testing/scenarios.ts';
import type { BatchCall, Scenario, Variant } from './types.ts';

function calls(s: Scenario, v: Variant): string[] {
  return [...scenarioSteps(s, v)].filter((x): x is BatchStep => x.kind === 'batch').map((x) => fmt(x.call));
}

function fmt(c: BatchCall): string {
  return `(${c.start},${c.end}) ${c.result === 0 ? `+${c.installed}` : `fail ${c.reason}`}`;
}

function prefetchedGfns(s: Scenario, v: Variant): number[] {
  const m = new Machine(s, v);
  for (const _ of scenarioSteps(s, v, m));
  const out: number[] = [];
  for (let g = 0; g < 64; g++) if (m.tables.stateOf(g) === 'prefetched') out.push(g);
  return out;
}

// Every row of the worked-examples table in ../shared/kvm-prefetch-facts.md.
describe('worked examples (one fault, table base 0, one big memslot, all resident)', () => {
  const rows: Array<[string, Partial<Scenario>, string[], string[]]> = [
    ['none present, fault 8', {}, [], ['(9,16) +7']],
    ['none present, fault 12', { accesses: [12] }, ['(8,12) +4'], ['(8,12) +4', '(13,16) +3']],
    ['11 present, fault 8', { present: [[11, 11]] }, ['(9,11) +2'], ['(9,11) +2', '(12,16) +4']],
    ['none present, fault 15', { accesses: [15] }, ['(8,15) +7'], ['(8,15) +7']],
    [
      'GFN 8 not resident, fault 12',
      { nonResident: [[8, 8]], accesses: [12] },
      ['(8,12) fail not-resident'],
      ['(8,12) fail not-resident'],
    ],
    ['GFN 11 not resident, fault 8', { nonResident: [[11, 11]] }, [], ['(9,16) +2']],
    [
      'memslot GFN 0..12, fault 8',
      { memslots: [{ baseGfn: 0, pages: 13 }] },
      [],
      ['(9,16) fail crosses-slot-end'],
    ],
    [
      'dirty-logged slot, fault 8',
      { memslots: [{ baseGfn: 0, pages: 64, dirtyLog: true }] },
      [],
      ['(9,16) fail dirty-log'],
    ],
    [
      'read-only slot, fault 8',
      { memslots: [{ baseGfn: 0, pages: 64, readonly: true }] },
      [],
      ['(9,16) fail readonly'],
    ],
    ['A/D bits off', { adBits: false, accesses: [12] }, [], []],
    ['2 MiB backing', { backing: '2m', accesses: [12] }, [], []],
    ['TDP MMU', { mmu: 'tdp', accesses: [12] }, [], []],
  ];
  it.each(rows)('%s', (_name, over, buggy, fixed) => {
    const s = scenario(over);
    expect(calls(s, 'buggy')).toEqual(buggy);
    expect(calls(s, 'fixed')).toEqual(fixed);
  });

  it('a failed batch ends the walk in both variants: 13-15 are never tried', () => {
    const s = scenario({ nonResident: [[8, 8]], accesses: [12] });
    for (const v of ['buggy', 'fixed'] as const) {
      const steps = [...scenarioSteps(s, v)];
      const stop = steps.find((x) => x.kind === 'walk-stop');
      expect(stop && stop.kind === 'walk-stop' && stop.how).toBe(v === 'buggy' ? 'break' : 'return');
      expect(steps.some((x) => x.kind === 'visit' && x.entryGfn > 12)).toBe(false);
      expect(prefetchedGfns(s, v)).toEqual([]);
    }
  });

  it('partial residency installs the prefix and counts as success', () => {
    const s = scenario({ nonResident: [[11, 11]] });
    expect(prefetchedGfns(s, 'fixed')).toEqual([9, 10]);
  });
});

describe('fault handling', () => {
  it('2 MiB backing maps all 512 GFNs at once when the region lies in one clean slot', () => {
    const s = scenario({ backing: '2m', accesses: [600, 601, 1023] });
    const steps = [...scenarioSteps(s, 'fixed')];
    expect(steps[0]).toMatchObject({ kind: 'fault', huge: true, gfn: 600 });
    expect(steps[1]).toMatchObject({ kind: 'early-return', reason: 'huge-level' });
    expect(steps.slice(2).map((x) => x.kind === 'access' && x.outcome)).toEqual(['huge', 'huge']);
  });

  it('2 MiB backing falls back to 4 KiB (and prefetches) when the region crosses a slot end or is dirty-logged', () => {
    for (const memslots of [[{ baseGfn: 0, pages: 500 }], [{ baseGfn: 0, pages: 4096, dirtyLog: true }]]) {
      const s = scenario({ backing: '2m', memslots, accesses: [8] });
      const steps = [...scenarioSteps(s, 'fixed')];
      expect(steps[0]).toMatchObject({ kind: 'fault', huge: false });
      expect(steps.some((x) => x.kind === 'window')).toBe(true);
    }
  });

  it('A/D bits off returns before the level check', () => {
    const steps = [...scenarioSteps(scenario({ adBits: false, backing: '2m' }), 'fixed')];
    expect(steps[1]).toMatchObject({ kind: 'early-return', reason: 'ad-disabled', line: 'check-ad' });
  });

  it('a real fault faults a non-resident page in; prefetch never does', () => {
    const s = scenario({ nonResident: [[10, 20]], accesses: [10, 11] });
    const steps = [...scenarioSteps(s, 'fixed')];
    expect(steps.filter((x) => x.kind === 'fault').map((x) => x.gfn)).toEqual([10, 11]);
    expect(calls(s, 'fixed')).toEqual([
      '(8,10) +2',
      '(11,16) fail not-resident',
      '(12,16) fail not-resident',
    ]);
  });

  it('the first touch of a prefetched SPTE is a hit, not a fault', () => {
    const s = scenario({ accesses: [8, 9, 9, 10] });
    const kinds = [...scenarioSteps(s, 'fixed')]
      .filter((x) => x.kind === 'access' || x.kind === 'fault')
      .map((x) => (x.kind === 'access' ? x.outcome : 'fault'));
    expect(kinds).toEqual(['fault', 'hit', 'present', 'hit']);
  });

  it('the seed case walks the window entry by entry, as the kernel loop does', () => {
    const steps = [...scenarioSteps(scenario(), 'buggy')];
    const visits = steps.filter((x) => x.kind === 'visit');
    expect(visits.map((x) => x.kind === 'visit' && x.action)).toEqual([
      'continue',
      'open',
      'extend',
      'extend',
      'extend',
      'extend',
      'extend',
      'extend',
    ]);
    expect(steps.at(-1)).toMatchObject({ kind: 'loop-end', start: 9, dropped: true, line: 'loop-end' });
    const fixedEnd = [...scenarioSteps(scenario(), 'fixed')].at(-2);
    expect(fixedEnd).toMatchObject({ kind: 'loop-end', start: 9, dropped: false, line: 'trailing-call' });
  });
});

// Random single-table scenarios for the invariants.
const arbScenario = fc
  .record({
    present: fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 20 }),
    nonResident: fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 6 }),
    slotEnd: fc.integer({ min: 1, max: 80 }),
    flags: fc.constantFrom('', 'readonly', 'dirtyLog'),
    accesses: fc.array(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 30 }),
  })
  .map(({ present, nonResident, slotEnd, flags, accesses }) =>
    scenario({
      memslots: [
        { baseGfn: 0, pages: slotEnd, ...(flags ? { [flags]: true } : {}) },
        { baseGfn: slotEnd, pages: 200 },
      ],
      present: present.map((g) => [g, g] as const),
      nonResident: nonResident.map((g) => [g, g] as const),
      accesses,
    }),
  );

function byFault(steps: Step[]): Map<number, BatchCall[]> {
  const out = new Map<number, BatchCall[]>();
  for (const s of steps) {
    if (s.kind === 'fault') out.set(s.faultIndex, []);
    if (s.kind === 'batch') out.get(s.faultIndex)!.push(s.call);
  }
  return out;
}

describe('invariants (property tests)', () => {
  it('batches stay inside the window and never include the faulting entry', () => {
    fc.assert(
      fc.property(arbScenario, fc.constantFrom<Variant>('buggy', 'fixed'), (s, v) => {
        for (const st of scenarioSteps(s, v)) {
          if (st.kind !== 'batch') continue;
          const first = st.gfn - (st.gfn % 8);
          expect(st.call.start).toBeGreaterThanOrEqual(first);
          expect(st.call.end).toBeLessThanOrEqual(first + 8);
          expect(st.gfn < st.call.start || st.gfn >= st.call.end).toBe(true);
        }
      }),
    );
  });

  it('from the same state, fixed prefetches a superset of buggy', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        // One fault from the scenario's initial state.
        const one = { ...s, accesses: [(s.accesses as number[])[0]!] };
        const b = prefetchedGfns(one, 'buggy');
        const f = new Set(prefetchedGfns(one, 'fixed'));
        for (const g of b) expect(f.has(g)).toBe(true);
      }),
    );
  });

  it('buggy and fixed make the same calls except the trailing one and break/return', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const one = { ...s, accesses: [(s.accesses as number[])[0]!] };
        const b = byFault([...scenarioSteps(one, 'buggy')]).get(0) ?? [];
        const f = byFault([...scenarioSteps(one, 'fixed')]).get(0) ?? [];
        expect(f.filter((c) => !c.trailing)).toEqual(b);
      }),
    );
  });

  it('TDP and A/D-off never prefetch', () => {
    fc.assert(
      fc.property(arbScenario, fc.boolean(), (s, tdp) => {
        const t = tdp ? { ...s, mmu: 'tdp' as const } : { ...s, adBits: false };
        const m = new Machine(t, 'fixed');
        for (const st of scenarioSteps(t, 'fixed', m)) expect(st.kind).not.toBe('batch');
        expect(m.totals.prefetched).toBe(0);
      }),
    );
  });

  it('totals add up: every access is a fault, a hit or a plain access; prefetched = sum of installs', () => {
    fc.assert(
      fc.property(arbScenario, fc.constantFrom<Variant>('buggy', 'fixed'), (s, v) => {
        const m = new Machine(s, v);
        const steps = [...scenarioSteps(s, v, m)];
        const t = m.totals;
        expect(t.accesses).toBe((s.accesses as number[]).length);
        expect(t.pfFixed).toBe(steps.filter((x) => x.kind === 'fault').length);
        const installs = steps.reduce((a, x) => a + (x.kind === 'batch' ? x.call.installed : 0), 0);
        expect(t.prefetched).toBe(installs);
        expect(t.prefetchHits).toBeLessThanOrEqual(t.prefetched);
        expect(t.failedCalls).toBeLessThanOrEqual(t.prefetchCalls);
      }),
    );
  });
});
