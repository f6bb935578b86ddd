import { runAnyBulk } from './shadow/bulkShadow.ts';
import type { AccessPattern, GfnRange, Memslot, Scenario, Totals } from './types.ts';

/** One workload in GFN terms: what the comparison view runs through every path. */
export interface Workload {
  memslots: Memslot[];
  /** GFNs (explicit or a pattern); under shadow paging the same numbers are GVA pages (GVA = GFN). */
  accesses: number[] | AccessPattern;
  nonResident?: GfnRange[];
  present?: GfnRange[];
}

export type PathId = 'legacy-buggy' | 'legacy-fixed' | 'shadow' | 'tdp' | 'legacy-2m';

export interface PathRow {
  id: PathId;
  label: string;
  /** The scenario the row ran, so a view can open it in step mode. */
  scenario: Scenario;
  totals: Totals;
  /** One sentence: why this path lands where it does. */
  why: string;
}

/** The seed's workload: 1,572,864 ascending touches (6 GiB) in one 8 GiB memslot. */
export const SEED_WORKLOAD: Workload = {
  memslots: [{ baseGfn: 0, pages: 2_097_152 }],
  accesses: { pattern: 'sequential', startGfn: 0, pages: 1_572_864 },
};

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * Runs one workload through the four paths the seed names (legacy buggy and fixed, shadow paging,
 * the TDP MMU, 2 MiB backing) in bulk mode. Shadow paging gets a guest page table mapping every
 * memslot linearly (GVA page = GFN, all present and accessed, guest paging on), so its accesses
 * are the same numbers; the guest uses A/D bits. `onProgress` is called after each path's run
 * (the comparison view's worker reports it).
 */
export function comparePaths(
  w: Workload,
  onProgress?: (done: number, total: number, id: PathId) => void,
): PathRow[] {
  const base: Scenario = {
    mmu: 'legacy',
    variant: 'fixed',
    backing: '4k',
    adBits: true,
    memslots: w.memslots.map((m) => ({ ...m })),
    nonResident: w.nonResident ?? [],
    present: w.present ?? [],
    accesses: w.accesses,
  };
  const guest = {
    paging: true,
    pageTables: w.memslots.map((m) => ({ gvaPage: m.baseGfn, pages: m.pages, gfn: m.baseGfn })),
  };
  const runs: Array<[PathId, string, Scenario]> = [
    ['legacy-buggy', 'legacy MMU, before the fix (v5.15)', { ...base, variant: 'buggy' }],
    ['legacy-fixed', 'legacy MMU, fixed (c6cecc4b9324, v5.16)', base],
    ['shadow', 'shadow paging (linear guest page table)', { ...base, mmu: 'shadow', guest }],
    ['tdp', 'TDP MMU', { ...base, mmu: 'tdp' }],
    ['legacy-2m', '2 MiB backing (legacy, fixed)', { ...base, backing: '2m' }],
  ];
  const totals = new Map<PathId, Totals>();
  for (const [id, , s] of runs) {
    totals.set(id, runAnyBulk(s, s.variant).totals);
    onProgress?.(totals.size, runs.length, id);
  }
  return runs.map(([id, label, scenario]) => {
    const t = totals.get(id)!;
    return { id, label, scenario, totals: t, why: why(id, t, totals.get('legacy-fixed')!) };
  });
}

function why(id: PathId, t: Totals, fixed: Totals): string {
  switch (id) {
    case 'legacy-buggy':
      return (
        `Before c6cecc4b9324 the run of not-present entries after the last present or faulting entry ` +
        `of each 8-entry window is dropped, so only runs closed inside the window are prefetched ` +
        `(${n(t.prefetched)} SPTEs) and ${n(t.pfFixed)} faults remain.`
      );
    case 'legacy-fixed':
      return (
        `The fix also prefetches that trailing run, so each fault fills the not-present rest of its ` +
        `window in batches: ${n(t.pfFixed)} faults, ${n(t.prefetched)} SPTEs prefetched.`
      );
    case 'shadow':
      return t.pfFixed === fixed.pfFixed && t.prefetched === fixed.prefetched
        ? `FNAME(pte_prefetch) fills each not-present window entry from its own guest PTE, one at a ` +
            `time with no batch to drop, so with GVA = GFN it lands where the fixed walk does ` +
            `(${n(t.pfFixed)} faults): shadow paging never had the trailing bug.`
        : `FNAME(pte_prefetch) fills each not-present window entry from its own guest PTE and stops ` +
            `at the first that fails, which differs from the fixed walk's all-or-prefix batches here ` +
            `(${n(t.pfFixed)} faults against ${n(fixed.pfFixed)}).`;
    case 'tdp':
      return `The TDP MMU (kvm_tdp_mmu_map) has no prefetch at all, so every first touch of a page faults (${n(t.pfFixed)} faults).`;
    case 'legacy-2m':
      return (
        `A fault in a 2 MiB region wholly inside a clean memslot installs one 2 MiB mapping and ` +
        `prefetch returns early for the huge leaf, so about one fault per 512 pages remains ` +
        `(${n(t.pfFixed)} faults).`
      );
  }
}
