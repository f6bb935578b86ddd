import { useSyncExternalStore } from 'react';

/** Phones and narrow windows: below this width the panes stack (app.css uses the same number). */
export const NARROW_QUERY = '(max-width: 759px)';

const lists = new Map<string, MediaQueryList>();
function listFor(query: string): MediaQueryList | null {
  if (typeof matchMedia !== 'function') return null;
  let l = lists.get(query);
  if (!l) {
    l = matchMedia(query);
    lists.set(query, l);
  }
  return l;
}

/** Whether a media query matches, live. */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const l = listFor(query);
      l?.addEventListener('change', onChange);
      return () => l?.removeEventListener('change', onChange);
    },
    () => listFor(query)?.matches ?? false,
    () => false,
  );
}
