import { memo, useMemo } from 'react';
import type { CellState } from '../../viz/cellState.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { overviewSize } from '../../viz/layout.ts';
import { SlotRules, WindowOutline } from './OverviewMarks.tsx';
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
      <SlotRules host={host} />
      <WindowOutline windowFirst={windowFirst} />
    </svg>
  );
});
