import { accessSequence } from './accessOrder.ts';
import { BulkCore } from './bulkCore.ts';
import { firstNotPresentByTime, patternShape, reserveForPattern, tableSpan } from './bulkPattern.ts';
import type { TableSpan } from './bulkPattern.ts';
import { FULL_WINDOW_SORT_MAX, orderFullWindow } from './bulkWindow.ts';
import { Machine } from './machine.ts';
import { addBatchNibbles, tracedFaults, tracedInstalled, WindowTracer } from './profileWindow.ts';
import { POPCOUNT8 } from './windowTable.ts';
import { SPTES_PER_TABLE } from './types.ts';
import type { KernelArg } from './kernelVersion.ts';
import type { Scenario, Totals } from './types.ts';

/** What one untouched table ends with after a given ordered visit (memoised per visit shape). */
interface TableOutcome {
  present: Uint8Array;
  prefetched: Uint8Array;
  faultMasks: Uint8Array;
  sizes: Float64Array;
  nf: number;
  ni: number;
  hits: number;
  calls: number;
}

const MAX_TABLE_MEMOS = 64;

export interface ProfileOptions {
  /** Fault-count buckets over the access count (default 512). */
  buckets?: number;
  /** The page tables the per-table arrays cover: [firstTable, firstTable + tableCount). */
  firstTable?: number;
  tableCount?: number;
  onProgress?: (done: number, total: number) => boolean | void;
  progressEvery?: number;
}

/** Largest per-table span a profile allocates (2^22 tables: 8 TiB of guest memory). */
export const MAX_PROFILE_TABLES = 2 ** 22;

/**
 * Where a run's faults happen, for the experiment charts: faults by access time, batch calls by
 * size, and per page table the entries that faulted and the entries a prefetch installed.
 */
export interface AccessProfile {
  /** The run's totals (equal to runBulk's for the same scenario and variant). */
  totals: Totals;
  /** Accesses in the scenario; access i lands in bucket floor(i * buckets / accessCount). */
  accessCount: number;
  faultBuckets: Float64Array;
  /** batchSizes[len]: batch calls of len entries (1..7; failed calls count their attempted size). */
  batchSizes: Float64Array;
  firstTable: number;
  /** Per table: 4 KiB faults (a 2 MiB mapping's fault counts once, and sets tableHuge). */
  tableFaults: Uint16Array;
  /** Per table: entries installed by a prefetch. */
  tablePrefetched: Uint16Array;
  tableHuge: Uint8Array;
  cancelled: boolean;
}

/**
 * Runs the bulk model once more, keeping track of *when* each fault happens. The bulk engine
 * handles patterns one page table at a time (bulkPattern.ts), not in time order; this does the
 * same but knows each GFN's access time (arithmetic for ordered patterns, the inverse keyed
 * permutation for random order), so every fault lands in the bucket of its access. Clean windows
 * go through WindowTracer (the engine's window lookups, traced); everything else through
 * BulkCore.access with per-fault detail, one access at a time in time order. Exact: the tests hold
 * it to step mode.
 */
export function profileRun(scenario: Scenario, kernel: KernelArg, opts: ProfileOptions = {}): AccessProfile {
  if (scenario.mmu === 'shadow') throw new Error('profileRun models the legacy and TDP MMUs');
  const m = new Machine(scenario, kernel);
  const core = new BulkCore(m, true);
  const { tables, totals, host, prefetchOn, huge2m } = core;
  const seq = accessSequence(scenario.accesses);
  const count = seq.count;
  const nBuckets = Math.max(1, Math.floor(opts.buckets ?? 512));
  const firstTable = opts.firstTable ?? 0;
  const tableCount = Math.min(MAX_PROFILE_TABLES, opts.tableCount ?? 0);
  const out: AccessProfile = {
    totals,
    accessCount: count,
    faultBuckets: new Float64Array(nBuckets),
    batchSizes: new Float64Array(8),
    firstTable,
    tableFaults: new Uint16Array(tableCount),
    tablePrefetched: new Uint16Array(tableCount),
    tableHuge: new Uint8Array(tableCount),
    cancelled: false,
  };
  const { faultBuckets: buckets, batchSizes, tableFaults, tablePrefetched, tableHuge } = out;
  const bucketOf = (time: number): number => Math.floor((time * nBuckets) / count);
  const pop = POPCOUNT8;
  const every = Math.max(1, opts.progressEvery ?? 1 << 20);
  const faultList = core.faults!;

  /** One access through the per-access engine path; records its fault, if any. */
  const slowAccess = (g: number, time: number): void => {
    core.access(g, time);
    const f = faultList.pop();
    if (!f) return;
    buckets[bucketOf(time)]!++;
    const ti = Math.floor(g / SPTES_PER_TABLE) - firstTable;
    const inRange = ti >= 0 && ti < tableCount;
    if (inRange) tableFaults[ti]!++;
    if (f.huge && inRange) tableHuge[ti] = 1;
    for (const call of f.calls) {
      batchSizes[call.end - call.start]!++;
      if (inRange) tablePrefetched[ti]! += call.installed;
    }
  };

  const shape = Array.isArray(scenario.accesses) ? null : patternShape(scenario.accesses);
  if (!shape) {
    for (let a = 0; a < count; a++) {
      if (opts.onProgress && a % every === 0 && a > 0 && opts.onProgress(a, count) === true) {
        out.cancelled = true;
        break;
      }
      slowAccess(seq.at(a), a);
    }
    return out;
  }

  reserveForPattern(tables, shape);
  const tracer = new WindowTracer(core.wt, prefetchOn);
  const { lo, hi, stride, descending, perm } = shape;
  const times = new Uint32Array(SPTES_PER_TABLE);
  const ord = new Uint8Array(8);
  const tk = new Float64Array(8);
  const smallPerm = perm !== null && perm.n <= FULL_WINDOW_SORT_MAX;
  const timeOf = (g: number, gLo: number): number =>
    perm ? times[g - gLo]! : descending ? hi - g : (g - lo) / stride;
  let done = 0;
  let nextReport = every;
  const tableMemo = new Map<number, TableOutcome>();
  const faultMasks = new Uint8Array(64);
  let wMask = 0;

  /** Orders the touched entries a..b of the window at `first` by access time into ord/tk. */
  const windowOrder = (first: number, a: number, b: number, gLo: number): number => {
    let len = 0;
    wMask = 0;
    if (perm && b - a === 7 && smallPerm) {
      orderFullWindow(times, first - gLo, ord);
      for (let k = 0; k < 8; k++) tk[k] = times[first + ord[k]! - gLo]!;
      wMask = 0xff;
      return 8;
    }
    for (let j = a; j <= b; j++) {
      if (stride !== 1 && (first + j - lo) % stride !== 0) continue;
      wMask |= 1 << j;
      const time = timeOf(first + j, gLo);
      let i = len++;
      for (; i > 0 && tk[i - 1]! > time; i--) {
        tk[i] = tk[i - 1]!;
        ord[i] = ord[i - 1]!;
      }
      tk[i] = time;
      ord[i] = j;
    }
    return len;
  };

  /** Buckets a memoised table's faults one by one (its accesses straddle a bucket edge). */
  const bucketTable = (base: number, gLo: number): void => {
    for (let w = 0; w < 64; w++) {
      const fm = faultMasks[w]!;
      for (let j = 0; j < 8; j++) if (fm & (1 << j)) buckets[bucketOf(timeOf(base + w * 8 + j, gLo))]!++;
    }
  };

  const tFirst = Math.floor(lo / SPTES_PER_TABLE);
  const tLast = Math.floor(hi / SPTES_PER_TABLE);
  const span: TableSpan = { base: 0, gLo: 0, gHi: 0, g0: 0, n: 0 };
  for (let t = tFirst; t <= tLast; t++) {
    const { base, gLo, gHi, g0, n } = tableSpan(shape, t, span);
    if (n === 0) continue;
    const countBefore = tables.tableCount;
    const slot = tables.ensure(base);
    const fresh = tables.tableCount > countBefore;
    if (perm) perm.inverseRange(gLo - lo, gHi - gLo + 1, times);
    const ti = t - firstTable;
    const inRange = ti >= 0 && ti < tableCount;

    if (tables.isHugeAt(slot)) {
      totals.accesses += n;
    } else if (huge2m && host.hugeAllowed(base, SPTES_PER_TABLE)) {
      // Time order over the whole table: its first fault maps it all (see firstNotPresentByTime).
      let k = 0;
      if (perm) {
        const g = firstNotPresentByTime(core, slot, base, gLo, gHi, times);
        if (g >= 0) {
          slowAccess(g, timeOf(g, gLo));
          k = 1;
        }
      } else {
        for (; k < n && !tables.isHugeAt(slot); k++) {
          const g = descending ? g0 + (n - 1 - k) : g0 + k * stride;
          slowAccess(g, timeOf(g, gLo));
        }
      }
      totals.accesses += n - k;
    } else {
      const fast = !prefetchOn || core.isClean(slot, base);
      const { present, prefetched } = tables.rawWindows();
      const key = (g0 - base) * 1024 + n;
      const memo = !perm && fast && fresh ? tableMemo.get(key) : undefined;
      if (memo) {
        // An untouched table visited the same way as one before it: the same outcome.
        present.set(memo.present, slot * 64);
        prefetched.set(memo.prefetched, slot * 64);
        faultMasks.set(memo.faultMasks);
        for (let len = 1; len <= 7; len++) batchSizes[len]! += memo.sizes[len]!;
        totals.pfFixed += memo.nf;
        totals.prefetched += memo.ni;
        totals.prefetchHits += memo.hits;
        totals.prefetchCalls += memo.calls;
        if (inRange) {
          tableFaults[ti]! += memo.nf;
          tablePrefetched[ti]! += memo.ni;
        }
        const tA = timeOf(g0, gLo);
        const tB = timeOf(g0 + (n - 1) * stride, gLo);
        const bA = bucketOf(Math.min(tA, tB));
        if (bA === bucketOf(Math.max(tA, tB))) buckets[bA]! += memo.nf;
        else bucketTable(base, gLo);
      } else {
        const before = { ...totals };
        const sizesBefore = batchSizes.slice();
        let tf = 0;
        let tp = 0;
        for (let w = (gLo - base) >> 3; w <= (gHi - base) >> 3; w++) {
          const first = base + w * 8;
          const len = windowOrder(first, Math.max(gLo, first) - first, Math.min(gHi, first + 7) - first, gLo);
          faultMasks[w] = 0;
          if (len === 0) continue;
          if (!fast) {
            for (let k = 0; k < len; k++) slowAccess(first + ord[k]!, tk[k]!);
            continue;
          }
          const idx = slot * 64 + w;
          const v = perm
            ? tracer.trace(present[idx]!, prefetched[idx]!, ord, len)
            : tracer.ordered(wMask, descending, present[idx]!, prefetched[idx]!);
          present[idx] = v & 0xff;
          prefetched[idx] = (v >>> 8) & 0xff;
          const fm = tracedFaults(v);
          faultMasks[w] = fm;
          const nf = pop[fm]!;
          tf += nf;
          tp += pop[tracedInstalled(v)]!;
          totals.prefetchHits += tracer.hits;
          totals.prefetchCalls += addBatchNibbles(tracer.batches, batchSizes);
          if (nf === 0) continue;
          const bFirst = bucketOf(tk[0]!);
          if (bFirst === bucketOf(tk[len - 1]!)) buckets[bFirst]! += nf;
          else for (let k = 0; k < len; k++) if (fm & (1 << ord[k]!)) buckets[bucketOf(tk[k]!)]!++;
        }
        totals.pfFixed += tf;
        totals.prefetched += tp;
        if (inRange) {
          tableFaults[ti]! += tf;
          tablePrefetched[ti]! += tp;
        }
        if (!perm && fast && fresh && tableMemo.size < MAX_TABLE_MEMOS) {
          const sizes = batchSizes.map((x, i) => x - sizesBefore[i]!);
          tableMemo.set(key, {
            present: present.slice(slot * 64, slot * 64 + 64),
            prefetched: prefetched.slice(slot * 64, slot * 64 + 64),
            faultMasks: faultMasks.slice(),
            sizes,
            nf: tf,
            ni: tp,
            hits: totals.prefetchHits - before.prefetchHits,
            calls: totals.prefetchCalls - before.prefetchCalls,
          });
        }
      }
      if (fast) totals.accesses += n;
    }

    done += n;
    if (opts.onProgress && done >= nextReport && done < count) {
      nextReport = done + every;
      if (opts.onProgress(done, count) === true) {
        out.cancelled = true;
        break;
      }
    }
  }
  return out;
}
