import { accessSequence } from './accessOrder.ts';
import { Machine } from './machine.ts';
import type { Step, VisitAction } from './steps.ts';
import { PTE_PREFETCH_NUM, SPTES_PER_TABLE } from './types.ts';
import type { BatchCall, Scenario, Variant } from './types.ts';
import { shadowSteps } from './shadow/shadowSteps.ts';

export type Ctx = { accessIndex: number; gfn: number; faultIndex: number };

/**
 * Step mode: every access of the scenario as the kernel executes it, one step per loop iteration
 * of __direct_pte_prefetch and per direct_pte_prefetch_many call. Each step is applied to the
 * machine before it is yielded, so a consumer sees the state *after* that step.
 */
export function* scenarioSteps(scenario: Scenario, variant: Variant, machine?: Machine): Generator<Step> {
  const m = machine ?? new Machine(scenario, variant);
  if (scenario.mmu === 'shadow') {
    yield* shadowSteps(m);
    return;
  }
  const seq = accessSequence(scenario.accesses);
  let faults = 0;
  for (let a = 0; a < seq.count; a++) {
    const gfn = seq.at(a);
    const state = m.tables.stateOf(gfn);
    if (state !== 'not-present') {
      const outcome = state === 'prefetched' ? 'hit' : state === 'huge' ? 'huge' : 'present';
      yield emit(m, { kind: 'access', line: 'no-exit', accessIndex: a, gfn, faultIndex: -1, outcome });
      continue;
    }
    yield* faultSteps(m, { accessIndex: a, gfn, faultIndex: faults++ });
  }
}

export function emit<S extends Step>(m: Machine, step: S): S {
  m.applyStep(step);
  return step;
}

/** The fault handler: install the leaf, then direct_pte_prefetch() with its early returns. */
function* faultSteps(m: Machine, c: Ctx): Generator<Step> {
  const s = m.scenario;
  const huge = s.backing === '2m' && m.host.hugeAllowed(c.gfn - (c.gfn % SPTES_PER_TABLE), SPTES_PER_TABLE);
  const tdp = s.mmu === 'tdp';
  yield emit(m, { kind: 'fault', line: tdp ? 'tdp-install' : 'fault-install', ...c, huge });
  if (tdp) {
    yield emit(m, { kind: 'early-return', line: 'tdp-install', ...c, reason: 'tdp' });
    return;
  }
  if (!s.adBits) {
    yield emit(m, { kind: 'early-return', line: 'check-ad', ...c, reason: 'ad-disabled' });
    return;
  }
  if (huge) {
    yield emit(m, { kind: 'early-return', line: 'check-level', ...c, reason: 'huge-level' });
    return;
  }
  yield* windowWalk(m, c);
}

/**
 * __direct_pte_prefetch: the 8-aligned window walk, buggy (before c6cecc4b9324) or fixed. Shadow
 * paging runs it too, for a direct shadow page (shadow/shadowSteps.ts).
 */
export function* windowWalk(m: Machine, c: Ctx): Generator<Step> {
  const sptep = c.gfn;
  const first = sptep - (sptep % PTE_PREFETCH_NUM);
  yield emit(m, { kind: 'window', line: 'window', ...c, first });
  let start: number | null = null;
  let spte = first;
  for (let i = 0; i < PTE_PREFETCH_NUM; i++, spte++) {
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
      yield emit(m, {
        kind: 'walk-stop',
        line: 'fail-exit',
        ...c,
        how: m.variant === 'buggy' ? 'break' : 'return',
      });
      return;
    }
    start = null;
  }
  const fixed = m.variant === 'fixed';
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
