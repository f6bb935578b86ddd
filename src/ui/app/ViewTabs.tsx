import type { MouseEvent } from 'react';
import { navigate, urlForView, useAppView, VIEWS } from './route.ts';
import type { AppView } from './route.ts';

/** Top-level navigation: real links (open in a new tab works), client-side on a plain click. */
export function ViewTabs() {
  const current = useAppView();
  const onClick = (view: AppView) => (ev: MouseEvent<HTMLAnchorElement>) => {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    navigate(view);
  };
  return (
    <nav className="view-tabs" aria-label="Views">
      {VIEWS.map((v) => (
        <a
          key={v.id}
          href={urlForView(v.id, window.location.href)}
          aria-current={v.id === current ? 'page' : undefined}
          className={v.id === current ? 'view-tab view-tab-current' : 'view-tab'}
          onClick={onClick(v.id)}
        >
          {v.label}
        </a>
      ))}
    </nav>
  );
}
