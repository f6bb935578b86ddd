import { format } from 'd3-format';
import { useLayoutEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { FAULT_SHARE_RAMP } from '../../engine/tableOverview.ts';
import type { OverviewShares } from '../../engine/tableOverview.ts';
import { OVERVIEW_RGB, RUN_STYLE, rgbHex } from '../../viz/charts/palette.ts';
import type { RunKind } from '../../worker/experimentProtocol.ts';
import type { ExperimentResults } from './useExperimentRun.ts';

const W = 720;
const LEFT = 64;
const count = format(',');
const gibText = (v: number): string => (v >= 10 ? format(',.0f')(v) : format('.3~g')(v));

/**
 * A share as text that never rounds a real count away: "0%" only for none, "<0.01%" for a few
 * entries of a large guest, two significant digits below 1%, one decimal above.
 */
export function shareText(x: number): string {
  if (x <= 0) return '0%';
  if (x >= 1) return '100%';
  if (x < 0.0001) return '<0.01%';
  if (x > 0.9999) return '>99.99%';
  if (x < 0.01) return format('.2r')(x * 100) + '%';
  if (x > 0.99) return format('.2f')(x * 100) + '%';
  return format('.1%')(x);
}

const SWATCHES: ReadonlyArray<{ key: keyof typeof OVERVIEW_RGB; label: string }> = [
  { key: 'huge', label: '2 MiB mapping' },
  { key: 'untouched', label: 'not present' },
  { key: 'noRam', label: 'no RAM (hole)' },
];
const RAMP_ID = 'xp-fault-share-ramp';
const RAMP_W = 150;

interface Panel {
  run: RunKind;
  rgba: Uint8ClampedArray;
  shares: OverviewShares;
}

/**
 * One panel's pixels: a canvas of one pixel per cell, scaled up (pixelated) inside the SVG. The
 * worker computed the pixels; here they are only put up (a copy of at most ~250 KB). No PNG is
 * encoded unless the chart is exported (chartExport.ts swaps the canvas for an <image> then).
 */
function OverviewCanvas(props: { rgba: Uint8ClampedArray; cols: number; rows: number }) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const { rgba, cols, rows } = props;
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, cols, rows), 0, 0);
  }, [rgba, cols, rows]);
  return (
    <canvas
      ref={ref}
      width={cols}
      height={rows}
      data-export-image=""
      style={{ width: '100%', height: '100%', display: 'block', imageRendering: 'pixelated' }}
    />
  );
}

/**
 * Every page table of the guest, down-sampled: each cell is one table (or several at 1 TiB), its
 * colour the share of its touched entries that faulted (a ramp, see FAULT_SHARE_RAMP). Pixels come
 * from the worker, go on a canvas shown as an image in an SVG, so the chart exports like the
 * others and redraws only when results change. The counts beside each strip are exact.
 */
export function TableOverview({
  shown,
  svgRef,
}: {
  shown: ExperimentResults;
  svgRef: RefObject<SVGSVGElement | null>;
}) {
  const layout = shown.overview;
  const panels = shown.runs.flatMap((run): Panel[] => {
    const r = shown.results[run];
    return r ? [{ run, rgba: r.overviewRgba, shares: r.overviewShares }] : [];
  });
  const panelH = layout.rows * layout.cellPx;
  const imgW = layout.cols * layout.cellPx;
  const rowGiB = (layout.cols * layout.tablesPerCell * 512) / 262144;
  const labelRows = [0, Math.floor(layout.rows / 2), layout.rows - 1].filter((r, i, a) => a.indexOf(r) === i);
  const step = panelH + 46;
  const H = 28 + panels.length * step + 52;
  const perCell =
    layout.tablesPerCell === 1
      ? `one page table (512 SPTEs, 2 MiB of guest memory) per ${layout.cellPx} px cell`
      : `each pixel ${format(',')(layout.tablesPerCell)} page tables (${format(',')(layout.tablesPerCell * 2)} MiB)`;
  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${W} ${H}`}
      className="xp-svg"
      role="img"
      aria-label="Overview of every page table per variant"
    >
      <defs>
        <linearGradient id={RAMP_ID}>
          {FAULT_SHARE_RAMP.map((c, i) => (
            <stop key={i} offset={i / (FAULT_SHARE_RAMP.length - 1)} stopColor={rgbHex(c)} />
          ))}
        </linearGradient>
      </defs>
      <text x={LEFT} y={14} fontSize={11} fill="currentColor">
        {perCell}; rows run left to right from guest physical address 0
      </text>
      {panels.map((p, i) => (
        <g key={p.run} transform={`translate(0,${28 + i * step})`}>
          <text x={LEFT} y={10} fontSize={12} fontWeight={600} fill={RUN_STYLE[p.run].colour}>
            {shown.names.labels[p.run]}
          </text>
          <text x={LEFT + imgW} y={10} fontSize={11} textAnchor="end" fill="currentColor">
            faulted {count(p.shares.counts.faulted)} ({shareText(p.shares.faulted)}) · prefetched{' '}
            {count(p.shares.counts.prefetched)} ({shareText(p.shares.prefetched)})
            {p.shares.huge > 0 ? ` · 2 MiB ${shareText(p.shares.huge)}` : ''} · not present{' '}
            {shareText(p.shares.untouched)}
          </text>
          <foreignObject x={LEFT} y={16} width={imgW} height={panelH}>
            <OverviewCanvas rgba={p.rgba} cols={layout.cols} rows={layout.rows} />
          </foreignObject>
          <rect x={LEFT} y={16} width={imgW} height={panelH} fill="none" stroke="#9aa3ae" />
          {labelRows.map((r) => (
            <text
              key={r}
              x={LEFT - 6}
              y={16 + r * layout.cellPx + layout.cellPx / 2}
              dy="0.32em"
              fontSize={10}
              textAnchor="end"
              fill="currentColor"
            >
              {gibText(r * rowGiB)} GiB
            </text>
          ))}
        </g>
      ))}
      <g transform={`translate(${LEFT},${H - 40})`} fontSize={11} fill="currentColor">
        <text y={-4}>colour: the share of a cell&apos;s touched entries that faulted</text>
        <text x={158} y={10} textAnchor="end">
          0% (all prefetched)
        </text>
        <rect
          x={164}
          y={0}
          width={RAMP_W}
          height={12}
          fill={`url(#${RAMP_ID})`}
          stroke="#6b737d"
          strokeWidth={0.5}
        />
        <text x={164 + RAMP_W + 6} y={10}>
          100% (all faulted)
        </text>
        {SWATCHES.map((l, i) => (
          <g key={l.key} transform={`translate(${i * 118},32)`}>
            <rect
              width={12}
              height={12}
              y={-10}
              fill={rgbHex(OVERVIEW_RGB[l.key])}
              stroke="#6b737d"
              strokeWidth={0.5}
            />
            <text x={17}>{l.label}</text>
          </g>
        ))}
        <text x={3 * 118} y={32}>
          (a cell touched at all shows ≥ 60% of its colour)
        </text>
      </g>
    </svg>
  );
}
