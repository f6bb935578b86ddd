import type { Scenario } from './types.ts';

/**
 * The scenario's `invalidations` as a test on access indices. Ranges are few and short in
 * practice (validation caps their count), but a scenario with none must cost nothing per access.
 */
export function invalidationTest(s: Pick<Scenario, 'invalidations'>): (a: number) => boolean {
  const r = s.invalidations;
  if (!r || r.length === 0) return () => false;
  const sorted = [...r].sort((x, y) => x[0] - y[0]);
  const lo = Float64Array.from(sorted, (x) => x[0]);
  const hi = Float64Array.from(sorted, (x) => x[1]);
  // Merged running maximum of the ends, so a binary search on starts answers "inside any range".
  const reach = new Float64Array(hi.length);
  hi.forEach((h, i) => (reach[i] = Math.max(h, i > 0 ? reach[i - 1]! : -1)));
  return (a) => {
    let l = 0;
    let h = lo.length - 1;
    let last = -1;
    while (l <= h) {
      const mid = (l + h) >> 1;
      if (lo[mid]! <= a) {
        last = mid;
        l = mid + 1;
      } else h = mid - 1;
    }
    return last >= 0 && reach[last]! >= a;
  };
}
