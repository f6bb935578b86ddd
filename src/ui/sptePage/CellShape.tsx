import { stateFill } from '../../viz/cellState.ts';
import type { CellState } from '../../viz/cellState.ts';
import { HOST_DIRTY_LOG, HOST_NO_SLOT, HOST_NOT_RESIDENT, HOST_READONLY } from '../../viz/hostInfo.ts';
import type { PatternIds } from './PatternDefs.tsx';

export interface CellShapeProps {
  x: number;
  y: number;
  w: number;
  h: number;
  state: CellState;
  hostFlags: number;
  /** Large cells get glyphs ("P", bolt); small ones rely on borders and corner marks. */
  large: boolean;
  diff: boolean;
  ids: PatternIds;
}

const BOLT = 'M9.5 0 L1.5 9.5 H7 L5 16 L14.5 6 H9 Z';

/** The fill rectangle's geometry and paint for a state: colour plus its border cue. */
export function cellLook({ x, y, w, h, state, hostFlags, large, ids }: CellShapeProps) {
  const r = large ? 6 : 2;
  const flagged = (hostFlags & (HOST_READONLY | HOST_DIRTY_LOG)) !== 0;
  const empty = state === 'not-present';
  const fill = empty
    ? flagged
      ? `url(#${ids.stripe})`
      : 'var(--spte-empty-fill)'
    : state === 'huge'
      ? `url(#${ids.hatch})`
      : stateFill(state);
  const sw = large ? 2 : 1;
  let stroke = 'var(--spte-empty-stroke)';
  let strokeWidth = sw;
  let dash: string | undefined;
  if (state === 'faulting') {
    stroke = 'var(--fg)';
    strokeWidth = large ? 4 : 2;
  } else if (state === 'prefetched' || state === 'tracked') {
    stroke = 'var(--spte-on-light)';
    dash = large ? '3 4' : '1.4 1.4';
    strokeWidth = large ? 2.5 : 1.2;
  } else if (!empty) {
    stroke = 'none';
  }
  const inset = strokeWidth / 2;
  return {
    x: x + inset,
    y: y + inset,
    width: w - strokeWidth,
    height: h - strokeWidth,
    rx: r,
    style: { fill },
    stroke,
    strokeWidth,
    strokeDasharray: dash,
    // An access-tracked entry is paler: mapped, but not usable by the CPU until touched.
    opacity: hostFlags & HOST_NO_SLOT ? 0.4 : state === 'tracked' ? 0.55 : undefined,
  };
}

/** The highlight ring of an entry where buggy and fixed differ, drawn under the cell. */
export function DiffRing({ x, y, w, h, large }: Pick<CellShapeProps, 'x' | 'y' | 'w' | 'h' | 'large'>) {
  const r = large ? 6 : 2;
  return (
    <rect
      className="spte-diff-ring"
      x={x - (large ? 5 : 2)}
      y={y - (large ? 5 : 2)}
      width={w + (large ? 10 : 4)}
      height={h + (large ? 10 : 4)}
      rx={r + 2}
      fill="none"
      stroke="var(--spte-diff)"
      strokeWidth={large ? 3 : 1.6}
    />
  );
}

/** The marks drawn over a cell: hit corner, bolt and "P" glyphs (large only), non-resident circle. */
export function CellMarks({ x, y, w, h, state, hostFlags, large }: CellShapeProps) {
  const r = large ? 6 : 2;
  const empty = state === 'not-present';
  const corner = large ? 16 : 5;
  const dotR = large ? 6 : 2.6;
  const opacity = hostFlags & HOST_NO_SLOT ? 0.4 : undefined;
  return (
    <>
      {state === 'hit' && (
        <path
          d={`M${x + w - corner},${y} H${x + w - r} Q${x + w},${y} ${x + w},${y + r} V${y + corner} Z`}
          fill="var(--spte-prefetched)"
          stroke="var(--spte-on-dark)"
          strokeWidth={large ? 1.5 : 0.6}
          opacity={opacity}
        />
      )}
      {large && state === 'faulting' && (
        <path
          d={BOLT}
          transform={`translate(${x + w - 22},${y + 6})`}
          fill="var(--spte-on-light)"
          opacity={opacity}
        />
      )}
      {state === 'tracked' && (
        // The slash: present in the table, yet the CPU cannot use it (its first touch exits).
        <line
          x1={x + (large ? 4 : 1)}
          y1={y + h - (large ? 4 : 1)}
          x2={x + w - (large ? 4 : 1)}
          y2={y + (large ? 4 : 1)}
          stroke="var(--fg)"
          strokeWidth={large ? 2.5 : 1}
          strokeLinecap="round"
          opacity={opacity}
        />
      )}
      {large && state === 'tracked' && (
        <text
          x={x + w - 8}
          y={y + 20}
          textAnchor="end"
          className="spte-glyph-p"
          fill="var(--spte-on-light)"
          opacity={opacity}
        >
          AT
        </text>
      )}
      {large && state === 'prefetched' && (
        <text
          x={x + w - 7}
          y={y + 20}
          textAnchor="end"
          className="spte-glyph-p"
          fill="var(--spte-on-light)"
          opacity={opacity}
        >
          P
        </text>
      )}
      {hostFlags & HOST_NOT_RESIDENT ? (
        <circle
          cx={large ? x + 12 : x + w / 2}
          cy={large ? y + 12 : y + h / 2}
          r={dotR}
          fill="none"
          stroke={
            empty
              ? 'var(--fg)'
              : state === 'present' || state === 'hit'
                ? 'var(--spte-on-dark)'
                : 'var(--spte-on-light)'
          }
          strokeWidth={large ? 2 : 1}
          opacity={opacity}
        />
      ) : null}
    </>
  );
}

/**
 * One SPTE drawn with its colour and its second cue: outline only (not present), solid (present),
 * thick border and bolt (faulting), dotted border and "P" (prefetched), green corner (hit), pale
 * with a slash and "AT" (prefetched but access-tracked: nested EPT without A/D bits),
 * hatching (2 MiB). Host cues: a hollow circle (not resident), stripes (read-only or dirty-logged
 * slot, visible on empty cells), faded (no memslot).
 */
export function CellShape(props: CellShapeProps) {
  return (
    <g className="spte-cell-shape">
      {props.diff && <DiffRing {...props} />}
      <rect className="spte-cell-fill" {...cellLook(props)} />
      <CellMarks {...props} />
    </g>
  );
}
