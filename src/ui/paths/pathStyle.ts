import type { PathId } from '../../engine/comparePaths.ts';
import type { Totals } from '../../engine/types.ts';

/** The three counts the comparison shows, in table and chart order. */
export const METRICS = [
  { key: 'pfFixed', label: 'pf_fixed', hint: 'faults fixed (exits)' },
  { key: 'prefetched', label: 'prefetched', hint: 'SPTEs installed by prefetch' },
  { key: 'prefetchHits', label: 'prefetch hits', hint: 'accesses that found a prefetched SPTE' },
] as const satisfies ReadonlyArray<{ key: keyof Totals; label: string; hint: string }>;

export type MetricKey = (typeof METRICS)[number]['key'];

/** Short names for the chart's axis; the table uses comparePaths' full labels. */
export const PATH_SHORT: Record<PathId, string> = {
  'legacy-buggy': 'Legacy, buggy',
  'legacy-fixed': 'Legacy, fixed',
  shadow: 'Shadow paging',
  tdp: 'TDP MMU',
  'legacy-2m': '2 MiB backing',
};

/** "×8 fixed", "×1/64 fixed", "= fixed": how a path's faults compare with the fixed legacy walk's. */
export function ratioToFixed(a: number, fixed: number): string {
  if (a === fixed) return '= fixed';
  if (a === 0 || fixed === 0) return '';
  const r = a / fixed;
  const k = r >= 1 ? r : 1 / r;
  const text = +k.toFixed(k >= 10 ? 0 : 2);
  return r >= 1 ? `×${text} fixed` : `×1/${text} fixed`;
}
