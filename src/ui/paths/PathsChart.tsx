import { useState } from 'react';
import type { PathRow } from '../../engine/comparePaths.ts';
import { formatCount } from '../../viz/format.ts';
import { barScale } from './chartScale.ts';
import type { ScaleKind } from './chartScale.ts';
import { METRICS, PATH_SHORT } from './pathStyle.ts';

const W = 760;
const LABEL_W = 130;
const VALUE_W = 86;
const BAR_AREA = W - LABEL_W - VALUE_W;
const BAR_H = 13;
const BAR_GAP = 2;
const GROUP_GAP = 16;
const AXIS_H = 26;
const GROUP_H = METRICS.length * (BAR_H + BAR_GAP) - BAR_GAP;

/**
 * pf_fixed, prefetched and prefetch hits per path as grouped horizontal bars. d3 computes the
 * scale and ticks; React draws. Log by default: 2 MiB backing sits three decades below the rest.
 */
export function PathsChart({ rows }: { rows: readonly PathRow[] }) {
  const [kind, setKind] = useState<ScaleKind>('log');
  const counts = rows.flatMap((r) => METRICS.map((m) => r.totals[m.key]));
  const scale = barScale(counts, BAR_AREA, kind);
  const height = AXIS_H + rows.length * (GROUP_H + GROUP_GAP);
  return (
    <figure className="paths-chart">
      <div className="paths-chart-head">
        <ul className="paths-legend" aria-label="Legend">
          {METRICS.map((m) => (
            <li key={m.key}>
              <svg width="14" height="12" aria-hidden="true">
                <rect width="14" height="12" rx="2" className={`paths-bar metric-${m.key}`} />
              </svg>
              {m.label}
            </li>
          ))}
        </ul>
        <div role="radiogroup" aria-label="Scale" className="segmented segmented-small">
          <span className="field-label">Scale</span>
          {(['log', 'linear'] as const).map((k) => (
            <label key={k} className={`segmented-option${kind === k ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="paths-scale"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <span>{k === 'log' ? 'Log' : 'Linear'}</span>
            </label>
          ))}
        </div>
      </div>
      <svg
        className="paths-chart-svg"
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-label={`Bar chart, ${kind} scale: ${rows
          .map((r) => `${PATH_SHORT[r.id]} ${formatCount(r.totals.pfFixed)} pf_fixed`)
          .join('; ')}`}
      >
        {scale.ticks.map((t) => (
          <g key={t.value} transform={`translate(${LABEL_W + t.x},0)`}>
            <line className="paths-grid" y1={AXIS_H - 4} y2={height} />
            <text className="paths-tick" y={AXIS_H - 9} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        {rows.map((r, g) => {
          const y0 = AXIS_H + g * (GROUP_H + GROUP_GAP) + GROUP_GAP / 2;
          return (
            <g key={r.id} className={`paths-group path-${r.id}`}>
              <text className="paths-path-label" x={LABEL_W - 10} y={y0 + GROUP_H / 2 + 5} textAnchor="end">
                {PATH_SHORT[r.id]}
              </text>
              {METRICS.map((m, k) => {
                const v = r.totals[m.key];
                const len = scale.length(v);
                const y = y0 + k * (BAR_H + BAR_GAP);
                return (
                  <g key={m.key}>
                    <rect
                      className={`paths-bar metric-${m.key}`}
                      x={LABEL_W}
                      y={y}
                      width={len}
                      height={BAR_H}
                      rx={2}
                    />
                    <text className="paths-value" x={LABEL_W + len + 5} y={y + BAR_H - 2}>
                      {formatCount(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        <line className="paths-axis" x1={LABEL_W} x2={LABEL_W} y1={AXIS_H - 4} y2={height} />
      </svg>
      <figcaption className="field-hint">
        Per path: {METRICS.map((m) => `${m.label} (${m.hint})`).join(', ')}.{' '}
        {kind === 'log'
          ? 'Log scale: each gridline is ten times the previous; a count of 0 has no bar.'
          : 'Linear scale from 0.'}
      </figcaption>
    </figure>
  );
}
