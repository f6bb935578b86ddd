import type { PathId, PathRow } from '../../engine/comparePaths.ts';
import type { ViewMode } from '../../engine/ticks.ts';
import type { Scenario } from '../../engine/types.ts';

/** Step mode shows one access after another; this many of the workload's pages make a walk to read. */
export const STEP_PAGES = 512;

const MODE: Record<PathId, ViewMode> = {
  'legacy-buggy': 'buggy',
  'legacy-fixed': 'fixed',
  shadow: 'fixed',
  tdp: 'fixed',
  'legacy-2m': 'fixed',
};

/**
 * A path's row as a scenario to step through: the same MMU, backing, memslots and pattern, over
 * the workload's first STEP_PAGES pages (a random order keeps its seed), shown in that path's own
 * variant. The bulk run's millions of accesses would be too many steps to read.
 */
export function steppablePath(row: PathRow): { scenario: Scenario; mode: ViewMode; cut: boolean } {
  const s = row.scenario;
  const a = s.accesses;
  let accesses: Scenario['accesses'];
  let cut: boolean;
  if (Array.isArray(a)) {
    cut = a.length > STEP_PAGES;
    accesses = a.slice(0, STEP_PAGES);
  } else {
    cut = a.pages > STEP_PAGES;
    accesses = { ...a, pages: Math.min(a.pages, STEP_PAGES) };
  }
  return {
    scenario: {
      ...s,
      name: `${row.label}${cut ? `: the first ${STEP_PAGES} pages of the workload` : ''}`,
      accesses,
    },
    mode: MODE[row.id],
    cut,
  };
}
