import { memo } from 'react';
import type { CellState } from '../../viz/cellState.ts';
import { OVERVIEW, overviewCell } from '../../viz/layout.ts';
import { CellShape } from './CellShape.tsx';
import type { PatternIds } from './PatternDefs.tsx';

export interface OverviewCellProps {
  index: number;
  state: CellState;
  hostFlags: number;
  diff: boolean;
  label: string;
  focusable: boolean;
  ids: PatternIds;
}

/** One gridcell of the overview; memoised so a step repaints only the entries that changed. */
export const OverviewCell = memo(function OverviewCell({
  index,
  state,
  hostFlags,
  diff,
  label,
  focusable,
  ids,
}: OverviewCellProps) {
  const { x, y } = overviewCell(index);
  return (
    <g
      role="gridcell"
      aria-label={label}
      tabIndex={focusable ? 0 : -1}
      data-index={index}
      className="spte-ocell"
    >
      <CellShape
        x={x}
        y={y}
        w={OVERVIEW.cell}
        h={OVERVIEW.cell}
        state={state}
        hostFlags={hostFlags}
        large={false}
        diff={diff}
        ids={ids}
      />
      <rect
        className="spte-focus-ring"
        x={x - 3}
        y={y - 3}
        width={OVERVIEW.cell + 6}
        height={OVERVIEW.cell + 6}
        rx={3}
      />
    </g>
  );
});
