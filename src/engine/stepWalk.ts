import { accessSequence } from './accessOrder.ts';
import { emit, windowWalk } from './directWalk.ts';
import type { Ctx } from './directWalk.ts';
import type { KernelArg } from './kernelVersion.ts';
import { Machine } from './machine.ts';
import { shadowSteps } from './shadow/shadowSteps.ts';
import type { Step } from './steps.ts';
import { SPTES_PER_TABLE } from './types.ts';
import type { Scenario } from './types.ts';

export { emit, windowWalk } from './directWalk.ts';
export type { Ctx } from './directWalk.ts';

/**
 * Step mode: every access of the scenario as the kernel executes it, one step per loop iteration
 * of __direct_pte_prefetch and per direct_pte_prefetch_many call. Each step is applied to the
 * machine before it is yielded, so a consumer sees the state *after* that step. `kernel` is the
 * kernel to run (a version, or the short forms buggy = 5.15 and fixed = 5.16).
 */
export function* scenarioSteps(scenario: Scenario, kernel: KernelArg, machine?: Machine): Generator<Step> {
  const m = machine ?? new Machine(scenario, kernel);
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

/**
 * The fault handler: install the leaf, then direct_pte_prefetch() with its early returns, in the
 * kernel's order: accessed bits (the global shadow_accessed_mask test before v4.13, then
 * sp_ad_disabled), the leaf's level, and from v5.12 an MMU-notifier invalidation in progress.
 */
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
  if (m.kernel.behaviour.notifierSkip && m.invalidating(c.accessIndex)) {
    yield emit(m, { kind: 'early-return', line: 'check-notifier', ...c, reason: 'invalidation' });
    return;
  }
  yield* windowWalk(m, c);
}
