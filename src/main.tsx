import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from './state/store.ts';
import { StoreContext } from './state/StoreContext.tsx';
import { applyLocation, startUrlSync } from './state/urlSync.ts';
import { isEmbedSearch } from './ui/embed/embedOptions.ts';
import { silenceMotionEvents } from './ui/app/silenceMotionEvents.ts';
import './ui/contrast/contrast.ts';
import './ui/contrast/theme.ts';
import './ui/theme.css';
import './ui/app/app.css';
import { createWorkerEngine } from './worker/client.ts';

// One engine and one store for the page's lifetime, created outside React so StrictMode's double
// mount cannot start a second worker. The worker starts loading now, beside the view's code.
const engine = createWorkerEngine();
const store = createAppStore(engine);

silenceMotionEvents(window);

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root missing from index.html');
const root = createRoot(rootEl);
const render = (tree: ReactNode) =>
  root.render(
    <StrictMode>
      <StoreContext value={store}>{tree}</StoreContext>
    </StrictMode>,
  );

// The full app and embed mode are chunks of their own: a slide's widget never loads the app's
// header, editor and views, and the app never loads the embed's shell.
if (isEmbedSearch(window.location.search)) {
  void import('./ui/embed/embedMain.tsx').then((m) => render(m.startEmbedMode(store)));
} else {
  // The URL says what to show (a shared link); without one, the default entry (see applyLocation).
  void applyLocation(store, window.location.href, { defaultEntry: true }).then(() => startUrlSync(store));
  void import('./App.tsx').then(({ App }) => render(<App />));
}
