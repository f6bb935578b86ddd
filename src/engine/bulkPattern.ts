import { KeyedPermutation } from './accessOrder.ts';
import type { BulkCore } from './bulkCore.ts';
import type { SpteTables } from './spteTables.ts';
import {
  FULL_WINDOW_SORT_MAX,
  OrderedWindowMemo,
  orderFullWindow,
  simulateCleanWindow,
} from './bulkWindow.ts';
import { SPTES_PER_TABLE } from './types.ts';
import { KindWindow, WINDOW_SLOW, WindowKinds } from './windowKinds.ts';
import type { AccessPattern } from './types.ts';

export interface PatternProgress {
  /** Called about every `every` accesses with the number done; true cancels. */
  onProgress?: (done: number, total: number) => boolean | void;
  every: number;
}

/** The accessed GFN range of a pattern and how GFNs in it are visited. */
export interface PatternShape {
  lo: number;
  hi: number;
  /** Every `stride`-th GFN from lo is touched (1 for sequential, reverse and random). */
  stride: number;
  descending: boolean;
  perm: KeyedPermutation | null;
  count: number;
}

/** Patterns the table-order engine handles exactly; anything else takes the per-access path. */
export function patternShape(p: AccessPattern): PatternShape | null {
  const stride = p.pattern === 'stride' ? (p.stride ?? 1) : 1;
  const ok =
    Number.isSafeInteger(p.startGfn) &&
    Number.isSafeInteger(p.pages) &&
    p.startGfn >= 0 &&
    p.pages > 0 &&
    Number.isSafeInteger(stride) &&
    stride >= 1 &&
    (p.pattern !== 'random' || p.pages <= 2 ** 32);
  if (!ok) return null;
  return {
    lo: p.startGfn,
    hi: p.startGfn + p.pages - 1,
    stride,
    descending: p.pattern === 'reverse',
    perm: p.pattern === 'random' ? new KeyedPermutation(p.pages, p.seed ?? 0) : null,
    count: Math.ceil(p.pages / stride),
  };
}

/** The part of one page table a pattern touches. */
export interface TableSpan {
  /** First GFN of the table. */
  base: number;
  /** The pattern's range clipped to the table. */
  gLo: number;
  gHi: number;
  /** First GFN touched in the table (stride patterns may skip some, or the whole table). */
  g0: number;
  /** GFNs touched in the table; 0 when none. */
  n: number;
}

/** Fills `out` with table t's span of the pattern (reused: this runs once per table of 1 TiB). */
export function tableSpan(s: PatternShape, t: number, out: TableSpan): TableSpan {
  const base = t * SPTES_PER_TABLE;
  const gLo = Math.max(s.lo, base);
  const gHi = Math.min(s.hi, base + SPTES_PER_TABLE - 1);
  const g0 = s.lo + Math.ceil((gLo - s.lo) / s.stride) * s.stride;
  out.base = base;
  out.gLo = gLo;
  out.gHi = gHi;
  out.g0 = g0;
  out.n = g0 > gHi ? 0 : Math.floor((gHi - g0) / s.stride) + 1;
  return out;
}

/** How many page tables the pattern's accesses can reach (for pre-sizing the tables). */
export function patternTables(s: PatternShape): number {
  const span = Math.floor(s.hi / SPTES_PER_TABLE) - Math.floor(s.lo / SPTES_PER_TABLE) + 1;
  return Math.min(span, s.count);
}

/**
 * Sizes the tables once for a pattern run (doubling would copy them and briefly hold 1.5x their
 * final size). When the pattern touches at least half the tables of its span, their directory
 * is a dense array over the span (4 bytes a table) rather than the hash (up to 24).
 */
export function reserveForPattern(tables: SpteTables, s: PatternShape): void {
  const first = Math.floor(s.lo / SPTES_PER_TABLE);
  const span = Math.floor(s.hi / SPTES_PER_TABLE) - first + 1;
  const touched = patternTables(s);
  if (touched * 2 >= span) tables.reserveSpan(first, span);
  else tables.reserve(tables.tableCount + touched);
}

/**
 * Random order in a table a 2 MiB mapping may cover: the earliest access to a not-present entry
 * faults and maps the whole table. The accesses before it find present entries and change
 * nothing (such a table holds no prefetched entries, since its first fault maps it huge), and
 * those after it find the 2 MiB mapping. So one scan for that access replaces sorting the table's
 * accesses by time. Returns its GFN, or -1 when every touched entry is present.
 */
export function firstNotPresentByTime(
  core: BulkCore,
  slot: number,
  base: number,
  gLo: number,
  gHi: number,
  times: Uint32Array,
): number {
  const { present } = core.tables.rawWindows();
  let best = -1;
  let bestTime = Infinity;
  for (let g = gLo; g <= gHi; g++) {
    const time = times[g - gLo]!;
    const e = g - base;
    if (time < bestTime && (present[slot * 64 + (e >> 3)]! & (1 << (e & 7))) === 0) {
      best = g;
      bestTime = time;
    }
  }
  return best;
}

/**
 * Runs a pattern one page table at a time instead of one access at a time. This is exact
 * because a table's state depends only on its own accesses, taken in their time order: the
 * window walk stays inside the faulting entry's window, a 2 MiB mapping covers exactly one
 * table, and the host side never changes. Totals are sums, so the order *between* tables does
 * not matter. (Per-fault detail lists faults in access order, so detail runs use the per-access
 * path instead.)
 *
 * Inside a table each window is handled on its own, in time order:
 * - clean tables (one clean memslot, all resident) or no prefetch at all: the window's result
 *   comes from the window table via simulateCleanWindow, memoised for ordered patterns;
 * - other tables (dirty log, read-only, non-resident pages, slot ends): windows inside one
 *   memslot are simulated too, from the slot's flags and the window's resident pages
 *   (windowKinds.ts); windows across a slot boundary or a hole go through BulkCore.access per
 *   access, which asks the host for every batch;
 * - tables that may get a 2 MiB mapping: every access of the table in time order, because the
 *   first fault there maps the whole table.
 * For random order the time of each GFN is the inverse permutation, so no order array is built.
 * Returns true when cancelled.
 */
export function runPatternByTable(core: BulkCore, s: PatternShape, progress: PatternProgress): boolean {
  const { tables, totals, host, wt, prefetchOn, huge2m } = core;
  const tracked = core.accessTracked;
  const memo = new OrderedWindowMemo(wt, prefetchOn, tracked);
  const kinds = new WindowKinds();
  const general = new KindWindow(wt, prefetchOn, tracked);
  const times = new Uint32Array(SPTES_PER_TABLE);
  const tk = new Uint32Array(8);
  const ord = new Uint8Array(8);
  const { lo, hi, stride, descending, perm } = s;
  const smallPerm = perm !== null && perm.n <= FULL_WINDOW_SORT_MAX;
  let done = 0;
  let nextReport = progress.every;

  const tFirst = Math.floor(lo / SPTES_PER_TABLE);
  const tLast = Math.floor(hi / SPTES_PER_TABLE);
  const span: TableSpan = { base: 0, gLo: 0, gHi: 0, g0: 0, n: 0 };
  for (let t = tFirst; t <= tLast; t++) {
    const { base, gLo, gHi, g0, n } = tableSpan(s, t, span);
    if (n === 0) continue;
    const slot = tables.ensure(base);
    if (perm) perm.inverseRange(gLo - lo, gHi - gLo + 1, times);

    if (tables.isHugeAt(slot)) {
      totals.accesses += n;
    } else if (huge2m && host.hugeAllowed(base, SPTES_PER_TABLE)) {
      // Whole table in time order; once mapped huge, the rest of its accesses cannot fault.
      let k = 0;
      if (perm) {
        const g = firstNotPresentByTime(core, slot, base, gLo, gHi, times);
        if (g >= 0) {
          core.access(g);
          k = 1;
        }
      } else {
        for (; k < n && !tables.isHugeAt(slot); k++)
          core.access(descending ? g0 + (n - 1 - k) : g0 + k * stride);
      }
      totals.accesses += n - k;
    } else {
      const fast = !prefetchOn || core.isClean(slot, base);
      if (!fast) kinds.classify(host, base);
      const { present, prefetched } = tables.rawWindows();
      let faults = 0;
      let installed = 0;
      let calls = 0;
      let hits = 0;
      let failed = 0;
      let simulated = 0;
      const wLo = (gLo - base) >> 3;
      const wHi = (gHi - base) >> 3;
      for (let w = wLo; w <= wHi; w++) {
        const first = base + w * 8;
        const a = Math.max(gLo, first) - first;
        const b = Math.min(gHi, first + 7) - first;
        let v: number;
        const idx = slot * 64 + w;
        if (perm) {
          // Order the window's entries by access time.
          let len = 0;
          if (b - a === 7 && smallPerm) {
            orderFullWindow(times, first - gLo, ord);
            len = 8;
          } else
            for (let j = a; j <= b; j++) {
              const time = times[first + j - gLo]!;
              let i = len++;
              for (; i > 0 && tk[i - 1]! > time; i--) {
                tk[i] = tk[i - 1]!;
                ord[i] = ord[i - 1]!;
              }
              tk[i] = time;
              ord[i] = j;
            }
          if (fast)
            v = simulateCleanWindow(present[idx]!, prefetched[idx]!, ord, len, prefetchOn, wt, tracked);
          else if (kinds.kind[w] === WINDOW_SLOW) {
            for (let k = 0; k < len; k++) core.access(first + ord[k]!);
            continue;
          } else {
            v = general.simulate(
              present[idx]!,
              prefetched[idx]!,
              ord,
              len,
              kinds.kind[w]!,
              kinds.resident[w]!,
            );
            failed += general.failed;
            calls += general.calls;
            simulated += len;
          }
        } else {
          let mask = 0;
          if (stride === 1) mask = ((1 << (b - a + 1)) - 1) << a;
          else for (let j = a; j <= b; j++) if ((first + j - lo) % stride === 0) mask |= 1 << j;
          if (mask === 0) continue;
          if (fast) v = memo.result(mask, descending, present[idx]!, prefetched[idx]!);
          else {
            let len = 0;
            for (let k = 0; k < 8; k++) {
              const j = descending ? 7 - k : k;
              if (mask & (1 << j)) ord[len++] = j;
            }
            if (kinds.kind[w] === WINDOW_SLOW) {
              for (let k = 0; k < len; k++) core.access(first + ord[k]!);
              continue;
            }
            v = general.simulate(
              present[idx]!,
              prefetched[idx]!,
              ord,
              len,
              kinds.kind[w]!,
              kinds.resident[w]!,
            );
            failed += general.failed;
            calls += general.calls;
            simulated += len;
          }
        }
        present[idx] = v & 0xff;
        prefetched[idx] = (v >>> 8) & 0xff;
        faults += (v >>> 16) & 0xf;
        installed += (v >>> 20) & 0xf;
        calls += (v >>> 24) & 0xf;
        hits += v >>> 28;
      }
      // The per-access fallbacks above count their own accesses; add only the simulated windows'.
      totals.pfFixed += faults;
      totals.prefetched += installed;
      totals.prefetchCalls += calls;
      totals.failedCalls += failed;
      totals.prefetchHits += hits;
      totals.accesses += fast ? n : simulated;
    }

    done += n;
    if (progress.onProgress && done >= nextReport && done < s.count) {
      nextReport = done + progress.every;
      if (progress.onProgress(done, s.count) === true) return true;
    }
  }
  return false;
}
