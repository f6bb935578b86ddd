import { patternShape } from './bulkPattern.ts';
import { HostMemory } from './hostMemory.ts';
import { guestTablesFor } from './shadow/guestTables.ts';
import { shadowAliasFree } from './shadow/shadowPattern.ts';
import type { Scenario } from './types.ts';

/**
 * The largest pattern that must run one access at a time, in time order: the per-access path
 * costs about half a microsecond an access, so 2^24 accesses stay within seconds where the
 * format's 2^30 would take minutes. Every other pattern runs a page table at a time up to 2^30.
 */
export const MAX_TIME_ORDER_PAGES = 2 ** 24;

/**
 * Why a scenario is too large to run (a pattern that needs time order, above
 * MAX_TIME_ORDER_PAGES accesses), or null. Checked when a scenario is validated, so it is refused
 * before anything runs. Time order is needed for
 * - MMU-notifier invalidations: from v5.12 a fault during one skips prefetch, and which faults
 *   those are depends on each access's index;
 * - shadow paging where two GVA pages of the pattern's windows map one non-resident page: a fault
 *   through one faults it in for the other's prefetch (shadowAliasFree).
 */
export function runLimitProblem(s: Scenario): string | null {
  if (Array.isArray(s.accesses)) return null;
  const shape = patternShape(s.accesses);
  if (!shape || shape.count <= MAX_TIME_ORDER_PAGES) return null;
  const most = `too large: at most ${MAX_TIME_ORDER_PAGES.toLocaleString('en-US')} accesses`;
  const why = '(such runs go one access at a time, in time order)';
  if ((s.invalidations?.length ?? 0) > 0) return `${most} with invalidations ${why}`;
  if (s.mmu === 'shadow' && s.guest?.paging) {
    const host = new HostMemory(s.memslots, s.nonResident);
    if (!shadowAliasFree(shape, guestTablesFor(s.guest), host))
      return `${most} when two GVA pages of the range map the same non-resident page ${why}`;
  }
  return null;
}
