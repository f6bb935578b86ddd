import { PTE_PREFETCH_NUM, SPTES_PER_TABLE } from '../engine/types.ts';

/**
 * Geometry in SVG user units. Both views scale with their container through viewBox, so these
 * numbers fix proportions, not pixels.
 *
 * The overview is 32 columns × 16 rows — four 8-entry windows per row — rather than 16 × 32: a
 * wide, short block sits under the large window in the same column width, so both variants, their
 * counters and the code fit one 1440×900 screen, and the overview stays context, not the star.
 */
const OVERVIEW_COLS = 32;
const WINDOWS_PER_ROW = OVERVIEW_COLS / PTE_PREFETCH_NUM;

export const OVERVIEW = {
  cols: OVERVIEW_COLS,
  rows: SPTES_PER_TABLE / OVERVIEW_COLS,
  cell: 12,
  pitch: 14,
  /** Extra space between the 8-entry windows of a row, so window edges read without labels. */
  windowGap: 8,
  pad: 4,
} as const;

export const overviewSize = {
  width:
    OVERVIEW.pad * 2 +
    OVERVIEW.cols * OVERVIEW.pitch +
    (WINDOWS_PER_ROW - 1) * OVERVIEW.windowGap -
    (OVERVIEW.pitch - OVERVIEW.cell),
  height: OVERVIEW.pad * 2 + OVERVIEW.rows * OVERVIEW.pitch - (OVERVIEW.pitch - OVERVIEW.cell),
};

export interface CellBox {
  x: number;
  y: number;
  row: number;
  col: number;
}

export function overviewCell(index: number): CellBox {
  const row = Math.floor(index / OVERVIEW.cols);
  const col = index % OVERVIEW.cols;
  const x = OVERVIEW.pad + col * OVERVIEW.pitch + Math.floor(col / PTE_PREFETCH_NUM) * OVERVIEW.windowGap;
  return { x, y: OVERVIEW.pad + row * OVERVIEW.pitch, row, col };
}

/** x of a vertical rule drawn just left of entry `index` (a memslot boundary), centred in the gap. */
export function overviewRuleX(index: number): number {
  const c = overviewCell(index);
  const windowStart = c.col > 0 && c.col % PTE_PREFETCH_NUM === 0;
  const gap = (windowStart ? OVERVIEW.windowGap : 0) + OVERVIEW.pitch - OVERVIEW.cell;
  return c.x - gap / 2;
}

/** Outline of the 8-entry window starting at entry `first` (a multiple of 8) in the overview. */
export function overviewWindowRect(first: number): { x: number; y: number; width: number; height: number } {
  const c = overviewCell(first);
  const span = (PTE_PREFETCH_NUM - 1) * OVERVIEW.pitch + OVERVIEW.cell;
  return { x: c.x - 2, y: c.y - 2, width: span + 4, height: OVERVIEW.cell + 4 };
}

/** The large window: rows from top to bottom are the i cursor, cells, slot strip, start marker, brackets. */
export const WINDOW = {
  width: 532,
  margin: 5,
  cellW: 60,
  cellH: 84,
  gap: 6,
  cursorY: 6,
  cellY: 40,
  stripY: 130,
  stripH: 8,
  startY: 142,
  bracketY: 184,
  height: 222,
} as const;

export function windowCellX(k: number): number {
  return WINDOW.margin + k * (WINDOW.cellW + WINDOW.gap);
}

export function windowCellCenter(k: number): number {
  return windowCellX(k) + WINDOW.cellW / 2;
}

export interface BracketGeometry {
  x0: number;
  x1: number;
  /** SVG path: a horizontal bar with end ticks pointing up at the entries. */
  path: string;
  labelX: number;
  labelY: number;
}

/**
 * A bracket under window entries [startK, endK) (window offsets, end exclusive), clamped to the
 * window so a run is always drawn inside it.
 */
export function bracketGeometry(startK: number, endK: number, tick = 10): BracketGeometry {
  const a = Math.max(0, Math.min(PTE_PREFETCH_NUM - 1, startK));
  const b = Math.max(a + 1, Math.min(PTE_PREFETCH_NUM, endK));
  const x0 = windowCellX(a) + 2;
  const x1 = windowCellX(b - 1) + WINDOW.cellW - 2;
  const y = WINDOW.bracketY;
  return {
    x0,
    x1,
    path: `M${x0},${y - tick}V${y}H${x1}V${y - tick}`,
    labelX: (x0 + x1) / 2,
    labelY: y + 26,
  };
}

/** Window offsets k (1..7) where a memslot boundary lies between entry k-1 and entry k. */
export function slotBoundaries(slotIds: ArrayLike<number>, from: number, count: number): number[] {
  const out: number[] = [];
  for (let k = 1; k < count; k++) {
    if (slotIds[from + k] !== slotIds[from + k - 1]) out.push(k);
  }
  return out;
}
