import { describe, expect, it } from 'vitest';
import type { KernelArg } from './kernelVersion.ts';
import { Machine } from './machine.ts';
import { parseScenario } from './scenario.ts';
import { runAnyBulk } from './shadow/bulkShadow.ts';
import { scenarioSteps } from './stepWalk.ts';
import type { Step } from './steps.ts';
import { scenario } from './testing/scenarios.ts';
import { shadowScenario } from './testing/shadowScenarios.ts';
import type { Scenario, Totals } from './types.ts';

// One hand-worked case per behaviour change in docs/history.md, in step and bulk mode.

function both(s: Scenario, k: KernelArg): { totals: Totals; steps: Step[]; prefetchedAt: number[] } {
  const m = new Machine(s, k);
  const steps = [...scenarioSteps(s, k, m)];
  const bulk = runAnyBulk(s, k, { detail: true });
  expect(bulk.totals).toEqual(m.totals);
  const prefetchedAt: number[] = [];
  for (let g = 0; g < 64; g++) if (m.tables.stateOf(g) === 'prefetched') prefetchedAt.push(g);
  return { totals: m.totals, steps, prefetchedAt };
}

const totals = (pfFixed: number, prefetched: number, prefetchHits: number) =>
  expect.objectContaining({ pfFixed, prefetched, prefetchHits });

describe('nested EPT without A/D bits (shadow paging, adBits false)', () => {
  // The reproducer: GVA pages 0..7 map GFNs 16..23; the guest touches GVA 0 then 1.
  const repro = parseScenario({
    version: 1,
    mmu: 'shadow',
    adBits: false,
    memslots: [{ baseGfn: 0, pages: 64 }],
    guest: { paging: true, pageTables: [{ gvaPage: 0, pages: 8, gfn: 16 }] },
    accesses: [0, 1],
  });
  if (!repro.ok) throw new Error(repro.error.message);

  it('from v4.13 prefetched SPTEs are access-tracked: the first touch of 1 is a fault (pf_fixed 2, 7 prefetched, 0 hits)', () => {
    const r = both(repro.value, 'fixed');
    expect(r.totals).toEqual(totals(2, 7, 0));
    const second = r.steps.find((s) => s.kind === 'fault' && s.accessIndex === 1);
    expect(second).toMatchObject({ kind: 'fault', gfn: 1, mapsGfn: 17, accessTracked: true });
    // The second fault's own walk runs again: every other entry is already (access-tracked) present.
    const visits = r.steps.filter((s) => s.kind === 'gpte-visit' && s.accessIndex === 1);
    expect(visits.map((s) => (s.kind === 'gpte-visit' ? s.outcome : ''))).toEqual([
      'skip-present',
      'skip-faulting',
      ...Array(6).fill('skip-present'),
    ]);
  });

  it('before v4.13 (one global accessed-bit test) the host set accessed bits: the touch is a hit', () => {
    expect(both(repro.value, '4.12').totals).toEqual(totals(1, 7, 1));
  });

  it('guest paging off (a direct shadow page) is access-tracked too', () => {
    // Fault on 15 closes the run 8-14, which both variants prefetch; then 14 and 13 are touched.
    const s: Scenario = { ...repro.value, guest: { paging: false, pageTables: [] }, accesses: [15, 14, 13] };
    expect(both(s, '5.16').totals).toEqual(totals(3, 7, 0));
    expect(both(s, '4.12').totals).toEqual(totals(1, 7, 2));
  });

  it('with guest A/D bits nothing changes: a hit in every version', () => {
    const s = { ...repro.value, adBits: true };
    for (const k of ['2.6.37', '4.12', '5.16', '6.13']) expect(both(s, k).totals).toEqual(totals(1, 7, 1));
  });
});

describe('an invalid guest PTE: skipped before v3.8, the end of the walk from v3.8', () => {
  // Fault on GVA 8; GVA 10's guest PTE has its Accessed bit clear.
  const s = shadowScenario({ accesses: [8] }, [{ gvaPage: 10, pages: 1, gfn: 10, accessed: false }]);

  it('v3.7 skips 10 and prefetches 9 and 11-15', () => {
    const r = both(s, '3.7');
    expect(r.prefetchedAt).toEqual([9, 11, 12, 13, 14, 15]);
    expect(r.totals).toEqual(expect.objectContaining({ prefetchCalls: 7, failedCalls: 1 }));
    expect(r.steps.find((x) => x.kind === 'gpte-visit' && x.entryGfn === 10)).toMatchObject({
      outcome: 'skipped',
      reason: 'gpte-not-accessed',
      line: 'gpte-skip',
    });
  });

  it('v3.8 prefetches 9 and stops at 10', () => {
    const r = both(s, '3.8');
    expect(r.prefetchedAt).toEqual([9]);
    expect(r.totals).toEqual(expect.objectContaining({ prefetchCalls: 2, failedCalls: 1 }));
  });

  it('a page that cannot be had ends the walk in both eras', () => {
    const nr = { ...s, nonResident: [[11, 11]] as [number, number][] };
    expect(both(nr, '3.7').prefetchedAt).toEqual([9]);
    expect(both(nr, '3.8').prefetchedAt).toEqual([9]);
  });
});

describe('MMU-notifier invalidation in progress (4a42d848db95, v5.12)', () => {
  // Fault on 12 with nothing present: both variants prefetch 8-11 when the walk runs.
  const s = scenario({ accesses: [12], invalidations: [[0, 0]] });

  it('v5.12 returns before the window walk', () => {
    const r = both(s, '5.12');
    expect(r.totals).toEqual(totals(1, 0, 0));
    expect(r.steps.at(-1)).toMatchObject({
      kind: 'early-return',
      reason: 'invalidation',
      line: 'check-notifier',
    });
  });

  it('v5.11 retried the fault until the invalidation ended, then prefetched as usual', () => {
    expect(both(s, '5.11').totals).toEqual(totals(1, 4, 0));
  });

  it('only the accesses named are affected', () => {
    const later = scenario({ accesses: [12, 20], invalidations: [[0, 0]] });
    // Fault on 20 (window 16-23): buggy prefetches 16-19, not the trailing 21-23.
    expect(both(later, '5.12').totals).toEqual(totals(2, 4, 0));
  });

  it('shadow paging checks it in FNAME(pte_prefetch)', () => {
    const sh = shadowScenario({ accesses: [8], invalidations: [[0, 0]] });
    expect(both(sh, '5.12').totals).toEqual(totals(1, 0, 0));
    expect(both(sh, '5.11').totals).toEqual(totals(1, 7, 0));
  });
});

describe('c6cecc4b9324 by version', () => {
  const seed = scenario({ accesses: [8] });
  it('5.15.y (any point release) drops the trailing run; 5.16 prefetches 9-15', () => {
    expect(both(seed, '5.15.139').totals).toEqual(totals(1, 0, 0));
    expect(both(seed, '2.6.37').totals).toEqual(totals(1, 0, 0));
    expect(both(seed, '5.16').totals).toEqual(totals(1, 7, 0));
    expect(both(seed, '6.13').totals).toEqual(totals(1, 7, 0));
  });
});

describe('guest W and D bits and a dirty-logged slot', () => {
  // Fault on GVA 8 of a linear guest table; GFN 9 lies in a dirty-logged slot.
  const dl = (pte: object, adBits = true) =>
    shadowScenario(
      {
        accesses: [8],
        adBits,
        memslots: [
          { baseGfn: 0, pages: 9 },
          { baseGfn: 9, pages: 1, dirtyLog: true },
          { baseGfn: 10, pages: 1 << 20 },
        ],
      },
      [{ gvaPage: 9, pages: 1, gfn: 9, ...pte }],
    );

  it('writable and dirty (the default): the prefetch needs a slot without dirty logging and fails', () => {
    const r = both(dl({}), '5.16');
    expect(r.prefetchedAt).toEqual([]);
    expect(r.steps.find((x) => x.kind === 'gpte-visit' && x.entryGfn === 9)).toMatchObject({
      reason: 'dirty-log',
    });
  });

  it('read-only or clean: the SPTE would not be writable, so it prefetches from the dirty-logged slot', () => {
    expect(both(dl({ writable: false }), '5.16').prefetchedAt).toEqual([9, 10, 11, 12, 13, 14, 15]);
    expect(both(dl({ dirty: false }), '5.16').prefetchedAt).toEqual([9, 10, 11, 12, 13, 14, 15]);
  });

  it('without guest A/D bits (nested EPT) a clean PTE stays writable: it fails like a dirty one', () => {
    expect(both(dl({ dirty: false }, false), '5.16').prefetchedAt).toEqual([]);
    expect(both(dl({ writable: false }, false), '5.16').prefetchedAt).toEqual([9, 10, 11, 12, 13, 14, 15]);
  });

  it('the same rule in every era (no_dirty_log was always true for prefetch; dropped in v6.4)', () => {
    for (const k of ['2.6.37', '3.8', '6.3', '6.4', '6.13']) {
      expect(both(dl({}), k).prefetchedAt, k).toEqual([]);
      expect(both(dl({ dirty: false }), k).prefetchedAt, k).toEqual([9, 10, 11, 12, 13, 14, 15]);
    }
  });
});
