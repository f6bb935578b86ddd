import { HostMemory } from './hostMemory.ts';
import { invalidationTest } from './invalidations.ts';
import { resolveKernel } from './kernelVersion.ts';
import type { KernelArg, KernelModel } from './kernelVersion.ts';
import { SpteTables } from './spteTables.ts';
import type { Step } from './steps.ts';
import { emptyTotals, PTE_PREFETCH_NUM, SPTES_PER_TABLE } from './types.ts';
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
  /** While recording (step mode's history): every addition to hits (2g) or faultedIn (2g + 1). */
  private added: number[] | null = null;

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

  /**
   * Starts recording every change a step makes except to the totals, so undoTo can go back to
   * an earlier mark (stepHistory.ts keeps the totals of its marks itself). State that steps
   * change must be recorded here or in SpteTables, or a timeline stepping back shows it wrong.
   */
  recordChanges(): void {
    this.tables.recordWrites(true);
    this.added ??= [];
  }

  mark(): MachineMark {
    return { tables: this.tables.writeMark, sets: this.added?.length ?? 0 };
  }

  /** Undoes every recorded change after `mark` (totals excepted). */
  undoTo(mark: MachineMark): void {
    this.tables.undoWrites(mark.tables);
    const added = this.added;
    if (!added) return;
    while (added.length > mark.sets) {
      const v = added.pop()!;
      if (v % 2 === 0) this.hits?.delete(v / 2);
      else this.faultedIn.delete((v - 1) / 2);
    }
  }

  /** Bytes the recorded changes hold (an estimate for the JS array). */
  get recordBytes(): number {
    return this.tables.journalBytes + (this.added?.length ?? 0) * 8;
  }

  applyStep(step: Step): void {
    const t = this.totals;
    switch (step.kind) {
      case 'access':
        t.accesses++;
        if (step.outcome === 'hit') {
          t.prefetchHits++;
          this.tables.setPresent(step.gfn);
          if (this.hits && !this.hits.has(step.gfn)) {
            this.hits.add(step.gfn);
            this.added?.push(step.gfn * 2);
          }
        }
        break;
      case 'fault':
        t.accesses++;
        t.pfFixed++;
        if (step.huge) this.tables.mapHuge(step.gfn);
        else this.tables.setPresent(step.gfn);
        if (
          step.mapsGfn !== undefined &&
          !this.faultedIn.has(step.mapsGfn) &&
          !this.host.allResident(step.mapsGfn, 1)
        ) {
          this.faultedIn.add(step.mapsGfn);
          this.added?.push(step.mapsGfn * 2 + 1);
        }
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

/** Where undoTo goes back to: positions in the recorded changes. */
export interface MachineMark {
  tables: number;
  sets: number;
}

/** Tables with the scenario's initially present SPTEs (whole windows at a time), created lazily. */
export function initialTables(scenario: Scenario): SpteTables {
  const tables = new SpteTables();
  for (const [lo, hi] of scenario.present) {
    for (let g = lo; g <= hi;) {
      const first = g - (g % PTE_PREFETCH_NUM);
      const last = Math.min(hi, first + PTE_PREFETCH_NUM - 1);
      const bits = ((1 << (last - g + 1)) - 1) << (g - first);
      tables.setPresentBits(tables.ensure(g), Math.floor(g / PTE_PREFETCH_NUM) % WINDOWS_PER_TABLE, bits);
      g = last + 1;
    }
  }
  return tables;
}

const WINDOWS_PER_TABLE = SPTES_PER_TABLE / PTE_PREFETCH_NUM;

export function tableBase(gfn: number): number {
  return gfn - (gfn % SPTES_PER_TABLE);
}
