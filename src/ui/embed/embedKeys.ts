import type { AppState } from '../../state/types.ts';
import { rangeBounds } from './hostMessages.ts';

export type KeyMove = 'next' | 'prev' | 'nextFault' | 'prevFault' | 'first' | 'last';

/**
 * What a key does in embed mode. Clickers send PageDown/PageUp (some → ← or Space), so all of
 * them step, as they move a deck; Space steps rather than plays for the same reason.
 */
export function embedKeyMove(
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): KeyMove | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return e.shiftKey ? 'nextFault' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
      return e.shiftKey ? 'prevFault' : 'prev';
    case 'PageDown':
      return 'next';
    case 'PageUp':
      return 'prev';
    case ' ':
      return e.shiftKey ? 'prev' : 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/** Whether the move would leave the widget's range: then the key belongs to the deck. */
export function movePassesToHost(move: KeyMove, s: Pick<AppState, 'axis' | 'range' | 'tick'>): boolean {
  if (!s.axis) return false;
  const { lo, hi } = rangeBounds(s);
  if (move === 'next' || move === 'nextFault') return s.tick >= hi;
  if (move === 'prev' || move === 'prevFault') return s.tick <= lo;
  return false;
}

/** Which way a passed-on key moves the deck. */
export function moveDirection(move: KeyMove): 'next' | 'prev' {
  return move === 'next' || move === 'nextFault' || move === 'last' ? 'next' : 'prev';
}
