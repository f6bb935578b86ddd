import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario, parseScenarioText } from './scenario.ts';
import { runScenario } from './run.ts';
import type { BatchCall, Scenario, Variant } from './types.ts';

function load(name: string): Scenario | Scenario[] {
  const r = parseScenarioText(
    readFileSync(new URL(`../../public/scenarios/${name}`, import.meta.url), 'utf8'),
  );
  if (!r.ok) throw new Error(`${name}: ${r.error.path}: ${r.error.message}`);
  return r.value;
}

function one(name: string): Scenario {
  const s = load(name);
  if (Array.isArray(s)) throw new Error(`${name} holds an array`);
  return s;
}

describe('runScenario: the seed experiment (6 GiB touched in an 8 GiB memslot)', () => {
  it('buggy, ascending: every touch faults, nothing is prefetched', () => {
    const s = one('seed-buggy.json');
    expect(s.variant).toBe('buggy');
    expect(runScenario(s).totals).toEqual({
      accesses: 1_572_864,
      pfFixed: 1_572_864,
      prefetched: 0,
      prefetchCalls: 0,
      failedCalls: 0,
      prefetchHits: 0,
    });
  });

  it('fixed, ascending: one fault per 8 pages, the other 7 prefetched', () => {
    const s = one('seed.json');
    expect(s.variant).toBe('fixed');
    expect(runScenario(s).totals).toEqual({
      accesses: 1_572_864,
      pfFixed: 196_608,
      prefetched: 1_376_256,
      prefetchCalls: 196_608,
      failedCalls: 0,
      prefetchHits: 1_376_256,
    });
  });

  it('descending: 196,608 faults for both variants', () => {
    const s = one('seed-reverse.json');
    expect(s.accesses).toMatchObject({ pattern: 'reverse', startGfn: 0, pages: 1_572_864 });
    for (const variant of ['buggy', 'fixed'] as const) {
      const t = runScenario({ ...s, variant }).totals;
      expect(t.pfFixed, variant).toBe(196_608);
      expect(t.prefetched, variant).toBe(1_376_256);
    }
  });
});

/** "9..16 +7 trailing" or "8..12 fail not-resident": compact enough to read a table of expectations. */
function show(c: BatchCall): string {
  const what = c.result < 0 ? `fail ${c.reason}` : `+${c.installed}`;
  return `${c.start}..${c.end} ${what}${c.trailing ? ' trailing' : ''}`;
}

// Per scenario of worked-examples.json (rows of the facts page's table): [buggy calls, fixed calls].
const worked: Array<[string, string[], string[]]> = [
  ['Row 1', [], ['9..16 +7 trailing']],
  ['Row 2', ['8..12 +4'], ['8..12 +4', '13..16 +3 trailing']],
  ['Row 3', ['9..11 +2'], ['9..11 +2', '12..16 +4 trailing']],
  ['Row 4', ['8..15 +7'], ['8..15 +7']],
  ['Row 5', ['8..12 fail not-resident'], ['8..12 fail not-resident']],
  ['Row 6', [], ['9..16 +2 trailing']],
  ['Row 7', [], ['9..16 fail crosses-slot-end trailing']],
  ['Row 8a', [], ['9..16 fail dirty-log trailing']],
  ['Row 8b', [], ['9..16 fail readonly trailing']],
  ['Row 9a', [], []],
  ['Row 9b', [], []],
  ['Row 9c', [], []],
];

describe('runScenario: the worked examples', () => {
  const all = load('worked-examples.json');
  if (!Array.isArray(all)) throw new Error('worked-examples.json must hold an array');

  it('has one scenario per expectation, named by row', () => {
    expect(all.map((s) => s.name?.split(':')[0])).toEqual(worked.map(([row]) => row));
  });

  it.each(worked.map((w, i) => [...w, i] as const))('%s', (_row, buggy, fixed, i) => {
    const s = all[i]!;
    const expected: Record<Variant, string[]> = { buggy, fixed };
    for (const variant of ['buggy', 'fixed'] as const) {
      const r = runScenario({ ...s, variant }, { detail: true });
      expect(r.totals.pfFixed).toBe(1);
      expect(r.faults).toHaveLength(1);
      const fault = r.faults![0]!;
      expect([fault.gfn]).toEqual(s.accesses);
      expect(fault.calls.map(show), variant).toEqual(expected[variant]);
      const installed = fault.calls.reduce((n, c) => n + c.installed, 0);
      expect(r.totals.prefetched).toBe(installed);
      expect(r.totals.failedCalls).toBe(fault.calls.filter((c) => c.result < 0).length);
    }
  });

  it('marks the 2 MiB fault as huge', () => {
    const s = all.find((x) => x.backing === '2m')!;
    expect(runScenario(s, { detail: true }).faults).toEqual([{ gfn: 8, huge: true, calls: [] }]);
  });
});

describe('runScenario: result shape', () => {
  const r = parseScenario({
    memslots: [{ baseGfn: 0, pages: 64 }],
    accesses: { pattern: 'sequential', startGfn: 0, pages: 64 },
  });
  if (!r.ok) throw new Error(r.error.message);
  const s = r.value;

  it('omits faults without detail and includes them with it', () => {
    expect(Object.keys(runScenario(s)).sort()).toEqual(['engineMs', 'totals']);
    expect(Object.keys(runScenario(s, { detail: false })).sort()).toEqual(['engineMs', 'totals']);
    const d = runScenario(s, { detail: true });
    expect(d.faults?.map((f) => f.gfn)).toEqual([0, 8, 16, 24, 32, 40, 48, 56]);
    expect(d.totals).toEqual(runScenario(s).totals);
  });

  it('gives the same totals with and without detail for every pattern kind', () => {
    const memslots = [
      { baseGfn: 0, pages: 3000 },
      { baseGfn: 3000, pages: 1096, dirtyLog: true },
    ];
    const patterns = [
      { pattern: 'sequential', startGfn: 5, pages: 4000 },
      { pattern: 'reverse', startGfn: 5, pages: 4000 },
      { pattern: 'stride', startGfn: 1, pages: 4000, stride: 3 },
      { pattern: 'random', startGfn: 0, pages: 4096, seed: 7 },
    ];
    for (const accesses of patterns) {
      for (const variant of ['buggy', 'fixed'] as const) {
        const p = parseScenario({
          variant,
          memslots,
          nonResident: [[100, 130]],
          present: [[64, 70]],
          accesses,
        });
        if (!p.ok) throw new Error(p.error.message);
        const plain = runScenario(p.value).totals;
        const detailed = runScenario(p.value, { detail: true });
        expect(detailed.totals, `${accesses.pattern} ${variant}`).toEqual(plain);
        expect(detailed.faults).toHaveLength(plain.pfFixed);
      }
    }
  });

  it('rounds engineMs to 0.01 ms', () => {
    const { engineMs } = runScenario(s);
    expect(engineMs).toBeGreaterThanOrEqual(0);
    expect(Math.round(engineMs * 100) / 100).toBe(engineMs);
  });

  it('runs the scenario’s own variant', () => {
    expect(runScenario({ ...s, variant: 'buggy' }).totals.pfFixed).toBe(64);
    expect(runScenario({ ...s, variant: 'fixed' }).totals.pfFixed).toBe(8);
  });
});
