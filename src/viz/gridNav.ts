import { OVERVIEW } from './layout.ts';
import { SPTES_PER_TABLE } from '../engine/types.ts';

/**
 * Roving-tabindex movement in the overview grid (OVERVIEW.cols wide) (WAI-ARIA grid pattern). Returns the new
 * focused entry, or null when the key is not a navigation key.
 */
export function moveInGrid(index: number, key: string, ctrl = false): number | null {
  const cols = OVERVIEW.cols;
  const last = SPTES_PER_TABLE - 1;
  const row = Math.floor(index / cols);
  switch (key) {
    case 'ArrowRight':
      return Math.min(last, index + 1);
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowDown':
      return index + cols <= last ? index + cols : index;
    case 'ArrowUp':
      return index - cols >= 0 ? index - cols : index;
    case 'Home':
      return ctrl ? 0 : row * cols;
    case 'End':
      return ctrl ? last : row * cols + cols - 1;
    case 'PageDown':
      return Math.min(last, index + cols * 4);
    case 'PageUp':
      return Math.max(0, index - cols * 4);
    default:
      return null;
  }
}
