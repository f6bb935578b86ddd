import { useEffect } from 'react';
import { useAppStoreApi } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';

/** Whether a key belongs to the focused control rather than to playback. */
export function keyBelongsToTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    // The timeline slider is playback itself, so playback keys keep their meaning on it; the
    // speed slider keeps its arrows.
    if (type === 'range') return target.getAttribute('aria-label') !== 'Timeline' && key.startsWith('Arrow');
    return true;
  }
  // Space and Enter press a focused button; grid cells have their own arrow navigation.
  if ((tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A') && (key === ' ' || key === 'Enter')) return true;
  if (
    target.closest('[role="grid"]') &&
    (key.startsWith('Arrow') || key === 'Home' || key === 'End' || key === ' ' || key === 'Enter')
  )
    return true;
  return false;
}

/** The playback action a key stands for, or null. */
export function keyAction(
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  s: AppState,
): (() => void) | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowRight':
      return e.shiftKey ? () => s.fault(1) : () => s.step(1);
    case 'ArrowLeft':
      return e.shiftKey ? () => s.fault(-1) : () => s.step(-1);
    // Presentation clickers send PageDown / PageUp for "next" / "previous".
    case 'PageDown':
      return () => s.step(1);
    case 'PageUp':
      return () => s.step(-1);
    case ' ':
      return s.togglePlay;
    case 'Home':
      return s.home;
    case 'End':
      return s.end;
    default:
      return null;
  }
}

/** ←/→ step, Shift+←/→ fault, Space play/pause, Home/End, PageDown/PageUp: anywhere on the page. */
export function useKeyboard(): void {
  const api = useAppStoreApi();
  useEffect(() => {
    // A live collection the DOM keeps up to date: a selector query here would walk the whole
    // page (two 512-cell grids, the code panel) on every key press.
    const dialogs = document.getElementsByTagName('dialog');
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || keyBelongsToTarget(e.target, e.key)) return;
      for (const d of dialogs) if (d.open) return;
      const act = keyAction(e, api.getState());
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}
