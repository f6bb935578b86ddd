import { HostMemory } from '../hostMemory.ts';
import type { Backing, Memslot, MmuKind, Scenario, Variant } from '../types.ts';
import type { ParsedTrace } from './types.ts';

export interface TraceScenarioOptions {
  /** The trace's file name, for the scenario's name. */
  traceName?: string;
  /** The vCPU the trace was filtered to, for the scenario's name. */
  vcpu?: number;
  mmu?: MmuKind;
  variant?: Variant;
  backing?: Backing;
  adBits?: boolean;
  /** Shadow paging: the pages are guest virtual pages, and the name says so. */
  guestVirtual?: boolean;
}

export interface TraceReplay {
  scenario: Scenario;
  /** Faults to GFNs outside every memslot (MMIO): left out of the replay. */
  outsideMemslots: number;
  /** The first few of those GFNs, in trace order. */
  outsideExamples: number[];
}

const OUTSIDE_EXAMPLES = 5;

/**
 * A scenario whose accesses are the trace's faulting GFNs in trace order. A trace shows only the
 * accesses that faulted on the traced kernel: accesses that hit a present or prefetched SPTE never
 * exit. So the replay compares the variants on that fault stream; a trace recorded without
 * prefetch (TDP MMU) is the full first-touch stream, one from a prefetching kernel is thinner.
 * Every page is taken as resident and nothing as present at the start (a preallocated VM's boot).
 * Under shadow paging the pages are guest virtual pages, replayed as if the guest's page tables
 * mapped them one to one (there the shadow walk prefetches what the fixed direct walk does).
 */
export function traceToScenario(
  parsed: Pick<ParsedTrace, 'gfns'>,
  memslots: readonly Memslot[],
  opts: TraceScenarioOptions = {},
): TraceReplay {
  const host = new HostMemory(memslots, []);
  const accesses: number[] = [];
  const outsideExamples: number[] = [];
  let outsideMemslots = 0;
  for (const gfn of parsed.gfns) {
    if (host.slotOf(gfn) >= 0) {
      accesses.push(gfn);
    } else {
      outsideMemslots++;
      if (outsideExamples.length < OUTSIDE_EXAMPLES) outsideExamples.push(gfn);
    }
  }
  const scenario: Scenario = {
    version: 1,
    name: scenarioName(opts, accesses.length),
    mmu: opts.mmu ?? 'legacy',
    variant: opts.variant ?? 'fixed',
    backing: opts.backing ?? '4k',
    adBits: opts.adBits ?? true,
    memslots: memslots.map((s) => ({ ...s })),
    nonResident: [],
    present: [],
    accesses,
  };
  return { scenario, outsideMemslots, outsideExamples };
}

function scenarioName(opts: TraceScenarioOptions, faults: number): string {
  const source = opts.traceName === undefined ? 'trace replay' : `trace ${opts.traceName}`;
  const vcpu = opts.vcpu === undefined ? '' : `, vCPU ${opts.vcpu}`;
  const pages = opts.guestVirtual === true ? ' (guest virtual pages)' : '';
  return `${source}${vcpu}${pages}: ${faults} faults`;
}
