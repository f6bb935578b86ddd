import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createAppStore } from './state/store.ts';
import { StoreContext } from './state/StoreContext.tsx';
import { applyLocation, startUrlSync } from './state/urlSync.ts';
import { EmbedApp } from './ui/embed/EmbedApp.tsx';
import { isEmbedSearch, readEmbedOptions } from './ui/embed/embedOptions.ts';
import { startEmbed } from './ui/embed/startEmbed.ts';
import { silenceMotionEvents } from './ui/app/silenceMotionEvents.ts';
import './ui/theme.css';
import './ui/app/app.css';
import { createWorkerEngine } from './worker/client.ts';

// One engine and one store for the page's lifetime, created outside React so StrictMode's double
// mount cannot start a second worker.
const engine = createWorkerEngine();
const store = createAppStore(engine);
// The URL says what to show (a shared link, an embed's parameters); without one, the default preset.
const embed = isEmbedSearch(window.location.search) ? readEmbedOptions(window.location.search) : null;
if (embed) void startEmbed(store, embed.options, embed.problems);
else void applyLocation(store, window.location.href).then(() => startUrlSync(store));

silenceMotionEvents(window);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StoreContext value={store}>{embed ? <EmbedApp options={embed.options} /> : <App />}</StoreContext>
  </StrictMode>,
);
