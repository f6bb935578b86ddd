import { describe, expect, it } from 'vitest';
import { Machine } from '../machine.ts';
import { listingFor, rowInListing } from '../sourceListing.ts';
import { scenarioSteps } from '../stepWalk.ts';
import type { GpteVisitStep, Step } from '../steps.ts';
import { buildTimeline, frameAt } from '../timeline.ts';
import { pagingOffScenario, shadowScenario } from '../testing/shadowScenarios.ts';
import type { GuestPteRange, Scenario, Variant } from '../types.ts';
import { runShadowBulk } from './bulkShadow.ts';

function visits(s: Scenario, v: Variant = 'fixed'): string[] {
  return [...scenarioSteps(s, v)]
    .filter((x): x is GpteVisitStep => x.kind === 'gpte-visit')
    .map((x) => (x.outcome === 'failed' ? `${x.entryGfn} failed ${x.reason}` : `${x.entryGfn} ${x.outcome}`));
}

/** Entry `gva` of a linear table overridden by one guest PTE. */
const pte = (gvaPage: number, over: Partial<GuestPteRange> = {}): GuestPteRange => ({
  gvaPage,
  pages: 1,
  gfn: gvaPage,
  ...over,
});

const P = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, k) => `${from + k} prefetched`);

describe('FNAME(pte_prefetch) rules (guest paging on, one fault, table base 0)', () => {
  it('skips the faulting entry and prefetches every other entry of the window, one at a time', () => {
    expect(visits(shadowScenario())).toEqual(['8 skip-faulting', ...P(9, 15)]);
    // No trailing bug: a fault at the window's start fills the rest in both variants.
    expect(visits(shadowScenario(), 'buggy')).toEqual(visits(shadowScenario(), 'fixed'));
    expect(visits(shadowScenario({ accesses: [12] }))).toEqual([
      ...P(8, 11),
      '12 skip-faulting',
      ...P(13, 15),
    ]);
  });

  it('skips entries already present', () => {
    expect(visits(shadowScenario({ present: [[11, 11]] }))).toEqual([
      '8 skip-faulting',
      ...P(9, 10),
      '11 skip-present',
      ...P(12, 15),
    ]);
  });

  it.for<[string, GuestPteRange[], Partial<Scenario>, string[]]>([
    ['a not-present guest PTE', [pte(11, { present: false })], {}, ['11 failed gpte-not-present']],
    [
      'no guest PTE at all',
      [],
      { guest: { paging: true, pageTables: [{ gvaPage: 0, pages: 11, gfn: 0 }] } },
      ['11 failed gpte-not-present'],
    ],
    ['a guest PTE with Accessed clear', [pte(11, { accessed: false })], {}, ['11 failed gpte-not-accessed']],
    ['a guest PTE with reserved bits', [pte(11, { reservedBits: true })], {}, ['11 failed gpte-reserved']],
    [
      'a GFN outside every memslot',
      [pte(11, { gfn: 5000 })],
      { memslots: [{ baseGfn: 0, pages: 4096 }] },
      ['11 failed no-memslot'],
    ],
    [
      'a GFN in a dirty-logged memslot',
      [pte(11, { gfn: 5000 })],
      {
        memslots: [
          { baseGfn: 0, pages: 4096 },
          { baseGfn: 4096, pages: 4096, dirtyLog: true },
        ],
      },
      ['11 failed dirty-log'],
    ],
    [
      'a non-resident host page',
      [pte(11, { gfn: 5000 })],
      { nonResident: [[5000, 5000]] },
      ['11 failed not-resident'],
    ],
  ])('%s fails the entry and ends the walk', ([, ptes, over, tail]) => {
    const s = shadowScenario({ ...over }, ptes);
    if (over.guest) s.guest = over.guest;
    expect(visits(s)).toEqual(['8 skip-faulting', ...P(9, 10), ...tail]);
    const m = new Machine(s, 'fixed');
    for (const _ of scenarioSteps(s, 'fixed', m));
    expect(m.totals).toMatchObject({ pfFixed: 1, prefetched: 2, prefetchCalls: 3, failedCalls: 1 });
    for (const g of [11, 12, 13, 14, 15]) expect(m.tables.stateOf(g)).toBe('not-present');
  });

  it('a guest without A/D bits prefetches a guest PTE whose Accessed bit is clear', () => {
    expect(visits(shadowScenario({ adBits: false }, [pte(11, { accessed: false })]))).toEqual([
      '8 skip-faulting',
      ...P(9, 15),
    ]);
  });

  it('a read-only memslot stops shadow prefetch (the atomic lookup asks for write access)', () => {
    const s = shadowScenario({ memslots: [{ baseGfn: 0, pages: 64, readonly: true }] });
    expect(visits(s)).toEqual(['8 skip-faulting', '9 failed readonly']);
  });

  it('scattered GFNs: each entry maps its own GFN, across memslots, with no batch', () => {
    const gfns = [0x203, 0x7, 0x1511, 0x12, 0x300, 0x1044, 0x9a, 0x1f0];
    const s = shadowScenario(
      {
        memslots: [
          { baseGfn: 0, pages: 0x1000 },
          { baseGfn: 0x1000, pages: 0x1000 },
        ],
        accesses: [8, 13],
      },
      gfns.map((gfn, k) => pte(8 + k, { gfn })),
    );
    const steps = [...scenarioSteps(s, 'fixed')];
    const got = steps.filter((x): x is GpteVisitStep => x.kind === 'gpte-visit').map((x) => x.entryMapsGfn);
    expect(got).toEqual(gfns);
    expect(steps.some((x) => x.kind === 'batch')).toBe(false);
    expect(steps.at(-1)).toMatchObject({ kind: 'access', outcome: 'hit', gfn: 13, mapsGfn: 0x1044 });
    expect(runShadowBulk(s, 'fixed', { detail: true }).faults).toEqual([
      { gva: 8, gfn: 0x203, calls: [], prefetched: gfns.slice(1).map((gfn, k) => ({ gva: 9 + k, gfn })) },
    ]);
  });

  it('a page faulted in through one GVA is resident for the prefetch of another mapping it', () => {
    const ptes = [pte(16, { gfn: 5000 }), pte(25, { gfn: 5000 })];
    const s = shadowScenario({ nonResident: [[5000, 5000]], accesses: [24] }, ptes);
    expect(visits(s)).toEqual(['24 skip-faulting', '25 failed not-resident']);
    s.accesses = [16, 24];
    expect(visits(s).slice(8)).toEqual(['24 skip-faulting', ...P(25, 31)]);
  });

  it('an access to a guest PTE with Accessed clear faults normally (the guest walk sets the bit)', () => {
    const s = shadowScenario({}, [pte(8, { accessed: false })]);
    expect(visits(s)).toEqual(['8 skip-faulting', ...P(9, 15)]);
  });

  it('a prefetched entry is a hit on first touch and present after', () => {
    const s = shadowScenario({ accesses: [8, 9, 9] });
    const kinds = [...scenarioSteps(s, 'fixed')]
      .filter((x) => x.kind === 'access' || x.kind === 'fault')
      .map((x) => (x.kind === 'access' ? x.outcome : 'fault'));
    expect(kinds).toEqual(['fault', 'hit', 'present']);
  });
});

describe('direct shadow pages (guest paging off) and early returns', () => {
  const ascending = { accesses: { pattern: 'sequential' as const, startGfn: 0, pages: 16 } };

  it('falls back to the direct walk: buggy drops the trailing run, fixed does not', () => {
    const buggy = runShadowBulk(pagingOffScenario(ascending), 'buggy').totals;
    const fixed = runShadowBulk(pagingOffScenario(ascending), 'fixed').totals;
    expect(buggy).toMatchObject({ pfFixed: 16, prefetched: 0 });
    expect(fixed).toMatchObject({ pfFixed: 2, prefetched: 14, prefetchCalls: 2 });
    const steps = [...scenarioSteps(pagingOffScenario(), 'buggy')];
    expect(steps.map((x) => x.kind)).toEqual([
      'fault',
      'direct-fallback',
      'window',
      ...Array<string>(8).fill('visit'),
      'loop-end',
    ]);
    expect(steps.at(-1)).toMatchObject({ kind: 'loop-end', start: 9, dropped: true });
  });

  it('skips the A/D-bit check: a guest without A/D bits still prefetches', () => {
    const s = pagingOffScenario({ adBits: false });
    expect(runShadowBulk(s, 'fixed').totals).toMatchObject({ prefetched: 7 });
  });

  it('returns early for a 2 MiB leaf (paging off with 2 MiB backing)', () => {
    const steps = [...scenarioSteps(pagingOffScenario({ backing: '2m', accesses: [12, 13] }), 'fixed')];
    expect(steps.map((x) => x.kind)).toEqual(['fault', 'early-return', 'access']);
    expect(steps[1]).toMatchObject({ reason: 'huge-level', line: 'sh-check-level' });
  });

  it('with guest paging on the leaf is 4 KiB whatever the backing, so prefetch runs', () => {
    expect(visits(shadowScenario({ backing: '2m' }))).toEqual(['8 skip-faulting', ...P(9, 15)]);
  });
});

describe('step mode for the views', () => {
  const cases: Scenario[] = [
    shadowScenario({ accesses: [8, 12, 9, 30] }, [pte(11, { accessed: false }), pte(28, { gfn: 1 << 22 })]),
    pagingOffScenario({ accesses: [8, 12, 3] }),
    pagingOffScenario({ backing: '2m', accesses: [8] }),
    shadowScenario({ nonResident: [[10, 10]] }),
  ];

  it('every step names a line of the shadow listing', () => {
    for (const v of ['buggy', 'fixed'] as const) {
      const listing = listingFor('shadow', v);
      for (const s of cases) {
        for (const st of scenarioSteps(s, v))
          expect(rowInListing(listing, st.line), st.line).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('frameAt shows the shadow table by GVA page and the walk entry by entry', () => {
    const s = shadowScenario({ accesses: [8] }, [pte(12, { present: false })]);
    const r = buildTimeline(s, 'fixed');
    if (!r.ok) throw new Error(r.message);
    const t = r.timeline;
    const last = frameAt(t, t.steps.length - 1);
    expect(Array.from(last.codes.slice(8, 16))).toEqual([1, 2, 2, 2, 0, 0, 0, 0]);
    expect(last.walk.stopped).toBe(true);
    expect(last.walk.gpteVisits?.map((x) => x.outcome)).toEqual([
      'skip-faulting',
      'prefetched',
      'prefetched',
      'prefetched',
      'failed',
    ]);
    expect(frameAt(t, 2).walk).toMatchObject({ windowFirst: 8, i: 0, stopped: false });
    expect(t.totals).toMatchObject({ pfFixed: 1, prefetched: 3, failedCalls: 1 });
  });

  it('every step is applied to the machine before it is yielded', () => {
    const s = cases[0]!;
    const m = new Machine(s, 'fixed');
    const seen: Step[] = [];
    for (const st of scenarioSteps(s, 'fixed', m)) {
      seen.push(st);
      if (st.kind === 'gpte-visit' && st.outcome === 'prefetched')
        expect(m.tables.stateOf(st.entryGfn)).toBe('prefetched');
    }
    expect(seen.length).toBeGreaterThan(0);
  });
});
