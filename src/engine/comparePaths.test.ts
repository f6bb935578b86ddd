import { describe, expect, it } from 'vitest';
import { comparePaths, SEED_WORKLOAD } from './comparePaths.ts';
import { parseScenario } from './scenario.ts';

describe('comparePaths', () => {
  it("runs the seed's workload through every path", () => {
    const rows = comparePaths(SEED_WORKLOAD);
    const by = Object.fromEntries(rows.map((r) => [r.id, r.totals]));
    expect(rows.map((r) => r.id)).toEqual(['legacy-buggy', 'legacy-fixed', 'shadow', 'tdp', 'legacy-2m']);
    expect(by['legacy-buggy']).toMatchObject({ pfFixed: 1_572_864, prefetched: 0, prefetchHits: 0 });
    expect(by['legacy-fixed']).toMatchObject({
      pfFixed: 196_608,
      prefetched: 1_376_256,
      prefetchCalls: 196_608,
    });
    // Shadow with a linear guest page table: the same entries, one FNAME(prefetch_gpte) call each.
    expect(by.shadow).toMatchObject({
      pfFixed: 196_608,
      prefetched: 1_376_256,
      prefetchCalls: 1_376_256,
      failedCalls: 0,
      prefetchHits: 1_376_256,
    });
    expect(by.tdp).toMatchObject({ pfFixed: 1_572_864, prefetched: 0 });
    expect(by['legacy-2m']).toMatchObject({ pfFixed: 3_072, prefetched: 0 });
    for (const r of rows) {
      expect(r.why).toMatch(/^[A-Z].*\.$/);
      expect(r.why.split('. ').length).toBe(1);
      expect(parseScenario(r.scenario).ok).toBe(true);
    }
    expect(rows.find((r) => r.id === 'shadow')!.why).toMatch(/never had the trailing bug/);
  });

  it('says when shadow paging and the fixed walk part ways', () => {
    // GFN 10 not resident, fault at 12: the fixed batch (8,12) installs its resident prefix 8-9,
    // counts as a success, and the trailing batch installs 13-15; shadow stops at entry 10.
    const rows = comparePaths({
      memslots: [{ baseGfn: 0, pages: 64 }],
      accesses: [12],
      nonResident: [[10, 10]],
    });
    const shadow = rows.find((r) => r.id === 'shadow')!;
    const fixed = rows.find((r) => r.id === 'legacy-fixed')!;
    expect(fixed.totals.prefetched).toBe(5);
    expect(shadow.totals.prefetched).toBe(2);
    expect(shadow.why).toMatch(/differs from the fixed walk/);
  });
});
