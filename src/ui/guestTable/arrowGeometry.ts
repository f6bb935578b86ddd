import { linkVertical } from 'd3-shape';
import type { GpteOutcome } from '../../engine/steps.ts';
import { WINDOW, windowCellCenter, windowCellX } from '../../viz/layout.ts';

/**
 * The guest window's geometry in SVG user units: the 8 guest PTEs on top, the 8 shadow entries
 * they fill below, arrows between. Columns use the shadow window's x positions (viz/layout.ts),
 * so with the same width the two drawings line up entry for entry.
 */
export interface GuestGeometry {
  width: number;
  cellW: number;
  pteY: number;
  pteH: number;
  targetY: number;
  targetH: number;
  height: number;
}

export const GUEST: GuestGeometry = {
  width: WINDOW.width,
  cellW: WINDOW.cellW,
  pteY: 22,
  pteH: 92,
  targetY: 176,
  targetH: 48,
  height: 244,
};

/**
 * The slide's version (embed mode): no row labels, larger type in the same columns (every text
 * ≥ 17 units, 18 px and more at 1280×720), and a line under the shadow entries for the reason a
 * prefetch failed.
 */
export const GUEST_LARGE: GuestGeometry = {
  width: WINDOW.width,
  cellW: WINDOW.cellW,
  pteY: 2,
  pteH: 90,
  targetY: 140,
  targetH: 46,
  height: 214,
};

export const guestCellX = windowCellX;

/** What an arrow means: the fault's own install, or one visit of FNAME(pte_prefetch)'s loop. */
export type ArrowKind = 'fault' | GpteOutcome;

export interface ArrowGeometry {
  /** SVG path from the guest PTE's bottom to where the arrow ends. */
  d: string;
  x: number;
  y0: number;
  /** Where the path ends: the shadow entry's top, or halfway for a failure (the SPTE stays empty). */
  y1: number;
  /** An arrowhead at the end (filled entries only). */
  head: string | null;
}

const link = linkVertical<{ source: [number, number]; target: [number, number] }, [number, number]>()
  .x((p) => p[0])
  .y((p) => p[1]);

/**
 * The arrow from guest PTE k (window offset 0..7) to shadow entry k. A failed visit stops halfway
 * (the SPTE is never written); skips end just above the entry without a head (nothing is written).
 */
export function arrowGeometry(k: number, kind: ArrowKind, g: GuestGeometry = GUEST): ArrowGeometry {
  const x = windowCellCenter(k);
  const y0 = g.pteY + g.pteH + 3;
  const top = g.targetY - 3;
  const y1 = kind === 'failed' ? (y0 + top) / 2 : top;
  const fills = kind === 'fault' || kind === 'prefetched';
  const d = link({ source: [x, y0], target: [x, fills ? y1 - 8 : y1] }) ?? '';
  const head = fills ? `M${x - 6},${y1 - 9}L${x},${y1}L${x + 6},${y1 - 9}Z` : null;
  return { d, x, y0, y1, head };
}
