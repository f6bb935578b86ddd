import { memo, useMemo } from 'react';
import { SPTES_PER_TABLE } from '../../engine/types.ts';
import type { CellState } from '../../viz/cellState.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { OVERVIEW, overviewCell, overviewRuleX, overviewSize, overviewWindowRect } from '../../viz/layout.ts';
import { overviewPicture } from './overviewPicture.ts';
import { overviewSummary } from './overviewSummary.ts';
import { PatternDefs } from './PatternDefs.tsx';
import type { PatternIds } from './PatternDefs.tsx';

export interface OverviewPictureProps {
  name: string;
  /** The page's addresses in words ("GFN 0x0–0x1ff"), for the summary. */
  addresses: string;
  states: readonly CellState[];
  host: TableHostInfo;
  windowFirst: number;
  diffMask: Uint8Array | null;
  ids: PatternIds;
}

/**
 * The 512-entry overview as a picture: the same drawing as Overview's grid, in about ten paths
 * (overviewPicture.ts), named by a summary of every state's entries (overviewSummary.ts). For
 * embeds, where the overview is context that nobody clicks or walks with arrow keys: a deck of six
 * widgets drew 11 grids of 512 focusable, named cells, and building them was most of its load.
 * `data-entries` says how many entries the picture holds, for tests and the deck benchmark.
 */
export const OverviewPicture = memo(function OverviewPicture({
  name,
  addresses,
  states,
  host,
  windowFirst,
  diffMask,
  ids,
}: OverviewPictureProps) {
  const paths = useMemo(() => overviewPicture(states, host, diffMask, ids), [states, host, diffMask, ids]);
  const summary = overviewSummary(name, addresses, states, host, diffMask);
  const win = overviewWindowRect(windowFirst);
  const rules: number[] = [];
  for (let k = 1; k < SPTES_PER_TABLE; k++) if (host.slotIds[k] !== host.slotIds[k - 1]) rules.push(k);
  return (
    <svg
      className="spte-overview is-picture"
      role="img"
      aria-label={summary}
      data-entries={states.length}
      viewBox={`0 0 ${overviewSize.width} ${overviewSize.height}`}
    >
      <PatternDefs ids={ids} />
      {paths.map((p) => (
        <path
          key={p.key}
          className={p.className}
          d={p.d}
          style={{ fill: p.fill }}
          stroke={p.stroke}
          strokeWidth={p.strokeWidth}
          strokeDasharray={p.strokeDasharray}
          strokeLinecap={p.strokeLinecap}
          opacity={p.opacity}
        />
      ))}
      {rules.map((k) => {
        const c = overviewCell(k);
        const x = overviewRuleX(k);
        return (
          <line
            key={k}
            className="spte-slot-rule is-small"
            x1={x}
            x2={x}
            y1={c.y - 2}
            y2={c.y + OVERVIEW.cell + 2}
          />
        );
      })}
      <rect
        className="spte-window-outline"
        x={0}
        y={0}
        width={win.width}
        height={win.height}
        rx={3}
        style={{ transform: `translate(${win.x}px, ${win.y}px)` }}
      />
    </svg>
  );
});
