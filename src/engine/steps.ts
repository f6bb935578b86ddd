import type { BatchCall, EarlyReturnReason, ShadowFailReason } from './types.ts';

/**
 * Stable ids of the code panel's lines (see sourceListing.ts). Every step names the line it
 * executes, so the panel highlights without knowing the algorithm.
 */
export type LineId =
  | 'no-exit'
  | 'fault-install'
  | 'tdp-install'
  | 'call-prefetch'
  | 'check-ad'
  | 'check-level'
  | 'check-notifier'
  | 'window'
  | 'test-present'
  | 'no-run-continue'
  | 'call-batch'
  | 'fail-exit'
  | 'open-run'
  | 'extend-run'
  | 'loop-end'
  | 'trailing-test'
  | 'trailing-call'
  | 'many-lookup'
  | 'many-noslot'
  | 'many-pages'
  | 'many-fail'
  | 'many-install'
  // Shadow paging (paging_tmpl.h): FNAME(page_fault)/FNAME(fetch), FNAME(pte_prefetch),
  // FNAME(prefetch_gpte). See SHADOW_BLOCKS in sourceListing.ts.
  | 'sh-no-exit'
  | 'sh-fetch'
  | 'sh-check-level'
  | 'sh-check-notifier'
  | 'sh-check-direct'
  | 'sh-window'
  | 'sh-skip-faulting'
  | 'sh-skip-present'
  | 'sh-call-gpte'
  | 'gpte-invalid'
  | 'gpte-skip'
  | 'gpte-noslot'
  | 'gpte-nopfn'
  | 'gpte-install';

/** What one iteration of the window loop did with its entry. */
export type VisitAction = 'continue' | 'call' | 'open' | 'extend';

interface StepBase {
  line: LineId;
  /** Index of the access (in scenario order) this step belongs to. */
  accessIndex: number;
  /** GFN the guest accessed. */
  gfn: number;
  /** Index of the fault among faults so far, or -1 for an access that did not fault. */
  faultIndex: number;
  /**
   * Shadow paging with guest paging on: `gfn` above is the accessed GVA page (the shadow table is
   * indexed by GVA) and this is the GFN its guest PTE maps.
   */
  mapsGfn?: number;
}

/** An access that did not exit: present SPTE, 2 MiB mapping, or first touch of a prefetched one. */
export interface AccessStep extends StepBase {
  kind: 'access';
  outcome: 'present' | 'hit' | 'huge';
}

export interface FaultStep extends StepBase {
  kind: 'fault';
  /** A 2 MiB mapping covering the whole table was installed. */
  huge: boolean;
  /**
   * The access touched an access-tracked SPTE (prefetched into a shadow page without A/D bits):
   * it exits like a not-present entry and the fault handler installs it again, accessed.
   */
  accessTracked?: true;
}

export interface EarlyReturnStep extends StepBase {
  kind: 'early-return';
  reason: EarlyReturnReason;
}

export interface WindowStep extends StepBase {
  kind: 'window';
  /** GFN of the window's first entry (index & ~7). */
  first: number;
}

export interface VisitStep extends StepBase {
  kind: 'visit';
  /** Loop counter, 0..7. */
  i: number;
  entryGfn: number;
  present: boolean;
  faulting: boolean;
  startBefore: number | null;
  startAfter: number | null;
  action: VisitAction;
}

export interface BatchStep extends StepBase {
  kind: 'batch';
  call: BatchCall;
}

export interface WalkStopStep extends StepBase {
  kind: 'walk-stop';
  /** `break` before the fix, `return` after: the same effect on the walk. */
  how: 'break' | 'return';
}

export interface LoopEndStep extends StepBase {
  kind: 'loop-end';
  /** GFN of a run still open at the end of the window, or null. */
  start: number | null;
  /** True when that run is dropped (only before the fix). */
  dropped: boolean;
}

/**
 * What FNAME(pte_prefetch) did with one entry of its 8-entry window (one step each). `skipped`:
 * an invalid guest PTE passed over without ending the walk (v2.6.37-v3.7).
 */
export type GpteOutcome = 'skip-faulting' | 'skip-present' | 'prefetched' | 'failed' | 'skipped';

/**
 * Shadow paging, guest paging on: one iteration of FNAME(pte_prefetch)'s loop. There are no runs
 * and no batches: each entry is prefetched on its own from its guest PTE, and the first failure
 * ends the walk (`break`), so no visit follows a failed one in the same fault.
 */
export interface GpteVisitStep extends StepBase {
  kind: 'gpte-visit';
  /** Loop counter, 0..7. */
  i: number;
  /** GVA page of the entry (the shadow table's index space). */
  entryGfn: number;
  /** GFN the entry's guest PTE maps, or null when there is no guest PTE for it. */
  entryMapsGfn: number | null;
  outcome: GpteOutcome;
  /** Only for outcomes 'failed' and 'skipped'. */
  reason?: ShadowFailReason;
}

/** Shadow paging, guest paging off: FNAME(pte_prefetch) hands a direct shadow page to __direct_pte_prefetch. */
export interface DirectFallbackStep extends StepBase {
  kind: 'direct-fallback';
}

export type Step =
  | AccessStep
  | FaultStep
  | EarlyReturnStep
  | WindowStep
  | VisitStep
  | BatchStep
  | WalkStopStep
  | LoopEndStep
  | GpteVisitStep
  | DirectFallbackStep;

export type StepKind = Step['kind'];
