import { useEffect, useRef } from 'react';
import type { KeyboardEvent, MouseEvent, SyntheticEvent } from 'react';
import type { CellState } from '../../viz/cellState.ts';
import { moveInGrid } from '../../viz/gridNav.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { OVERVIEW, overviewCell, overviewSize } from '../../viz/layout.ts';
import type { Addressing } from './addressWords.ts';
import { SlotRules, WindowOutline } from './OverviewMarks.tsx';
import { OverviewRow } from './OverviewRow.tsx';
import { PatternDefs } from './PatternDefs.tsx';
import type { PatternIds } from './PatternDefs.tsx';

export interface OverviewProps {
  name: string;
  tableBase: number;
  states: readonly CellState[];
  host: TableHostInfo;
  /** Index of the current window's first entry. */
  windowFirst: number;
  diffMask: Uint8Array | null;
  focused: number;
  onFocusedChange: (index: number) => void;
  addressing: Addressing;
  ids: PatternIds;
  onEntryClick?: (index: number, gfn: number, ev: SyntheticEvent) => void;
}

const ROWS = Array.from({ length: OVERVIEW.rows }, (_, r) => r);

/**
 * All 512 entries as an ARIA grid (32 × 16, four windows per row) with a roving tabindex: one
 * entry is in the tab order, arrows move it, Enter or Space activates it.
 */
export function Overview(props: OverviewProps) {
  const {
    name,
    tableBase,
    states,
    host,
    windowFirst,
    diffMask,
    focused,
    onFocusedChange,
    addressing,
    ids,
    onEntryClick,
  } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    // Move DOM focus only after a keyboard move inside the grid, never on a playback step.
    if (!moved.current) return;
    moved.current = false;
    svgRef.current?.querySelector<SVGGElement>(`[data-index="${focused}"]`)?.focus();
  }, [focused]);

  const indexOf = (ev: SyntheticEvent): number | null => {
    const el = (ev.target as Element).closest('[data-index]');
    return el ? Number(el.getAttribute('data-index')) : null;
  };
  const onKeyDown = (ev: KeyboardEvent<SVGSVGElement>) => {
    const from = indexOf(ev) ?? focused;
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      onEntryClick?.(from, tableBase + from, ev);
      return;
    }
    const next = moveInGrid(from, ev.key, ev.ctrlKey || ev.metaKey);
    if (next === null) return;
    ev.preventDefault();
    ev.stopPropagation();
    moved.current = true;
    onFocusedChange(next);
  };
  const onClick = (ev: MouseEvent<SVGSVGElement>) => {
    const index = indexOf(ev);
    if (index === null) return;
    onFocusedChange(index);
    onEntryClick?.(index, tableBase + index, ev);
  };

  return (
    <svg
      ref={svgRef}
      className={`spte-overview${onEntryClick ? ' is-clickable' : ''}`}
      role="grid"
      aria-label={name}
      aria-rowcount={OVERVIEW.rows}
      aria-colcount={OVERVIEW.cols}
      viewBox={`0 0 ${overviewSize.width} ${overviewSize.height}`}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <PatternDefs ids={ids} />
      {ROWS.map((r) => (
        <OverviewRow
          key={r}
          row={r}
          tableBase={tableBase}
          states={states}
          host={host}
          diffMask={diffMask}
          focused={focused}
          addressing={addressing}
          ids={ids}
        />
      ))}
      <SlotRules host={host} />
      <FocusRing index={focused} />
      <WindowOutline windowFirst={windowFirst} />
    </svg>
  );
}

/**
 * The keyboard focus mark, one per grid (CSS shows it while a cell has :focus-visible) rather
 * than one hidden ring in each of the 512 cells.
 */
function FocusRing({ index }: { index: number }) {
  const { x, y } = overviewCell(index);
  return (
    <rect
      className="spte-focus-ring"
      x={x - 3}
      y={y - 3}
      width={OVERVIEW.cell + 6}
      height={OVERVIEW.cell + 6}
      rx={3}
      aria-hidden="true"
    />
  );
}
