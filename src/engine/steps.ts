import type { BatchCall, EarlyReturnReason } from './types.ts';

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
  | 'many-install';

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
  /** `break` before the fix, `return` after: the same effect on the window. */
  how: 'break' | 'return';
}

export interface LoopEndStep extends StepBase {
  kind: 'loop-end';
  /** GFN of a run still open at the end of the window, or null. */
  start: number | null;
  /** True when that run is dropped (only before the fix). */
  dropped: boolean;
}

export type Step =
  AccessStep | FaultStep | EarlyReturnStep | WindowStep | VisitStep | BatchStep | WalkStopStep | LoopEndStep;

export type StepKind = Step['kind'];
