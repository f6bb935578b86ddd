import { format } from 'd3-format';
import { useLayoutEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { OverviewShares } from '../../engine/tableOverview.ts';
import { OVERVIEW_RGB, RUN_STYLE, rgbHex } from '../../viz/charts/palette.ts';
import type { RunKind } from '../../worker/experimentProtocol.ts';
import type { ExperimentResults } from './useExperimentRun.ts';

const W = 720;
const LEFT = 64;
const pct = format('.1%');
const gibText = (v: number): string => (v >= 10 ? format(',.0f')(v) : format('.3~g')(v));

const LEGEND: ReadonlyArray<{ key: keyof typeof OVERVIEW_RGB; label: string }> = [
  { key: 'faulted', label: 'faulted' },
  { key: 'prefetched', label: 'prefetched' },
  { key: 'huge', label: '2 MiB mapping' },
  { key: 'untouched', label: 'not present' },
  { key: 'noRam', label: 'no RAM (hole)' },
];

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
 * colour the mix of its entries' states. Pixels come from the worker, go on a canvas and shown as an image in an SVG, so the
 * chart exports like the others and redraws only when results change.
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
  const H = 28 + panels.length * step + 30;
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
      <text x={LEFT} y={14} fontSize={11} fill="currentColor">
        {perCell}; rows run left to right from guest physical address 0
      </text>
      {panels.map((p, i) => (
        <g key={p.run} transform={`translate(0,${28 + i * step})`}>
          <text x={LEFT} y={10} fontSize={12} fontWeight={600} fill={RUN_STYLE[p.run].colour}>
            {RUN_STYLE[p.run].label}
          </text>
          <text x={LEFT + imgW} y={10} fontSize={11} textAnchor="end" fill="currentColor">
            faulted {pct(p.shares.faulted)} · prefetched {pct(p.shares.prefetched)}
            {p.shares.huge > 0 ? ` · 2 MiB ${pct(p.shares.huge)}` : ''} · not present{' '}
            {pct(p.shares.untouched)}
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
      <g transform={`translate(${LEFT},${H - 16})`} fontSize={11} fill="currentColor">
        {LEGEND.map((l, i) => (
          <g key={l.key} transform={`translate(${i * 118},0)`}>
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
      </g>
    </svg>
  );
}
