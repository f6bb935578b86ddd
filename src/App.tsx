import { useEffect } from 'react';
import { Header } from './ui/app/Header.tsx';
import { LazyView } from './ui/app/LazyView.tsx';
import { prefetchOnIdle } from './ui/app/lazyPart.ts';
import { experimentPart, hostPart, pathsPart, PREFETCH } from './ui/app/parts.ts';
import { useAppView } from './ui/app/route.ts';
import { Visualizer } from './ui/app/Visualizer.tsx';

const loadingView = <p className="view-loading">Loading…</p>;

/**
 * The app's views. Only the stepping view's code comes with the first frame; the others, and the
 * dialogs and menus, are chunks of their own that idle time fetches after it (parts.ts). The host
 * page is opened rarely and on its own: it loads when it is.
 */
export function App() {
  const view = useAppView();
  useEffect(() => prefetchOnIdle(PREFETCH), []);
  return (
    <div className="app">
      <Header view={view} />
      {view === 'visualizer' && <Visualizer />}
      {view === 'experiment' && (
        <LazyView part={experimentPart} fallback={loadingView}>
          {(m) => <m.ExperimentView />}
        </LazyView>
      )}
      {view === 'paths' && (
        <LazyView part={pathsPart} fallback={loadingView}>
          {(m) => <m.PathsView />}
        </LazyView>
      )}
      {view === 'host' && (
        <LazyView part={hostPart} fallback={<main className="app-main">{loadingView}</main>}>
          {(m) => <m.HostView />}
        </LazyView>
      )}
    </div>
  );
}
