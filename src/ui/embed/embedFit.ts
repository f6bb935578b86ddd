/**
 * Embed mode lays out one canvas of a fixed design height and scales it to the iframe, so every
 * size from a 320×180 thumbnail to a 4K projector shows the same picture without scrollbars, and
 * sizes chosen at 1280×720 (text ≥ 18 px) grow with the frame. The design width follows the
 * frame's aspect ratio within bounds, so 4:3 and 21:9 frames are filled rather than letterboxed.
 */
export const DESIGN_HEIGHT = 720;
export const MIN_DESIGN_WIDTH = 900;
export const MAX_DESIGN_WIDTH = 2200;

export interface Fit {
  /** Design width of the canvas, in CSS px before scaling. */
  width: number;
  scale: number;
  /** Offsets that centre the scaled canvas. */
  x: number;
  y: number;
}

export function fitCanvas(frameWidth: number, frameHeight: number): Fit {
  const w = Math.max(1, frameWidth);
  const h = Math.max(1, frameHeight);
  const width = Math.round(Math.min(MAX_DESIGN_WIDTH, Math.max(MIN_DESIGN_WIDTH, (DESIGN_HEIGHT * w) / h)));
  const scale = Math.min(w / width, h / DESIGN_HEIGHT);
  return { width, scale, x: (w - width * scale) / 2, y: (h - DESIGN_HEIGHT * scale) / 2 };
}
