import { patternShape, tableSpan } from '../bulkPattern.ts';
import type { PatternProgress, PatternShape, TableSpan } from '../bulkPattern.ts';
import { FULL_WINDOW_SORT_MAX, orderFullWindow } from '../bulkWindow.ts';
import type { HostMemory } from '../hostMemory.ts';
import type { Machine } from '../machine.ts';
import { PTE_PREFETCH_NUM, SPTES_PER_TABLE } from '../types.ts';
import type { GuestTables } from './guestTables.ts';
import { EntryOutcomes } from './entryOutcomes.ts';
import { ShadowWindow } from './shadowWindow.ts';

/**
 * Whether no non-resident page of a shadow pattern's windows is mapped by two of their GVA pages.
 * A fault on a non-resident page faults it in (Machine.faultedIn), which only matters to the
 * prefetch of *another* GVA page mapping the same page: the faulting entry itself is present from
 * then on and never prefetched. Without such aliases every entry's prefetch outcome is fixed for
 * the whole run.
 */
export function shadowAliasFree(shape: PatternShape, gt: GuestTables, host: HostMemory): boolean {
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
  for (let i = 1; i < partial.length; i++) if (partial[i]![0] < partial[i - 1]![1]) return false;
  return true;
}

/**
 * Whether a shadow scenario (guest paging on) can run one GVA page table at a time: an access
 * pattern, no aliased non-resident page (shadowAliasFree), and no MMU-notifier invalidations to
 * model (those depend on each fault's access index). Then a window's result depends only on its
 * own accesses, as in the direct engine; otherwise the accesses must go one at a time, in time
 * order. Returns the pattern's shape when it can.
 */
export function shadowPatternShape(m: Machine, gt: GuestTables): PatternShape | null {
  const s = m.scenario;
  if (Array.isArray(s.accesses) || !s.guest?.paging) return null;
  if (m.kernel.behaviour.notifierSkip && (s.invalidations?.length ?? 0) > 0) return null;
  const shape = patternShape(s.accesses);
  return shape && shadowAliasFree(shape, gt, m.host) ? shape : null;
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
  const sim = new ShadowWindow(m.accessTracked);
  const outcomes = new EntryOutcomes(gt, host, m.scenario.adBits, m.kernel.behaviour.invalidGpte === 'skip');
  const { ok, skip } = outcomes;
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
    outcomes.classify(base);
    if (perm) perm.inverseRange(gLo - lo, gHi - gLo + 1, times);
    const { present, prefetched } = tables.rawWindows();
    let faults = 0;
    let installed = 0;
    let calls = 0;
    let failed = 0;
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
        v = sim.simulate(present[idx]!, prefetched[idx]!, ord, len, ok[w]!, skip[w]!);
      } else {
        let mask = 0;
        if (stride === 1) mask = ((1 << (b - a + 1)) - 1) << a;
        else for (let j = a; j <= b; j++) if ((first + j - lo) % stride === 0) mask |= 1 << j;
        if (mask === 0) continue;
        v = sim.ordered(mask, descending, ok[w]!, skip[w]!, present[idx]!, prefetched[idx]!);
      }
      present[idx] = v & 0xff;
      prefetched[idx] = (v >>> 8) & 0xff;
      faults += (v >>> 16) & 0xf;
      installed += (v >>> 20) & 0xf;
      hits += (v >>> 24) & 0xf;
      calls += sim.calls;
      failed += sim.failed;
    }
    totals.accesses += n;
    totals.pfFixed += faults;
    totals.prefetched += installed;
    totals.prefetchCalls += calls;
    totals.failedCalls += failed;
    totals.prefetchHits += hits;
    done += n;
    if (progress.onProgress && done >= nextReport && done < s.count) {
      nextReport = done + progress.every;
      if (progress.onProgress(done, s.count) === true) return true;
    }
  }
  return false;
}
