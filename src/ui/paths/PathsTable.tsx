import type { ReactNode } from 'react';
import type { PathRow } from '../../engine/comparePaths.ts';
import { formatCount } from '../../viz/format.ts';
import { barScale } from './chartScale.ts';
import { METRICS, PATH_SHORT, ratioToFixed } from './pathStyle.ts';

/**
 * One row per path: the three counts, and why the path lands there. `compact` (embed mode) uses
 * the short path names and draws a bar of pf_fixed to scale in its cell: a slide has no room for
 * the chart at a legible size, and pf_fixed (the exits) is what the slide is about.
 */
export function PathsTable({
  rows,
  compact = false,
  action,
}: {
  rows: readonly PathRow[];
  compact?: boolean;
  /** Something to do with a row, drawn under its name (the full view's "Step through"). */
  action?: (row: PathRow) => ReactNode;
}) {
  const fixed = rows.find((r) => r.id === 'legacy-fixed');
  const bar = compact
    ? barScale(
        rows.map((r) => r.totals.pfFixed),
        100,
        'linear',
      )
    : null;
  const barMax = bar ? Math.max(1, ...rows.map((r) => bar.length(r.totals.pfFixed))) : 1;
  return (
    <table className={`paths-table${compact ? ' is-compact' : ''}`}>
      <caption className="visually-hidden">pf_fixed, prefetched and prefetch hits per MMU path</caption>
      <thead>
        <tr>
          <th scope="col">Path</th>
          {METRICS.map((m) => (
            <th key={m.key} scope="col" className="num" title={m.hint}>
              {m.label}
            </th>
          ))}
          <th scope="col">Why it lands here</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={`path-${r.id}`} data-path={r.id}>
            <th scope="row" title={compact ? r.label : undefined}>
              {compact ? PATH_SHORT[r.id] : r.label}
              {action?.(r)}
            </th>
            {METRICS.map((m) => (
              <td key={m.key} className="num">
                {formatCount(r.totals[m.key])}
                {m.key === 'pfFixed' && fixed && r.id !== 'legacy-fixed' && fixed.totals.pfFixed > 0 && (
                  <span className="paths-ratio">{ratioToFixed(r.totals.pfFixed, fixed.totals.pfFixed)}</span>
                )}
                {m.key === 'pfFixed' && bar && (
                  <span className="paths-pfbar" aria-hidden="true">
                    <span
                      className="paths-pfbar-fill"
                      style={{ width: `${(100 * bar.length(r.totals.pfFixed)) / barMax}%` }}
                    />
                  </span>
                )}
              </td>
            ))}
            <td className="paths-why">{r.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
