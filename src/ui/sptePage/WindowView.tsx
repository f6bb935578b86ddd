import { memo } from 'react';
import type { SyntheticEvent } from 'react';
import type { Step } from '../../engine/steps.ts';
import type { WalkView } from '../../engine/timeline.ts';
import type { CellState } from '../../viz/cellState.ts';
import { onFill, stateWord } from '../../viz/cellState.ts';
import { shortHex } from '../../viz/format.ts';
import { HOST_DIRTY_LOG, HOST_READONLY, hostWords } from '../../viz/hostInfo.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { slotBoundaries, WINDOW, windowCellX } from '../../viz/layout.ts';
import { entryAddress } from './addressWords.ts';
import type { Addressing } from './addressWords.ts';
import { CellShape } from './CellShape.tsx';
import { PatternDefs } from './PatternDefs.tsx';
import type { PatternIds } from './PatternDefs.tsx';
import { WindowMarkers } from './WindowMarkers.tsx';

export interface WindowViewProps {
  /** Index in the table of the window's first entry (a multiple of 8). */
  first: number;
  tableBase: number;
  states: readonly CellState[];
  host: TableHostInfo;
  walk: WalkView;
  step: Step | null;
  diffMask: Uint8Array | null;
  name: string;
  /** GFNs, or GVA pages under guest paging (the cells then show the GVA page; names add the GFN). */
  addressing: Addressing;
  ids: PatternIds;
  onEntryClick?: (index: number, gfn: number, ev: SyntheticEvent) => void;
}

const OFFSETS = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/** The current 8-entry window, drawn large: the star of the page. */
export function WindowView({
  first,
  tableBase,
  states,
  host,
  walk,
  step,
  diffMask,
  name,
  addressing,
  ids,
  onEntryClick,
}: WindowViewProps) {
  const firstGfn = tableBase + first;
  const cursor = walk.i;
  const rules = slotBoundaries(host.slotIds, first, 8);
  return (
    <svg
      className="spte-window"
      role="group"
      aria-label={name}
      viewBox={`0 0 ${WINDOW.width} ${WINDOW.height}`}
      preserveAspectRatio="xMidYMin meet"
    >
      <PatternDefs ids={ids} />
      {OFFSETS.map((k) => {
        const index = first + k;
        return (
          <WindowCell
            key={k}
            k={k}
            index={index}
            tableBase={tableBase}
            state={states[index] ?? 'not-present'}
            flags={host.flags[index] ?? 0}
            slotId={host.slotIds[index] ?? -1}
            nextSlotId={k < 7 ? (host.slotIds[index + 1] ?? -1) : null}
            visited={cursor === k}
            diff={diffMask?.[index] === 1}
            addressing={addressing}
            ids={ids}
            onEntryClick={onEntryClick}
          />
        );
      })}
      {rules.map((k) => (
        <line
          key={`rule-${k}`}
          className="spte-slot-rule"
          x1={windowCellX(k) - WINDOW.gap / 2}
          x2={windowCellX(k) - WINDOW.gap / 2}
          y1={WINDOW.cellY - 6}
          y2={WINDOW.stripY + WINDOW.stripH + 4}
        />
      ))}
      <WindowMarkers firstGfn={firstGfn} walk={walk} step={step} />
    </svg>
  );
}

interface WindowCellProps {
  k: number;
  index: number;
  tableBase: number;
  state: CellState;
  flags: number;
  slotId: number;
  /** The next cell's memslot id, null for the window's last cell. */
  nextSlotId: number | null;
  visited: boolean;
  diff: boolean;
  addressing: Addressing;
  ids: PatternIds;
  onEntryClick: WindowViewProps['onEntryClick'];
}

/** One large entry; memoised, as a step moves the cursor over two cells and changes few states. */
const WindowCell = memo(function WindowCell({
  k,
  index,
  tableBase,
  state,
  flags,
  slotId,
  nextSlotId,
  visited,
  diff,
  addressing,
  ids,
  onEntryClick,
}: WindowCellProps) {
  const gfn = tableBase + index;
  const gfnText = shortHex(gfn);
  const x = windowCellX(k);
  const ink = state === 'not-present' ? 'var(--fg)' : onFill(state);
  const label = [
    `Entry ${index}: ${stateWord(state)}`,
    entryAddress(addressing, tableBase, index),
    ...hostWords(flags),
  ].join(', ');
  return (
    <g
      role="img"
      aria-label={label}
      className={`spte-wcell${visited ? ' is-visited' : ''}${onEntryClick ? ' is-clickable' : ''}`}
      onClick={onEntryClick ? (ev) => onEntryClick(index, gfn, ev) : undefined}
    >
      <title>{label}</title>
      <CellShape
        x={x}
        y={WINDOW.cellY}
        w={WINDOW.cellW}
        h={WINDOW.cellH}
        state={state}
        hostFlags={flags}
        large
        diff={diff}
        ids={ids}
      />
      {/* The marks (bolt, "P", hit corner) sit in the top 22 units; the index and GFN below them. */}
      <text
        x={x + WINDOW.cellW / 2}
        y={WINDOW.cellY + 50}
        textAnchor="middle"
        className={`spte-wcell-index${index >= 100 ? ' is-long' : ''}`}
        fill={ink}
      >
        {index}
      </text>
      <text
        x={x + WINDOW.cellW / 2}
        y={WINDOW.cellY + 75}
        textAnchor="middle"
        className={`spte-wcell-gfn${gfnText.length > 4 ? ' is-long' : ''}`}
        fill={ink}
      >
        {gfnText}
      </text>
      <SlotStrip
        x={x}
        flags={flags}
        inSlot={slotId >= 0}
        joinNext={nextSlotId !== null && nextSlotId === slotId}
        ids={ids}
      />
    </g>
  );
});

/** The memslot strip under a cell: a bar while the GFN is in a slot, striped when the slot is flagged. */
function SlotStrip({
  x,
  flags,
  inSlot,
  joinNext,
  ids,
}: {
  x: number;
  flags: number;
  inSlot: boolean;
  joinNext: boolean;
  ids: PatternIds;
}) {
  if (!inSlot) return null;
  const striped = (flags & (HOST_READONLY | HOST_DIRTY_LOG)) !== 0;
  return (
    <rect
      x={x}
      y={WINDOW.stripY}
      width={WINDOW.cellW + (joinNext ? WINDOW.gap : 0)}
      height={WINDOW.stripH}
      fill={striped ? `url(#${ids.stripe})` : 'var(--spte-slot-bar)'}
      stroke={striped ? 'var(--spte-slot-bar)' : 'none'}
    />
  );
}
