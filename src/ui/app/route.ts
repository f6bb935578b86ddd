import { useSyncExternalStore } from 'react';
import { HOST_KEYS } from '../../engine/hostInput.ts';

/** The app's top-level views, each reachable by a tab and by URL (`?view=…`). */
export type AppView = 'visualizer' | 'experiment' | 'paths' | 'host';

export const VIEWS: ReadonlyArray<{ id: AppView; label: string }> = [
  { id: 'visualizer', label: 'Step through' },
  { id: 'experiment', label: 'Experiment' },
  { id: 'paths', label: 'All MMU paths' },
  { id: 'host', label: 'Is my host affected?' },
];

const NAV_EVENT = 'spte-viz:navigate';

export function viewFromSearch(search: string): AppView {
  const v = new URLSearchParams(search).get('view');
  return VIEWS.some((x) => x.id === v) ? (v as AppView) : 'visualizer';
}

/**
 * The URL of `view`, keeping every other query parameter and the hash (share state lives there),
 * except the host page's question (`kernel=…&ept=…`), which belongs to that page alone.
 */
export function urlForView(view: AppView, href: string): string {
  const url = new URL(href);
  if (view !== 'host') for (const k of HOST_KEYS) url.searchParams.delete(k);
  if (view === 'visualizer') url.searchParams.delete('view');
  else url.searchParams.set('view', view);
  return url.toString();
}

export function navigate(view: AppView): void {
  const next = urlForView(view, window.location.href);
  if (next !== window.location.href) window.history.pushState(null, '', next);
  window.dispatchEvent(new Event(NAV_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAV_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAV_EVENT, onChange);
  };
}

export function useAppView(): AppView {
  return useSyncExternalStore(
    subscribe,
    () => viewFromSearch(window.location.search),
    () => 'visualizer',
  );
}
