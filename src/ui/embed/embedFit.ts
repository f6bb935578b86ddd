/**
 * Embed mode lays out one canvas of a fixed design height and scales it to the iframe, so every
 * size from a 320×180 thumbnail to a 4K projector shows the same picture without scrollbars, and
 * sizes chosen at 1280×720 (text ≥ 18 px) grow with the frame. The design width follows the
 * frame's aspect ratio within bounds, so 4:3 and 21:9 frames are filled rather than letterboxed.
 */
export const DESIGN_HEIGHT = 720;
export const MIN_DESIGN_WIDTH = 900;
export const MAX_DESIGN_WIDTH = 2200;

/**
 * A frame taller than wide by this much is a phone held upright: the canvas is then laid out one
 * variant above the other, PORTRAIT_DESIGN_WIDTH wide and as tall as the frame's shape asks, so a
 * 390×844 phone shows it at 0.89×, not squeezed to a 0.43× copy of the slide layout.
 */
export const PORTRAIT_RATIO = 1.25;
export const PORTRAIT_DESIGN_WIDTH = 440;

export interface Fit {
  /** Design width of the canvas, in CSS px before scaling. */
  width: number;
  /** Design height of the canvas (DESIGN_HEIGHT, or taller for a portrait frame). */
  height: number;
  portrait: boolean;
  scale: number;
  /** Offsets that centre the scaled canvas. */
  x: number;
  y: number;
}

export function fitCanvas(frameWidth: number, frameHeight: number): Fit {
  const w = Math.max(1, frameWidth);
  const h = Math.max(1, frameHeight);
  if (h > w * PORTRAIT_RATIO) {
    const scale = w / PORTRAIT_DESIGN_WIDTH;
    return { width: PORTRAIT_DESIGN_WIDTH, height: h / scale, portrait: true, scale, x: 0, y: 0 };
  }
  const width = Math.round(Math.min(MAX_DESIGN_WIDTH, Math.max(MIN_DESIGN_WIDTH, (DESIGN_HEIGHT * w) / h)));
  const scale = Math.min(w / width, h / DESIGN_HEIGHT);
  return {
    width,
    height: DESIGN_HEIGHT,
    portrait: false,
    scale,
    x: (w - width * scale) / 2,
    y: (h - DESIGN_HEIGHT * scale) / 2,
  };
}
