import { memo } from 'react';
import type { CellState } from '../../viz/cellState.ts';
import { OVERVIEW, overviewCell } from '../../viz/layout.ts';
import { CellMarks, cellLook, DiffRing } from './CellShape.tsx';
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

/**
 * One gridcell of the overview; memoised so a step repaints only the entries that changed. The
 * cell's own rectangle is the gridcell, with the rare marks beside it: 1024 cells on the page,
 * and every element more per cell is walked by the browser's paint on each step.
 */
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
  const shape = { x, y, w: OVERVIEW.cell, h: OVERVIEW.cell, state, hostFlags, large: false, diff, ids };
  return (
    <>
      {diff && <DiffRing {...shape} />}
      <rect
        role="gridcell"
        aria-label={label}
        tabIndex={focusable ? 0 : -1}
        data-index={index}
        className="spte-ocell spte-cell-fill"
        {...cellLook(shape)}
      />
      <CellMarks {...shape} />
    </>
  );
});
