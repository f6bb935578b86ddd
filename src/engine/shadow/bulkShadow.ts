import { accessSequence } from '../accessOrder.ts';
import { drainFaults, FAULT_BATCH, runBulk } from '../bulk.ts';
import { reserveForPattern } from '../bulkPattern.ts';
import type { BulkOptions, BulkResult } from '../bulk.ts';
import { Machine } from '../machine.ts';
import { PTE_PREFETCH_NUM } from '../types.ts';
import type { FaultDetail, Scenario, Variant } from '../types.ts';
import { guestTablesFor } from './guestTables.ts';
import { prefetchGpteFailure } from './prefetchGpte.ts';
import { runShadowPattern, shadowPatternShape } from './shadowPattern.ts';

/** Bulk mode for any scenario: shadow paging here, the legacy and TDP MMUs in bulk.ts. */
export function runAnyBulk(scenario: Scenario, variant: Variant, opts: BulkOptions = {}): BulkResult {
  return scenario.mmu === 'shadow'
    ? runShadowBulk(scenario, variant, opts)
    : runBulk(scenario, variant, opts);
}

/**
 * Bulk mode under shadow paging: the same model as shadowSteps.ts without step objects, with the
 * same totals and per-fault detail.
 *
 * - Guest paging off is the legacy direct path exactly, minus direct_pte_prefetch's A/D-bit check
 *   (FNAME(pte_prefetch) calls __direct_pte_prefetch itself), so it runs as a legacy scenario with
 *   A/D bits on through bulk.ts and its fast paths. The returned machine is that legacy one.
 * - Guest paging on, access patterns over resident pages: one GVA table at a time, window by
 *   window (shadowPattern.ts), like the direct engine.
 * - Guest paging on otherwise goes one access at a time: each guest PTE names its own GFN, so
 *   every not-present entry asks the guest PTE and host.
 */
export function runShadowBulk(scenario: Scenario, variant: Variant, opts: BulkOptions = {}): BulkResult {
  const guest = scenario.guest;
  if (!guest) throw new Error('a shadow-paging scenario needs a guest (validate it first)');
  if (!guest.paging) {
    const { guest: _, ...rest } = scenario;
    const sink = opts.onFault;
    const legacyOpts = sink ? { ...opts, onFault: (f: FaultDetail) => sink({ gva: f.gfn, ...f }) } : opts;
    const r = runBulk({ ...rest, mmu: 'legacy', adBits: true }, variant, legacyOpts);
    if (r.faults) r.faults = r.faults.map((f) => ({ gva: f.gfn, ...f }));
    return r;
  }

  const m = new Machine(scenario, variant);
  const { tables, totals, host, faultedIn } = m;
  const gt = guestTablesFor(guest);
  const guestAd = scenario.adBits;
  const sink = opts.onFault;
  const faults: FaultDetail[] | undefined = opts.detail === true || sink ? [] : undefined;
  const every = Math.max(1, opts.progressEvery ?? 1 << 20);
  // Patterns whose pages are all resident run one table at a time (shadowPattern.ts).
  const shape = faults ? null : shadowPatternShape(scenario, gt, host);
  if (shape) {
    reserveForPattern(tables, shape);
    const cancelled = runShadowPattern(m, gt, shape, { onProgress: opts.onProgress, every });
    return { totals, cancelled, machine: m };
  }
  const seq = accessSequence(scenario.accesses);
  let cancelled = false;
  for (let a = 0; a < seq.count; a++) {
    if (opts.onProgress && a % every === 0 && a > 0 && opts.onProgress(a, seq.count) === true) {
      cancelled = true;
      break;
    }
    const gva = seq.at(a);
    totals.accesses++;
    const state = tables.stateOf(gva);
    if (state === 'prefetched') {
      totals.prefetchHits++;
      tables.setPresent(gva);
      continue;
    }
    if (state !== 'not-present') continue;

    // FNAME(fetch): a 4 KiB leaf mapping the guest PTE's GFN (faulting the host page in).
    totals.pfFixed++;
    tables.setPresent(gva);
    const seg = gt.segmentOf(gva);
    if (seg < 0) throw new Error(`GVA page ${gva} has no guest PTE (validate the scenario first)`);
    const gfn = gt.gfnOf(seg, gva);
    if (!host.allResident(gfn, 1)) faultedIn.add(gfn);
    const fd: FaultDetail | undefined = faults ? { gva, gfn, calls: [], prefetched: [] } : undefined;

    // FNAME(pte_prefetch): the faulting entry is present by now, so one mask skips both it and
    // the entries present before; entries prefetched in this loop lie after the loop counter.
    const first = gva - (gva % PTE_PREFETCH_NUM);
    const present = tables.windowPresent(gva);
    for (let i = 0; i < PTE_PREFETCH_NUM; i++) {
      if (present & (1 << i)) continue;
      const e = first + i;
      const reason = prefetchGpteFailure(gt, host, guestAd, e, faultedIn);
      totals.prefetchCalls++;
      if (reason !== null) {
        totals.failedCalls++;
        if (fd) fd.failed = { gva: e, reason };
        break;
      }
      tables.setPrefetchedRun(e, 1);
      totals.prefetched++;
      fd?.prefetched?.push({ gva: e, gfn: gt.gfnOf(gt.segmentOf(e), e) });
    }
    faults?.push(fd!);
    if (sink && faults!.length >= FAULT_BATCH) drainFaults(faults!, sink);
  }
  if (sink) drainFaults(faults!, sink);
  return faults && !sink ? { totals, faults, cancelled, machine: m } : { totals, cancelled, machine: m };
}
