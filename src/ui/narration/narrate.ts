import type { BatchStep, GpteVisitStep, Step, VisitStep } from '../../engine/steps.ts';
import type { WalkView } from '../../engine/timeline.ts';
import { SPTES_PER_TABLE } from '../../engine/types.ts';
import type { BatchCall, ShadowFailReason, Variant } from '../../engine/types.ts';
import { hex, runText } from '../../viz/format.ts';

/** Entry index within the table that holds `gfn`. */
function idx(gfn: number): number {
  return gfn % SPTES_PER_TABLE;
}

/** "(9,16)": a batch as the kernel calls it, start and exclusive end, in entry indices. */
function batchName(call: BatchCall): string {
  return `(${idx(call.start)},${idx(call.start) + (call.end - call.start)})`;
}

function failCause(call: BatchCall): string {
  const g = hex(call.start);
  switch (call.reason) {
    case 'no-memslot':
      return `GFN ${g} has no memslot`;
    case 'dirty-log':
      return `dirty logging is on for the memslot of GFN ${g}`;
    case 'readonly':
      return `the memslot of GFN ${g} is read-only`;
    case 'crosses-slot-end':
      return `the run crosses the end of its memslot`;
    case 'not-resident':
      return `GFN ${g} is not resident on the host`;
    default:
      return 'the lookup failed';
  }
}

function visitSentence(s: VisitStep): string {
  const e = idx(s.entryGfn);
  const what = s.faulting
    ? `Entry ${e} is the faulting entry`
    : s.present
      ? `Entry ${e} is present`
      : `Entry ${e} is not present`;
  switch (s.action) {
    case 'continue':
      return `${what} and no run is open: continue.`;
    case 'call': {
      const a = idx(s.startBefore ?? s.entryGfn);
      return `${what}: the run ${runText(a, e)} is prefetched in one batch (${a},${e}).`;
    }
    case 'open':
      return `${what} and no run is open: a run starts here.`;
    case 'extend':
      return `${what}: the run from ${idx(s.startBefore ?? s.entryGfn)} grows.`;
  }
}

function batchSentence(s: BatchStep, variant: Variant): string {
  const c = s.call;
  const len = c.end - c.start;
  if (c.result === 0) {
    const partial = c.installed < len;
    const count = partial ? `${c.installed} of ${len}` : `${c.installed}`;
    const noun = !partial && c.installed === 1 ? 'SPTE' : 'SPTEs';
    const rest = partial ? ' (the rest is not resident)' : '';
    return `Batch ${batchName(c)} installed ${count} ${noun}${rest}, accessed bit clear.`;
  }
  const tail = c.trailing
    ? 'Nothing is prefetched.'
    : `The walk stops (${variant === 'buggy' ? 'break' : 'return'}).`;
  return `Batch ${batchName(c)} failed: ${failCause(c)}. ${tail}`;
}

const GPTE_FAIL: Record<ShadowFailReason, string> = {
  'gpte-not-present': 'its guest PTE is not present',
  'gpte-not-accessed': 'its guest PTE has the Accessed bit clear',
  'gpte-reserved': 'its guest PTE has reserved bits set',
  'no-memslot': 'the GFN it maps has no memslot',
  'dirty-log': 'dirty logging is on for the memslot of the GFN it maps',
  readonly: 'the memslot of the GFN it maps is read-only',
  'not-resident': 'the host page of the GFN it maps is not resident',
};

function gpteSentence(s: GpteVisitStep): string {
  const e = idx(s.entryGfn);
  const maps = s.entryMapsGfn === null ? '' : ` (guest PTE → GFN ${hex(s.entryMapsGfn)})`;
  switch (s.outcome) {
    case 'skip-faulting':
      return `Entry ${e} is the faulting entry: skipped.`;
    case 'skip-present':
      return `Entry ${e} is already present: skipped.`;
    case 'prefetched':
      return `Entry ${e} is prefetched from its own guest PTE${maps}, accessed bit clear: no batch, each entry has its own GFN.`;
    case 'failed':
      return `Entry ${e} fails: ${GPTE_FAIL[s.reason ?? 'gpte-not-present']}${maps}. The walk stops.`;
    case 'skipped':
      return `Entry ${e} is skipped: ${GPTE_FAIL[s.reason ?? 'gpte-not-present']}${maps}. Before v3.8 the walk goes on to the next entry.`;
  }
}

/**
 * What the guest accessed, in the words of the table that is walked. A legacy, TDP or direct
 * shadow page is indexed by GFN. Under shadow paging with guest paging on, the shadow table is
 * indexed by GVA page, and the GFN is whatever the guest PTE maps: "GVA page 0xa → GFN 0x100a",
 * as the entries' names say it.
 */
function accessed(step: Step): string {
  if (step.mapsGfn === undefined) return `GFN ${hex(step.gfn)}`;
  return `GVA page ${hex(step.gfn)} → GFN ${hex(step.mapsGfn)}`;
}

/** One plain sentence describing a step, for the narration live region. */
export function narrate(step: Step | null, variant: Variant, walk?: WalkView): string {
  if (!step) return 'Before the first access: nothing is mapped yet. Step forward to begin.';
  switch (step.kind) {
    case 'access':
      if (step.outcome === 'hit')
        return step.mapsGfn === undefined
          ? `GFN ${hex(step.gfn)} was prefetched: this access is a prefetch hit, no fault.`
          : `The shadow SPTE of ${accessed(step)} was prefetched: this access is a prefetch hit, no fault.`;
      if (step.outcome === 'huge') return `${accessed(step)} lies inside a 2 MiB mapping: no fault.`;
      return step.mapsGfn === undefined
        ? `Entry ${idx(step.gfn)} is already present: the access does not fault.`
        : `Entry ${idx(step.gfn)} (${accessed(step)}) is already present: the access does not fault.`;
    case 'fault':
      if (step.accessTracked)
        return `Entry ${idx(step.gfn)} was prefetched access-tracked (no A/D bits: nested EPT without them), so this first touch exits like a miss: KVM installs it again, accessed (pf_fixed +1), and runs the prefetch walk once more.`;
      if (step.mapsGfn !== undefined)
        return `Access to GVA page ${hex(step.gfn)} faults: KVM shadows its guest PTE (→ GFN ${hex(step.mapsGfn)}) in entry ${idx(step.gfn)} (pf_fixed +1).`;
      return step.huge
        ? `Access to GFN ${hex(step.gfn)} faults: KVM installs a 2 MiB mapping (pf_fixed +1).`
        : `Access to GFN ${hex(step.gfn)} faults: KVM installs entry ${idx(step.gfn)} (pf_fixed +1).`;
    case 'early-return':
      if (step.reason === 'tdp') return 'TDP MMU: no prefetch at all.';
      if (step.reason === 'ad-disabled') return 'A/D bits are off for this shadow page: no prefetch.';
      if (step.reason === 'invalidation')
        return 'An MMU-notifier invalidation is in progress: from v5.12 the prefetch returns early (before, the fault was retried until it ended).';
      return '2 MiB mapping installed: no prefetch for a huge leaf.';
    case 'window': {
      const f = idx(step.first);
      const window = `The prefetch window is entries ${f}–${f + 7}, the 8-aligned group around entry ${idx(step.gfn)}.`;
      // Shadow paging with guest paging on: say up front why there will be no batches.
      return step.mapsGfn === undefined
        ? window
        : `${window} FNAME(pte_prefetch) visits them one at a time: each guest PTE names its own GFN, so there is no run to batch.`;
    }
    case 'visit':
      return visitSentence(step);
    case 'batch':
      return batchSentence(step, variant);
    case 'walk-stop':
      return step.how === 'break'
        ? 'break leaves the loop: the rest of the window is not tried.'
        : 'return ends the walk: the rest of the window is not tried.';
    case 'gpte-visit':
      return gpteSentence(step);
    case 'direct-fallback':
      return 'Guest paging is off, so the shadow page is direct: FNAME(pte_prefetch) hands it to __direct_pte_prefetch, batches and all.';
    case 'loop-end': {
      const open = step.start ?? walk?.start ?? null;
      if (open === null) return 'End of window: no run is open, nothing is left to prefetch.';
      if (step.dropped) return 'End of window with a run still open: the old code drops it.';
      return `End of window with a run open at ${idx(open)}: the fix prefetches the trailing run.`;
    }
  }
}
