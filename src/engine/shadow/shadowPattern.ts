import { patternShape, tableSpan } from '../bulkPattern.ts';
import type { PatternProgress, PatternShape, TableSpan } from '../bulkPattern.ts';
import { FULL_WINDOW_SORT_MAX, orderFullWindow } from '../bulkWindow.ts';
import { HostMemory } from '../hostMemory.ts';
import type { Machine } from '../machine.ts';
import { PTE_PREFETCH_NUM, SPTES_PER_TABLE } from '../types.ts';
import type { Scenario } from '../types.ts';
import { guestTablesFor } from './guestTables.ts';
import type { GuestTables } from './guestTables.ts';
import { prefetchGpteFailure } from './prefetchGpte.ts';
import { ShadowWindowMemo, simulateShadowWindow } from './shadowWindow.ts';

const NONE: ReadonlySet<number> = new Set();

/**
 * Largest shadow-paging pattern that must run one access at a time (see shadowPatternShape): that
 * path costs about half a microsecond per access, so 2^24 accesses stay within seconds where the
 * format's 2^30 would take minutes. Checked when a scenario is validated.
 */
export const MAX_TIME_ORDER_PAGES = 2 ** 24;

/**
 * Why a valid shadow scenario is too large to run (its pattern needs time order and has more
 * than MAX_TIME_ORDER_PAGES accesses), or null.
 */
export function shadowRunLimitProblem(s: Scenario): string | null {
  if (Array.isArray(s.accesses) || !s.guest?.paging) return null;
  const count = patternShape(s.accesses)?.count ?? 0;
  if (count <= MAX_TIME_ORDER_PAGES) return null;
  if (shadowPatternShape(s, guestTablesFor(s.guest), new HostMemory(s.memslots, s.nonResident))) return null;
  return (
    `too large: at most ${MAX_TIME_ORDER_PAGES.toLocaleString('en-US')} accesses when two GVA pages ` +
    'of the range map the same non-resident page (such runs go one access at a time, in time order)'
  );
}

/**
 * Whether a shadow scenario (guest paging on) can run one GVA page table at a time: an access
 * pattern, and no non-resident page that two GVA pages of its windows both map. A fault on a
 * non-resident page faults it in (Machine.faultedIn), which only matters to the prefetch of
 * *another* GVA page mapping the same page: the faulting entry itself is present from then on and
 * never prefetched. Without such aliases, every entry's prefetch outcome is fixed for the whole
 * run and a window's result depends only on its own accesses, as in the direct engine. Otherwise
 * the accesses must go one at a time, in time order. Returns the pattern's shape when it can.
 */
export function shadowPatternShape(s: Scenario, gt: GuestTables, host: HostMemory): PatternShape | null {
  if (Array.isArray(s.accesses) || !s.guest?.paging) return null;
  const shape = patternShape(s.accesses);
  if (!shape) return null;
  const lo = shape.lo - (shape.lo % PTE_PREFETCH_NUM);
  const end = shape.hi - (shape.hi % PTE_PREFETCH_NUM) + PTE_PREFETCH_NUM;
  // GFN ranges of the window scope's guest PTE pieces that hold a non-resident page.
  const partial: Array<[number, number]> = [];
  for (let seg = gt.segmentFrom(lo); seg < gt.segmentCount && gt.segmentStart(seg) < end; seg++) {
    const a = Math.max(lo, gt.segmentStart(seg));
    const b = Math.min(end, gt.segmentEnd(seg));
    const g = gt.gfnOf(seg, a);
    if (!host.allResident(g, b - a)) partial.push([g, g + (b - a)]);
  }
  partial.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < partial.length; i++) if (partial[i]![0] < partial[i - 1]![1]) return null;
  return shape;
}

/**
 * Fills ok[w] with the entries of window w of the GVA table at `base` whose prefetch would
 * succeed. A table inside one guest PTE segment whose GFNs lie in one memslot and are all
 * resident is uniform (same guest PTE flags, slot and residency), so one prefetchGpteFailure call
 * decides all 512 entries; any other table asks entry by entry. Either way the decision is
 * prefetchGpteFailure's, the function the per-access path and step mode call.
 */
function tableOk(gt: GuestTables, host: HostMemory, guestAd: boolean, base: number, ok: Uint8Array): void {
  const seg = gt.segmentOf(base);
  if (seg >= 0 && gt.segmentEnd(seg) >= base + SPTES_PER_TABLE) {
    const g0 = gt.gfnOf(seg, base);
    const slot = host.slotOf(g0);
    if (slot >= 0 && host.slotEnd(slot) >= g0 + SPTES_PER_TABLE && host.allResident(g0, SPTES_PER_TABLE)) {
      ok.fill(prefetchGpteFailure(gt, host, guestAd, base, NONE) === null ? 0xff : 0);
      return;
    }
  }
  ok.fill(0);
  for (let e = 0; e < SPTES_PER_TABLE; e++)
    if (prefetchGpteFailure(gt, host, guestAd, base + e, NONE) === null) ok[e >> 3]! |= 1 << (e & 7);
}

/**
 * Shadow paging's bulk mode for a pattern shadowPatternShape accepted: one GVA page table at a
 * time, each window simulated on its own in time order (shadowWindow.ts), as bulkPattern.ts does
 * for the direct walk. Exact for the same reasons (see there); the tests hold it to step mode.
 * Returns true when cancelled.
 */
export function runShadowPattern(
  m: Machine,
  gt: GuestTables,
  s: PatternShape,
  progress: PatternProgress,
): boolean {
  const { tables, totals, host } = m;
  const guestAd = m.scenario.adBits;
  const memo = new ShadowWindowMemo();
  const ok = new Uint8Array(SPTES_PER_TABLE / PTE_PREFETCH_NUM);
  const times = new Uint32Array(SPTES_PER_TABLE);
  const tk = new Uint32Array(8);
  const ord = new Uint8Array(8);
  const { lo, hi, stride, descending, perm } = s;
  const smallPerm = perm !== null && perm.n <= FULL_WINDOW_SORT_MAX;
  let done = 0;
  let nextReport = progress.every;
  const span: TableSpan = { base: 0, gLo: 0, gHi: 0, g0: 0, n: 0 };
  for (let t = Math.floor(lo / SPTES_PER_TABLE); t <= Math.floor(hi / SPTES_PER_TABLE); t++) {
    const { base, gLo, gHi, n } = tableSpan(s, t, span);
    if (n === 0) continue;
    const slot = tables.ensure(base);
    tableOk(gt, host, guestAd, base, ok);
    if (perm) perm.inverseRange(gLo - lo, gHi - gLo + 1, times);
    const { present, prefetched } = tables.rawWindows();
    let faults = 0;
    let installed = 0;
    let calls = 0;
    let hits = 0;
    for (let w = (gLo - base) >> 3; w <= (gHi - base) >> 3; w++) {
      const first = base + w * 8;
      const a = Math.max(gLo, first) - first;
      const b = Math.min(gHi, first + 7) - first;
      const idx = slot * 64 + w;
      let v: number;
      if (perm) {
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
        v = simulateShadowWindow(present[idx]!, prefetched[idx]!, ord, len, ok[w]!);
      } else {
        let mask = 0;
        if (stride === 1) mask = ((1 << (b - a + 1)) - 1) << a;
        else for (let j = a; j <= b; j++) if ((first + j - lo) % stride === 0) mask |= 1 << j;
        if (mask === 0) continue;
        v = memo.result(mask, descending, ok[w]!, present[idx]!, prefetched[idx]!);
      }
      present[idx] = v & 0xff;
      prefetched[idx] = (v >>> 8) & 0xff;
      faults += (v >>> 16) & 0xf;
      installed += (v >>> 20) & 0xf;
      calls += (v >>> 24) & 0xf;
      hits += v >>> 28;
    }
    totals.accesses += n;
    totals.pfFixed += faults;
    totals.prefetched += installed;
    totals.prefetchCalls += calls;
    totals.failedCalls += calls - installed;
    totals.prefetchHits += hits;
    done += n;
    if (progress.onProgress && done >= nextReport && done < s.count) {
      nextReport = done + progress.every;
      if (progress.onProgress(done, s.count) === true) return true;
    }
  }
  return false;
}
