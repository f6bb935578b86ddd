import type { PathRow } from '../../engine/comparePaths.ts';
import { formatCount } from '../../viz/format.ts';
import { METRICS, ratioToFixed } from './pathStyle.ts';

/** One row per path: the three counts, and why the path lands there. */
export function PathsTable({ rows }: { rows: readonly PathRow[] }) {
  const fixed = rows.find((r) => r.id === 'legacy-fixed');
  return (
    <table className="paths-table">
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
            <th scope="row">{r.label}</th>
            {METRICS.map((m) => (
              <td key={m.key} className="num">
                {formatCount(r.totals[m.key])}
                {m.key === 'pfFixed' && fixed && r.id !== 'legacy-fixed' && fixed.totals.pfFixed > 0 && (
                  <span className="paths-ratio">{ratioToFixed(r.totals.pfFixed, fixed.totals.pfFixed)}</span>
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
