import type { HostMemory } from './hostMemory.ts';
import type { Machine } from './machine.ts';
import type { SpteTables } from './spteTables.ts';
import { caseIndex, POPCOUNT8, WINDOW_RECORD, windowTable } from './windowTable.ts';
import type { WindowTable } from './windowTable.ts';
import { SPTES_PER_TABLE } from './types.ts';
import type { BatchCall, FaultDetail, Totals } from './types.ts';

const CLEAN_UNKNOWN = 0;
const CLEAN_YES = 1;
const CLEAN_NO = 2;

/**
 * The per-access bulk path: one guest access at a time, exactly as step mode handles it but
 * without step events. Each fault is one lookup in the precomputed window table; only tables that
 * are not known to be clean (one clean memslot, all resident: cached per table) walk the batches
 * and ask the host. The pattern engine (bulkPattern.ts) uses this for every case it does not
 * speed up, so there is one definition of what an access does.
 */
export class BulkCore {
  readonly host: HostMemory;
  readonly tables: SpteTables;
  readonly totals: Totals;
  readonly wt: WindowTable;
  readonly huge2m: boolean;
  /** Prefetch runs at all: legacy MMU with A/D bits (2 MiB mappings are checked per fault). */
  readonly prefetchOn: boolean;
  readonly faults: FaultDetail[] | undefined;
  /**
   * Prefetched SPTEs are access-tracked (a direct shadow page without A/D bits, run here as the
   * legacy walk): a touch faults instead of being a hit. Such runs take this per-access path.
   */
  readonly accessTracked: boolean;
  /** v5.12+: prefetch skipped for faults during these accesses (MMU-notifier invalidation). */
  private readonly invalidating: ((a: number) => boolean) | null;
  private clean: Uint8Array;

  constructor(m: Machine, detail: boolean, accessTracked = false) {
    this.host = m.host;
    this.tables = m.tables;
    this.totals = m.totals;
    this.wt = windowTable(m.variant);
    this.huge2m = m.scenario.backing === '2m';
    this.prefetchOn = m.scenario.mmu === 'legacy' && m.scenario.adBits;
    this.accessTracked = accessTracked;
    this.invalidating =
      m.kernel.behaviour.notifierSkip && m.scenario.invalidations?.length ? m.invalidating : null;
    this.faults = detail ? [] : undefined;
    this.clean = new Uint8Array(Math.max(1024, m.tables.tableCount));
  }

  /** Whether the table at `slot` (base GFN `base`) lies in one clean memslot, all resident. */
  isClean(slot: number, base: number): boolean {
    if (slot >= this.clean.length) {
      const grown = new Uint8Array(Math.max(this.clean.length * 2, slot + 1));
      grown.set(this.clean);
      this.clean = grown;
    }
    let c = this.clean[slot]!;
    if (c === CLEAN_UNKNOWN) {
      c = this.host.cleanSpan(base, SPTES_PER_TABLE) ? CLEAN_YES : CLEAN_NO;
      this.clean[slot] = c;
    }
    return c === CLEAN_YES;
  }

  /** One guest access to gfn; `a` is its index in access order (for invalidation ranges). */
  access(gfn: number, a = -1): void {
    const { tables, totals, faults } = this;
    const slot = tables.ensure(gfn);
    totals.accesses++;
    if (tables.isHugeAt(slot)) return;
    const w = Math.floor(gfn / 8) % 64;
    const pos = gfn % 8;
    const bit = 1 << pos;
    const p = tables.windowPresentAt(slot, w);
    let tracked = false;
    if (p & bit) {
      if (tables.windowPrefetchedAt(slot, w) & bit) {
        tables.clearPrefetchedAt(slot, w, bit);
        if (!this.accessTracked) {
          totals.prefetchHits++;
          return;
        }
        tracked = true;
      } else return;
    }
    totals.pfFixed++;
    const base = gfn - (gfn % SPTES_PER_TABLE);
    const mark: Partial<FaultDetail> = tracked ? { accessTracked: true } : {};
    if (this.huge2m && this.host.hugeAllowed(base, SPTES_PER_TABLE)) {
      tables.mapHuge(gfn);
      faults?.push({ gfn, huge: true, calls: [], ...mark });
      return;
    }
    tables.orWindow(slot, w, bit, 0);
    const c = caseIndex(p, pos);
    let nRuns = this.prefetchOn ? this.wt.runCount[c]! : 0;
    if (this.prefetchOn && this.invalidating?.(a)) {
      nRuns = 0;
      mark.invalidation = true;
    }
    if (nRuns === 0) {
      faults?.push({ gfn, calls: [], ...mark });
      return;
    }
    if (!faults && this.isClean(slot, base)) {
      // Every batch inside a clean table installs in full: the all-success mask is the answer.
      const mask = this.wt.fastMask[c]!;
      tables.orWindow(slot, w, mask, mask);
      totals.prefetched += POPCOUNT8[mask]!;
      totals.prefetchCalls += nRuns;
      return;
    }
    this.walkBatches(slot, w, gfn - pos, c, nRuns, mark);
  }

  /** The slow path: each batch of the case in order, asking the host; a failure ends the walk. */
  private walkBatches(
    slot: number,
    w: number,
    first: number,
    c: number,
    nRuns: number,
    mark: Partial<FaultDetail>,
  ): void {
    const { tables, totals, host } = this;
    const runs = this.wt.runs;
    const rec = c * WINDOW_RECORD;
    const calls: BatchCall[] | undefined = this.faults ? [] : undefined;
    for (let r = 0; r < nRuns; r++) {
      const off = runs[rec + 1 + r * 2]!;
      const len = runs[rec + 2 + r * 2]!;
      const res = host.batch(first + off, len);
      totals.prefetchCalls++;
      if (calls) {
        const call: BatchCall = {
          start: first + off,
          end: first + off + len,
          result: res.reason ? -1 : 0,
          installed: res.installed,
        };
        if (res.reason) call.reason = res.reason;
        // A closed run ends at a present or faulting entry (offset <= 7): only the trailing run reaches 8.
        if (off + len === 8) call.trailing = true;
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
    if (calls) this.faults!.push({ gfn: first + (c & 7), calls, ...mark });
  }
}
