import { format } from 'd3-format';
import type { RefObject } from 'react';
import { cumulativePath, cumulativePoints, cumulativeScales } from '../../viz/charts/cumulative.ts';
import { RUN_STYLE } from '../../viz/charts/palette.ts';
import { BottomAxis, LeftAxis } from './ChartAxes.tsx';
import type { ExperimentResults } from './useExperimentRun.ts';

const W = 640;
const H = 300;
const M = { top: 16, right: 170, bottom: 48, left: 72 };
const si = format('.3~s');

/** pf_fixed so far against pages touched so far, in access order, one line per run kind. */
export function CumulativeChart({
  shown,
  svgRef,
}: {
  shown: ExperimentResults;
  svgRef: RefObject<SVGSVGElement | null>;
}) {
  const series = shown.runs.flatMap((r) => {
    const res = shown.results[r];
    return res
      ? [{ run: r, points: cumulativePoints(res.faultBuckets, res.accessCount), total: res.totals.pfFixed }]
      : [];
  });
  const count = shown.results.buggy?.accessCount ?? 0;
  const w = W - M.left - M.right;
  const h = H - M.top - M.bottom;
  const s = cumulativeScales(count, Math.max(0, ...series.map((x) => x.total)), w, h);
  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${W} ${H}`}
      className="xp-svg"
      role="img"
      aria-label={`Cumulative pf_fixed against pages touched: ${series.map((x) => `${shown.names.labels[x.run]} ${x.total}`).join(', ')}`}
    >
      <g transform={`translate(${M.left},${M.top})`}>
        <LeftAxis scale={s.y} ticks={5} format={si} label="pf_fixed so far" height={h} gridWidth={w} />
        <BottomAxis
          scale={s.x}
          y={h}
          ticks={6}
          format={si}
          label={
            shown.built.label !== undefined
              ? 'faults of the trace replayed, in trace order'
              : 'pages touched (4 KiB each), in access order'
          }
          width={w}
        />
        {series.map((x) => (
          <path
            key={x.run}
            d={cumulativePath(x.points, s)}
            fill="none"
            stroke={RUN_STYLE[x.run].colour}
            strokeWidth={2.5}
            strokeDasharray={RUN_STYLE[x.run].dash || undefined}
          />
        ))}
        <g transform={`translate(${w + 14},4)`} fontSize={12} fill="currentColor">
          {series.map((x, i) => (
            <g key={x.run} transform={`translate(0,${i * 40})`}>
              <line
                x2={26}
                y1={6}
                y2={6}
                stroke={RUN_STYLE[x.run].colour}
                strokeWidth={2.5}
                strokeDasharray={RUN_STYLE[x.run].dash || undefined}
              />
              <text x={32} y={10}>
                {shown.names.labels[x.run]}
              </text>
              <text x={32} y={25} fontSize={11} opacity={0.8}>
                {format(',')(x.total)} faults
              </text>
            </g>
          ))}
        </g>
      </g>
    </svg>
  );
}
