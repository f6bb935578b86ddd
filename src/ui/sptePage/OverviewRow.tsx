import { memo } from 'react';
import type { CellState } from '../../viz/cellState.ts';
import { hostWords } from '../../viz/hostInfo.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { OVERVIEW } from '../../viz/layout.ts';
import { overviewEntryLabel } from './addressWords.ts';
import type { Addressing } from './addressWords.ts';
import { OverviewCell } from './OverviewCell.tsx';
import type { PatternIds } from './PatternDefs.tsx';

export interface OverviewRowProps {
  row: number;
  tableBase: number;
  states: readonly CellState[];
  host: TableHostInfo;
  diffMask: Uint8Array | null;
  focused: number;
  addressing: Addressing;
  ids: PatternIds;
}

const COLS = Array.from({ length: OVERVIEW.cols }, (_, c) => c);

/**
 * Whether a row would draw the same: its own entries' states and diff marks, whether it holds
 * the focusable entry, and the shared inputs by identity. A step changes a handful of entries,
 * so most of the 32 rows skip rendering and React never visits their 16 cells.
 */
function sameRow(a: OverviewRowProps, b: OverviewRowProps): boolean {
  if (
    a.row !== b.row ||
    a.tableBase !== b.tableBase ||
    a.host !== b.host ||
    a.addressing !== b.addressing ||
    a.ids !== b.ids
  )
    return false;
  const from = a.row * OVERVIEW.cols;
  const to = from + OVERVIEW.cols;
  const focusA = a.focused >= from && a.focused < to ? a.focused : -1;
  const focusB = b.focused >= from && b.focused < to ? b.focused : -1;
  if (focusA !== focusB) return false;
  for (let i = from; i < to; i++) {
    if (a.states[i] !== b.states[i]) return false;
    if ((a.diffMask?.[i] === 1) !== (b.diffMask?.[i] === 1)) return false;
  }
  return true;
}

/** One row of the overview grid: four windows of eight entries. */
export const OverviewRow = memo(function OverviewRow({
  row,
  tableBase,
  states,
  host,
  diffMask,
  focused,
  addressing,
  ids,
}: OverviewRowProps) {
  return (
    <g role="row" aria-rowindex={row + 1}>
      {COLS.map((c) => {
        const index = row * OVERVIEW.cols + c;
        const state = states[index] ?? 'not-present';
        const flags = host.flags[index] ?? 0;
        return (
          <OverviewCell
            key={index}
            index={index}
            state={state}
            hostFlags={flags}
            diff={diffMask?.[index] === 1}
            label={overviewEntryLabel(addressing, index, state, tableBase, hostWords(flags))}
            focusable={index === focused}
            ids={ids}
          />
        );
      })}
    </g>
  );
}, sameRow);
