import { accessSequence } from '../accessOrder.ts';
import { drainFaults, FAULT_BATCH, runBulk } from '../bulk.ts';
import { reserveForPattern } from '../bulkPattern.ts';
import type { BulkOptions, BulkResult } from '../bulk.ts';
import type { KernelArg } from '../kernelVersion.ts';
import { Machine } from '../machine.ts';
import { PTE_PREFETCH_NUM } from '../types.ts';
import type { FaultDetail, Scenario } from '../types.ts';
import { guestTablesFor } from './guestTables.ts';
import { isGpteInvalid, prefetchGpteFailure } from './prefetchGpte.ts';
import { runShadowPattern, shadowPatternShape } from './shadowPattern.ts';

/** Bulk mode for any scenario: shadow paging here, the legacy and TDP MMUs in bulk.ts. */
export function runAnyBulk(scenario: Scenario, kernel: KernelArg, opts: BulkOptions = {}): BulkResult {
  return scenario.mmu === 'shadow' ? runShadowBulk(scenario, kernel, opts) : runBulk(scenario, kernel, opts);
}

/**
 * Bulk mode under shadow paging: the same model as shadowSteps.ts without step objects, with the
 * same totals and per-fault detail.
 *
 * - Guest paging off is the legacy direct path exactly, minus direct_pte_prefetch's A/D-bit check
 *   (FNAME(pte_prefetch) calls __direct_pte_prefetch itself), so it runs as a legacy scenario with
 *   A/D bits on through bulk.ts; without guest A/D bits (nested EPT) from v4.13 its prefetched
 *   SPTEs are access-tracked, which bulk.ts runs one access at a time. The returned machine is
 *   that legacy one.
 * - Guest paging on, access patterns (unless two GVA pages map one non-resident page, or
 *   invalidations are modelled): one GVA table at a time, window by window (shadowPattern.ts),
 *   like the direct engine.
 * - Guest paging on otherwise goes one access at a time: each guest PTE names its own GFN, so
 *   every not-present entry asks the guest PTE and host.
 */
export function runShadowBulk(scenario: Scenario, kernel: KernelArg, opts: BulkOptions = {}): BulkResult {
  const guest = scenario.guest;
  if (!guest) throw new Error('a shadow-paging scenario needs a guest (validate it first)');
  const m = new Machine(scenario, kernel);
  if (!guest.paging) {
    const { guest: _, ...rest } = scenario;
    const sink = opts.onFault;
    const r = runBulk({ ...rest, mmu: 'legacy', adBits: true }, m.kernel, {
      ...opts,
      accessTracked: m.accessTracked,
      ...(sink ? { onFault: (f: FaultDetail) => sink({ gva: f.gfn, ...f }) } : {}),
    });
    if (r.faults) r.faults = r.faults.map((f) => ({ gva: f.gfn, ...f }));
    return r;
  }

  const { tables, totals, host, faultedIn } = m;
  const gt = guestTablesFor(guest);
  const guestAd = scenario.adBits;
  const skipInvalid = m.kernel.behaviour.invalidGpte === 'skip';
  const notifier = m.kernel.behaviour.notifierSkip;
  const sink = opts.onFault;
  const faults: FaultDetail[] | undefined = opts.detail === true || sink ? [] : undefined;
  const every = Math.max(1, opts.progressEvery ?? 1 << 20);
  // Patterns run one table at a time where they can (shadowPattern.ts).
  const shape = faults ? null : shadowPatternShape(m, gt);
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
    const tracked = state === 'prefetched' && m.accessTracked;
    if (state === 'prefetched' && !tracked) {
      totals.prefetchHits++;
      tables.setPresent(gva);
      continue;
    }
    if (state !== 'not-present' && !tracked) continue;

    // FNAME(fetch): a 4 KiB leaf mapping the guest PTE's GFN (faulting the host page in). An
    // access-tracked SPTE is installed again, accessed.
    totals.pfFixed++;
    tables.setPresent(gva);
    const seg = gt.segmentOf(gva);
    if (seg < 0) throw new Error(`GVA page ${gva} has no guest PTE (validate the scenario first)`);
    const gfn = gt.gfnOf(seg, gva);
    if (!host.allResident(gfn, 1)) faultedIn.add(gfn);
    const fd: FaultDetail | undefined = faults ? { gva, gfn, calls: [], prefetched: [] } : undefined;
    if (fd && tracked) fd.accessTracked = true;
    faults?.push(fd!);
    if (notifier && m.invalidating(a)) {
      if (fd) fd.invalidation = true;
      continue;
    }

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
        if (skipInvalid && isGpteInvalid(reason)) {
          if (fd) (fd.skipped ??= []).push({ gva: e, reason });
          continue;
        }
        if (fd) fd.failed = { gva: e, reason };
        break;
      }
      tables.setPrefetchedRun(e, 1);
      totals.prefetched++;
      fd?.prefetched?.push({ gva: e, gfn: gt.gfnOf(gt.segmentOf(e), e) });
    }
    if (sink && faults!.length >= FAULT_BATCH) drainFaults(faults!, sink);
  }
  if (sink) drainFaults(faults!, sink);
  return faults && !sink ? { totals, faults, cancelled, machine: m } : { totals, cancelled, machine: m };
}
