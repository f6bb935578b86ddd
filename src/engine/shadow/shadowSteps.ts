import { accessSequence } from '../accessOrder.ts';
import { emit, windowWalk } from '../directWalk.ts';
import type { Ctx } from '../directWalk.ts';
import type { Machine } from '../machine.ts';
import type { GpteVisitStep, LineId, Step } from '../steps.ts';
import { PTE_PREFETCH_NUM, SPTES_PER_TABLE } from '../types.ts';
import type { ShadowFailReason } from '../types.ts';
import { guestTablesFor } from './guestTables.ts';
import type { GuestTables } from './guestTables.ts';
import { isGpteInvalid, prefetchGpteFailure } from './prefetchGpte.ts';

/**
 * Step mode under shadow paging (`mmu: "shadow"`). The shadow tables are indexed by GVA page, so
 * every step's `gfn` is the accessed GVA page; with guest paging on, `mapsGfn` is the GFN its
 * guest PTE maps. Guest paging off means direct shadow pages (GVA = GPA): the fault installs the
 * leaf and FNAME(pte_prefetch) hands over to __direct_pte_prefetch.
 *
 * `adBits: false` under shadow paging is an L1 hypervisor's EPT without A/D bits (nested): from
 * the per-page A/D gate (v4.13) its shadow pages have A/D disabled and a prefetched SPTE is
 * access-tracked, so the first touch exits and runs the fault handler (and its prefetch walk)
 * again instead of being a silent hit.
 */
export function* shadowSteps(m: Machine): Generator<Step> {
  const s = m.scenario;
  if (!s.guest) throw new Error('a shadow-paging scenario needs a guest (validate it first)');
  const gt = s.guest.paging ? guestTablesFor(s.guest) : null;
  const seq = accessSequence(s.accesses);
  let faults = 0;
  for (let a = 0; a < seq.count; a++) {
    const gva = seq.at(a);
    const c: Ctx = { accessIndex: a, gfn: gva, faultIndex: -1 };
    if (gt) c.mapsGfn = mappedGfn(gt, gva);
    const state = m.tables.stateOf(gva);
    const tracked = state === 'prefetched' && m.accessTracked;
    if (state !== 'not-present' && !tracked) {
      const outcome = state === 'prefetched' ? 'hit' : state === 'huge' ? 'huge' : 'present';
      yield emit(m, { kind: 'access', line: 'sh-no-exit', ...c, outcome });
      continue;
    }
    c.faultIndex = faults++;
    yield* gt ? gpteFault(m, gt, c, tracked) : directFault(m, c, tracked);
  }
}

function mappedGfn(gt: GuestTables, gva: number): number {
  const seg = gt.segmentOf(gva);
  if (seg < 0) throw new Error(`GVA page ${gva} has no guest PTE (validate the scenario first)`);
  return gt.gfnOf(seg, gva);
}

/** FNAME(pte_prefetch)'s early returns shared by both kinds of shadow page. */
function* earlyReturns(m: Machine, c: Ctx, huge: boolean): Generator<Step, boolean> {
  if (huge) {
    yield emit(m, { kind: 'early-return', line: 'sh-check-level', ...c, reason: 'huge-level' });
    return true;
  }
  if (m.kernel.behaviour.notifierSkip && m.invalidating(c.accessIndex)) {
    yield emit(m, { kind: 'early-return', line: 'sh-check-notifier', ...c, reason: 'invalidation' });
    return true;
  }
  return false;
}

/**
 * Guest paging off. The leaf is 4 KiB unless the host backs the region with 2 MiB (as for the
 * legacy MMU, since no guest PTE limits the level); then FNAME(pte_prefetch) returns on the level
 * check. Otherwise the direct walk runs, without direct_pte_prefetch's A/D-bit check.
 */
function* directFault(m: Machine, c: Ctx, tracked: boolean): Generator<Step> {
  const base = c.gfn - (c.gfn % SPTES_PER_TABLE);
  const huge = m.scenario.backing === '2m' && m.host.hugeAllowed(base, SPTES_PER_TABLE);
  yield emit(m, { kind: 'fault', line: 'sh-fetch', ...c, huge, ...(tracked ? { accessTracked: true } : {}) });
  if (yield* earlyReturns(m, c, huge)) return;
  yield emit(m, { kind: 'direct-fallback', line: 'sh-check-direct', ...c });
  yield* windowWalk(m, c);
}

/**
 * Guest paging on: FNAME(fetch) installs a 4 KiB leaf (the guest's PTE is a 4 KiB mapping; guest
 * large pages are not modelled), so the level check never returns. Then FNAME(pte_prefetch)'s
 * loop, one entry at a time: skip the faulting entry and present entries, prefetch every other
 * entry from its own guest PTE. The first failure ends the walk; before v3.8 an invalid guest PTE
 * was skipped instead and only a page that could not be had ended it.
 */
function* gpteFault(m: Machine, gt: GuestTables, c: Ctx, tracked: boolean): Generator<Step> {
  yield emit(m, {
    kind: 'fault',
    line: 'sh-fetch',
    ...c,
    huge: false,
    ...(tracked ? { accessTracked: true } : {}),
  });
  if (yield* earlyReturns(m, c, false)) return;
  const skipInvalid = m.kernel.behaviour.invalidGpte === 'skip';
  const first = c.gfn - (c.gfn % PTE_PREFETCH_NUM);
  yield emit(m, { kind: 'window', line: 'sh-window', ...c, first });
  for (let i = 0; i < PTE_PREFETCH_NUM; i++) {
    const e = first + i;
    const seg = gt.segmentOf(e);
    const base = {
      kind: 'gpte-visit' as const,
      ...c,
      i,
      entryGfn: e,
      entryMapsGfn: seg < 0 ? null : gt.gfnOf(seg, e),
    };
    let step: GpteVisitStep;
    if (e === c.gfn) step = { ...base, line: 'sh-skip-faulting', outcome: 'skip-faulting' };
    else if (m.tables.stateOf(e) !== 'not-present')
      step = { ...base, line: 'sh-skip-present', outcome: 'skip-present' };
    else {
      const reason = prefetchGpteFailure(gt, m.host, m.scenario.adBits, e, m.faultedIn);
      step =
        reason === null
          ? { ...base, line: 'gpte-install', outcome: 'prefetched' }
          : skipInvalid && isGpteInvalid(reason)
            ? { ...base, line: 'gpte-skip', outcome: 'skipped', reason }
            : { ...base, line: failLine(reason), outcome: 'failed', reason };
    }
    yield emit(m, step);
    if (step.outcome === 'failed') return;
  }
}

function failLine(reason: ShadowFailReason): LineId {
  switch (reason) {
    case 'gpte-not-present':
    case 'gpte-not-accessed':
    case 'gpte-reserved':
      return 'gpte-invalid';
    case 'no-memslot':
    case 'dirty-log':
      return 'gpte-noslot';
    case 'readonly':
    case 'not-resident':
      return 'gpte-nopfn';
  }
}
