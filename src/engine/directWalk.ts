import type { Machine } from './machine.ts';
import type { Step, VisitAction } from './steps.ts';
import { PTE_PREFETCH_NUM } from './types.ts';
import type { BatchCall } from './types.ts';

/*
 * The pieces of step mode that the legacy MMU (stepWalk.ts) and shadow paging (shadow/) share:
 * applying a step, and __direct_pte_prefetch's window walk. They live here, below both, so
 * neither imports the other's module.
 */

export type Ctx = { accessIndex: number; gfn: number; faultIndex: number; mapsGfn?: number };

/** Applies a step to the machine and hands it on: consumers see the state *after* the step. */
export function emit<S extends Step>(m: Machine, step: S): S {
  m.applyStep(step);
  return step;
}

/**
 * __direct_pte_prefetch: the 8-aligned window walk, before or after c6cecc4b9324 as the machine's
 * kernel says. Shadow paging runs it too, for a direct shadow page.
 */
export function* windowWalk(m: Machine, c: Ctx): Generator<Step> {
  const fixed = m.kernel.behaviour.trailingFix;
  const sptep = c.gfn;
  const first = sptep - (sptep % PTE_PREFETCH_NUM);
  yield emit(m, { kind: 'window', line: 'window', ...c, first });
  let start: number | null = null;
  let spte = first;
  for (let i = 0; i < PTE_PREFETCH_NUM; i++, spte++) {
    // An access-tracked SPTE is still shadow-present: it closes a run like any present entry.
    const present = m.tables.stateOf(spte) !== 'not-present';
    const faulting = spte === sptep;
    const startBefore: number | null = start;
    let action: VisitAction;
    if (present || faulting) {
      action = start === null ? 'continue' : 'call';
    } else if (start === null) {
      action = 'open';
      start = spte;
    } else {
      action = 'extend';
    }
    const line =
      action === 'continue'
        ? 'no-run-continue'
        : action === 'call'
          ? 'call-batch'
          : action === 'open'
            ? 'open-run'
            : 'extend-run';
    yield emit(m, {
      kind: 'visit',
      line,
      ...c,
      i,
      entryGfn: spte,
      present,
      faulting,
      startBefore,
      startAfter: start,
      action,
    });
    if (action !== 'call' || startBefore === null) continue;
    const call = batch(m, startBefore, spte, false);
    yield emit(m, { kind: 'batch', line: batchLine(call), ...c, call });
    if (call.result < 0) {
      yield emit(m, { kind: 'walk-stop', line: 'fail-exit', ...c, how: fixed ? 'return' : 'break' });
      return;
    }
    start = null;
  }
  yield emit(m, {
    kind: 'loop-end',
    line: !fixed ? 'loop-end' : start === null ? 'trailing-test' : 'trailing-call',
    ...c,
    start,
    dropped: !fixed && start !== null,
  });
  if (fixed && start !== null) {
    const call = batch(m, start, spte, true);
    yield emit(m, { kind: 'batch', line: batchLine(call), ...c, call });
  }
}

/** direct_pte_prefetch_many(start, end): end is exclusive. */
function batch(m: Machine, start: number, end: number, trailing: boolean): BatchCall {
  const out = m.host.batch(start, end - start);
  const call: BatchCall = { start, end, result: out.reason ? -1 : 0, installed: out.installed };
  if (out.reason) call.reason = out.reason;
  if (trailing) call.trailing = true;
  return call;
}

function batchLine(call: BatchCall): Step['line'] {
  switch (call.reason) {
    case undefined:
      return 'many-install';
    case 'no-memslot':
    case 'dirty-log':
      return 'many-noslot';
    default:
      return 'many-fail';
  }
}
