import { accessSequence } from './accessOrder.ts';
import { Machine } from './machine.ts';
import { caseIndex, POPCOUNT8, WINDOW_RECORD, windowTable } from './windowTable.ts';
import { SPTES_PER_TABLE } from './types.ts';
import type { BatchCall, FaultDetail, Scenario, Totals, Variant } from './types.ts';

export interface BulkOptions {
  /** Record every fault's batches (costs memory per fault). */
  detail?: boolean;
  /** Called every `progressEvery` accesses with the number done; return true to cancel. */
  onProgress?: (done: number, total: number) => boolean | void;
  progressEvery?: number;
}

export interface BulkResult {
  totals: Totals;
  faults?: FaultDetail[];
  cancelled: boolean;
  machine: Machine;
}

const CLEAN_UNKNOWN = 0;
const CLEAN_YES = 1;
const CLEAN_NO = 2;

/**
 * Bulk mode: the same model as step mode without per-step events. Each fault is one lookup in the
 * precomputed window table; whole tables whose GFNs lie in one clean, resident memslot skip the
 * memslot and residency checks entirely (cached per table), since no batch inside them can fail.
 */
export function runBulk(scenario: Scenario, variant: Variant, opts: BulkOptions = {}): BulkResult {
  const m = new Machine(scenario, variant);
  const { host, tables, totals } = m;
  const seq = accessSequence(scenario.accesses);
  const wt = windowTable(variant);
  const huge2m = scenario.backing === '2m';
  const prefetchOn = scenario.mmu === 'legacy' && scenario.adBits;
  const faults: FaultDetail[] | undefined = opts.detail ? [] : undefined;
  let clean = new Uint8Array(1024);
  const every = opts.progressEvery ?? 1 << 20;
  let cancelled = false;

  for (let a = 0; a < seq.count; a++) {
    if (opts.onProgress && a % every === 0 && a > 0 && opts.onProgress(a, seq.count) === true) {
      cancelled = true;
      break;
    }
    const gfn = seq.at(a);
    const slot = tables.ensure(gfn);
    totals.accesses++;
    if (tables.isHugeAt(slot)) continue;
    const w = Math.floor(gfn / 8) % 64;
    const pos = gfn % 8;
    const bit = 1 << pos;
    const p = tables.windowPresentAt(slot, w);
    if (p & bit) {
      if (tables.windowPrefetchedAt(slot, w) & bit) {
        totals.prefetchHits++;
        tables.clearPrefetchedAt(slot, w, bit);
      }
      continue;
    }
    totals.pfFixed++;
    const base = gfn - (gfn % SPTES_PER_TABLE);
    if (huge2m && host.hugeAllowed(base, SPTES_PER_TABLE)) {
      tables.mapHuge(gfn);
      faults?.push({ gfn, huge: true, calls: [] });
      continue;
    }
    tables.orWindow(slot, w, bit, 0);
    if (!prefetchOn) {
      faults?.push({ gfn, calls: [] });
      continue;
    }
    const c = caseIndex(p, pos);
    if (slot >= clean.length) {
      const grown = new Uint8Array(clean.length * 2 > slot ? clean.length * 2 : slot + 1);
      grown.set(clean);
      clean = grown;
    }
    if (clean[slot] === CLEAN_UNKNOWN)
      clean[slot] = host.cleanSpan(base, SPTES_PER_TABLE) ? CLEAN_YES : CLEAN_NO;
    const rec = c * WINDOW_RECORD;
    const nRuns = wt.runs[rec]!;
    if (nRuns === 0) {
      faults?.push({ gfn, calls: [] });
      continue;
    }
    const first = gfn - pos;
    if (clean[slot] === CLEAN_YES && !faults) {
      const mask = wt.fastMask[c]!;
      tables.orWindow(slot, w, mask, mask);
      totals.prefetched += POPCOUNT8[mask]!;
      totals.prefetchCalls += nRuns;
      continue;
    }
    const calls: BatchCall[] | undefined = faults ? [] : undefined;
    for (let r = 0; r < nRuns; r++) {
      const off = wt.runs[rec + 1 + r * 2]!;
      const len = wt.runs[rec + 2 + r * 2]!;
      const res = host.batch(first + off, len);
      totals.prefetchCalls++;
      // A closed run ends at a present or faulting entry (offset <= 7): only the trailing run reaches 8.
      const trailing = off + len === 8;
      if (calls) {
        const call: BatchCall = {
          start: first + off,
          end: first + off + len,
          result: res.reason ? -1 : 0,
          installed: res.installed,
        };
        if (res.reason) call.reason = res.reason;
        if (trailing) call.trailing = true;
        calls.push(call);
      }
      if (res.reason) {
        totals.failedCalls++;
        break;
      }
      const mask = ((1 << res.installed) - 1) << off;
      tables.orWindow(slot, w, mask, mask);
      totals.prefetched += res.installed;
    }
    if (faults && calls) faults.push({ gfn, calls });
  }
  return { totals, faults, cancelled, machine: m };
}
