import { HostMemory } from './hostMemory.ts';
import { invalidationTest } from './invalidations.ts';
import { resolveKernel } from './kernelVersion.ts';
import type { KernelArg, KernelModel } from './kernelVersion.ts';
import { SpteTables } from './spteTables.ts';
import type { Step } from './steps.ts';
import { emptyTotals, SPTES_PER_TABLE } from './types.ts';
import type { Scenario, Totals, Variant } from './types.ts';

/**
 * One VM's MMU state for one variant. Steps are the only way state changes (applyStep), so the
 * step generator and a replay from a checkpoint cannot disagree.
 */
export class Machine {
  readonly host: HostMemory;
  /** The kernel modelled; `variant` is its short form (buggy before c6cecc4b9324). */
  readonly kernel: KernelModel;
  readonly variant: Variant;
  /**
   * Prefetched SPTEs are access-tracked instead of merely having the accessed bit clear: shadow
   * paging for an L1 hypervisor's EPT without A/D bits, from the per-page A/D gate (v4.13). Their
   * first touch exits and is handled as a fault.
   */
  readonly accessTracked: boolean;
  /** Whether an MMU-notifier invalidation is in progress during access `a` (scenario option). */
  readonly invalidating: (a: number) => boolean;
  tables: SpteTables;
  totals: Totals;
  /** GFNs whose prefetched SPTE has been touched, kept only when a view asks (step mode). */
  hits: Set<number> | null = null;
  /**
   * Shadow paging: non-resident GFNs a fault has faulted in. Several GVA pages may map one GFN,
   * so another entry's prefetch finds such a page resident. Empty for the other MMUs.
   */
  faultedIn = new Set<number>();

  constructor(
    readonly scenario: Scenario,
    kernel: KernelArg,
    tables?: SpteTables,
    totals?: Totals,
  ) {
    this.kernel = resolveKernel(kernel);
    this.variant = this.kernel.variant;
    this.accessTracked =
      scenario.mmu === 'shadow' && !scenario.adBits && this.kernel.behaviour.adGate === 'per-page';
    this.invalidating = invalidationTest(scenario);
    this.host = new HostMemory(scenario.memslots, scenario.nonResident);
    this.tables = tables ?? initialTables(scenario);
    this.totals = totals ?? emptyTotals();
  }

  /** A copy sharing only the immutable host description. */
  fork(): Machine {
    const m = new Machine(this.scenario, this.kernel, this.tables.clone(), { ...this.totals });
    if (this.hits) m.hits = new Set(this.hits);
    if (this.faultedIn.size > 0) m.faultedIn = new Set(this.faultedIn);
    return m;
  }

  set trackHits(on: boolean) {
    this.hits = on ? (this.hits ?? new Set()) : null;
  }

  applyStep(step: Step): void {
    const t = this.totals;
    switch (step.kind) {
      case 'access':
        t.accesses++;
        if (step.outcome === 'hit') {
          t.prefetchHits++;
          this.tables.setPresent(step.gfn);
          this.hits?.add(step.gfn);
        }
        break;
      case 'fault':
        t.accesses++;
        t.pfFixed++;
        if (step.huge) this.tables.mapHuge(step.gfn);
        else this.tables.setPresent(step.gfn);
        if (step.mapsGfn !== undefined && !this.host.allResident(step.mapsGfn, 1))
          this.faultedIn.add(step.mapsGfn);
        break;
      case 'batch':
        t.prefetchCalls++;
        if (step.call.result < 0) t.failedCalls++;
        else {
          t.prefetched += step.call.installed;
          this.tables.setPrefetchedRun(step.call.start, step.call.installed);
        }
        break;
      case 'gpte-visit':
        // Shadow paging: each attempted entry is one FNAME(prefetch_gpte) call (or, before v3.8,
        // one pass of the loop body that tried it; a skipped entry counts as a failed attempt).
        if (step.outcome === 'prefetched') {
          t.prefetchCalls++;
          t.prefetched++;
          this.tables.setPrefetchedRun(step.entryGfn, 1);
        } else if (step.outcome === 'failed' || step.outcome === 'skipped') {
          t.prefetchCalls++;
          t.failedCalls++;
        }
        break;
      default:
        break;
    }
  }
}

/** Tables with the scenario's initially present SPTEs, created lazily like the rest. */
export function initialTables(scenario: Scenario): SpteTables {
  const tables = new SpteTables();
  for (const [lo, hi] of scenario.present) {
    for (let g = lo; g <= hi; g++) {
      // Whole windows at once would be faster, but present ranges are small in practice and
      // validation caps their total size.
      tables.setPresent(g);
    }
  }
  return tables;
}

export function tableBase(gfn: number): number {
  return gfn - (gfn % SPTES_PER_TABLE);
}
