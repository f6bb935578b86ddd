import { accessSequence } from './accessOrder.ts';
import { BulkCore } from './bulkCore.ts';
import { patternShape, reserveForPattern, runPatternByTable } from './bulkPattern.ts';
import type { KernelArg } from './kernelVersion.ts';
import { Machine } from './machine.ts';
import type { FaultDetail, Scenario, Totals } from './types.ts';

export interface BulkOptions {
  /** Record every fault's batches (costs memory per fault). */
  detail?: boolean;
  /**
   * Hands every fault's detail here, in access order, instead of keeping them (implies detail):
   * memory stays constant however many faults there are (sim --detail streams them).
   */
  onFault?: (fault: FaultDetail) => void;
  /** Called every `progressEvery` accesses with the number done; return true to cancel. */
  onProgress?: (done: number, total: number) => boolean | void;
  progressEvery?: number;
  /**
   * Internal (shadow/bulkShadow.ts): run a direct shadow page whose prefetched SPTEs are
   * access-tracked, through the legacy walk.
   */
  accessTracked?: boolean;
}

export interface BulkResult {
  totals: Totals;
  faults?: FaultDetail[];
  cancelled: boolean;
  machine: Machine;
}

/**
 * Bulk mode: the same model as step mode without per-step events, with the same totals and the
 * same per-fault batches.
 *
 * - Access patterns (sequential, reverse, stride, random) without detail run one page table at a
 *   time (bulkPattern.ts): whole windows per lookup, no closure call per access, and for random
 *   order the inverse permutation instead of a permutation array. Progress is then reported at
 *   table granularity and the count is of accesses done in that (table) order.
 * - Explicit access lists and detail runs go one access at a time (bulkCore.ts), in access order,
 *   so the fault list comes out in the order step mode yields it.
 */
export function runBulk(scenario: Scenario, kernel: KernelArg, opts: BulkOptions = {}): BulkResult {
  // Shadow paging walks guest PTEs, not windows of GFNs: running it here would silently prefetch
  // nothing, so callers that may see it go through runAnyBulk (shadow/bulkShadow.ts).
  if (scenario.mmu === 'shadow')
    throw new Error('runBulk models the legacy and TDP MMUs; use runAnyBulk for shadow paging');
  const m = new Machine(scenario, kernel);
  const sink = opts.onFault;
  const detail = opts.detail === true || sink !== undefined;
  const tracked = opts.accessTracked === true;
  const every = Math.max(1, opts.progressEvery ?? 1 << 20);
  const accesses = scenario.accesses;
  // Invalidation ranges depend on each access's index, which the table-order engine does not
  // keep: those runs go one access at a time. (Access-tracked entries only change what a window's
  // touch does, which the window simulations model.)
  const orderMatters = m.kernel.behaviour.notifierSkip && (scenario.invalidations?.length ?? 0) > 0;
  const shape = Array.isArray(accesses) || detail || orderMatters ? null : patternShape(accesses);

  if (shape) {
    // Size the tables once: doubling would copy them and briefly hold 1.5x their final size.
    reserveForPattern(m.tables, shape);
    const core = new BulkCore(m, false, tracked);
    const cancelled = runPatternByTable(core, shape, { onProgress: opts.onProgress, every });
    return { totals: m.totals, cancelled, machine: m };
  }

  const core = new BulkCore(m, detail, tracked);
  const seq = accessSequence(accesses);
  let cancelled = false;
  for (let a = 0; a < seq.count; a++) {
    if (opts.onProgress && a % every === 0 && a > 0 && opts.onProgress(a, seq.count) === true) {
      cancelled = true;
      break;
    }
    core.access(seq.at(a), a);
    if (sink && core.faults!.length >= FAULT_BATCH) drainFaults(core.faults!, sink);
  }
  if (sink) {
    drainFaults(core.faults!, sink);
    return { totals: m.totals, cancelled, machine: m };
  }
  return { totals: m.totals, faults: core.faults, cancelled, machine: m };
}

/** Faults handed to an onFault sink in batches of this many (the list is emptied each time). */
export const FAULT_BATCH = 1024;

export function drainFaults(faults: FaultDetail[], sink: (fault: FaultDetail) => void): void {
  for (const f of faults) sink(f);
  faults.length = 0;
}
