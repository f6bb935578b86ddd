import { format } from 'd3-format';
import type { ScaleLinear } from 'd3-scale';
import type { RefObject } from 'react';
import { BATCH_SIZES, histogramLayout } from '../../viz/charts/histogram.ts';
import { RUN_STYLE } from '../../viz/charts/palette.ts';
import { LeftAxis } from './ChartAxes.tsx';
import type { ExperimentResults } from './useExperimentRun.ts';

const W = 640;
const H = 280;
const M = { top: 16, right: 170, bottom: 48, left: 72 };
const si = format('.3~s');

/** Batch calls (direct_pte_prefetch_many) by the number of entries they cover, per variant. */
export function BatchHistogram({
  shown,
  svgRef,
}: {
  shown: ExperimentResults;
  svgRef: RefObject<SVGSVGElement | null>;
}) {
  // TDP never prefetches, so it has no batches to show.
  const series = shown.runs.flatMap((r) => {
    const res = shown.results[r];
    return res && r !== 'tdp' ? [{ key: r, sizes: res.batchSizes }] : [];
  });
  const w = W - M.left - M.right;
  const h = H - M.top - M.bottom;
  const { x, y, bars } = histogramLayout(series, w, h);
  const total = (sizes: ArrayLike<number>) => BATCH_SIZES.reduce((a, k) => a + (sizes[k] ?? 0), 0);
  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${W} ${H}`}
      className="xp-svg"
      role="img"
      aria-label={`Histogram of batch sizes: ${series.map((x) => shown.names.labels[x.key]).join(', ')}`}
    >
      <g transform={`translate(${M.left},${M.top})`}>
        <LeftAxis
          scale={y as ScaleLinear<number, number>}
          ticks={5}
          format={si}
          label="batch calls"
          height={h}
          gridWidth={w}
        />
        <g transform={`translate(0,${h})`} fontSize={11} fill="currentColor">
          <line x2={w} stroke="currentColor" />
          {BATCH_SIZES.map((k) => (
            <text key={k} x={(x(k) ?? 0) + x.bandwidth() / 2} y={17} textAnchor="middle">
              {k}
            </text>
          ))}
          <text x={w / 2} y={36} textAnchor="middle" fontSize={12}>
            entries per batch (SPTEs prefetched by one call)
          </text>
        </g>
        {bars.map((b) => (
          <rect
            key={`${b.series}-${b.size}`}
            x={b.x}
            y={b.y}
            width={b.width}
            height={b.height}
            fill={RUN_STYLE[b.series as 'buggy' | 'fixed'].colour}
            fillOpacity={b.series === 'fixed' ? 0.85 : 1}
            stroke={b.series === 'fixed' ? '#1b1f24' : 'none'}
            strokeDasharray={b.series === 'fixed' ? '3 2' : undefined}
          >
            <title>{`${shown.names.labels[b.series as 'buggy' | 'fixed']}: ${format(',')(b.count)} batches of ${b.size}`}</title>
          </rect>
        ))}
        <g transform={`translate(${w + 14},4)`} fontSize={12} fill="currentColor">
          {series.map((s, i) => (
            <g key={s.key} transform={`translate(0,${i * 40})`}>
              <rect
                width={14}
                height={14}
                fill={RUN_STYLE[s.key as 'buggy' | 'fixed'].colour}
                stroke={s.key === 'fixed' ? '#1b1f24' : 'none'}
                strokeDasharray={s.key === 'fixed' ? '3 2' : undefined}
              />
              <text x={20} y={11}>
                {shown.names.labels[s.key as 'buggy' | 'fixed']}
              </text>
              <text x={20} y={26} fontSize={11} opacity={0.8}>
                {format(',')(total(s.sizes))} batches
              </text>
            </g>
          ))}
        </g>
      </g>
    </svg>
  );
}
