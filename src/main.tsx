import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { DEFAULT_PRESET_ID } from './engine/presets.ts';
import { createAppStore } from './state/store.ts';
import { StoreContext } from './state/StoreContext.tsx';
import './ui/theme.css';
import './ui/app/app.css';
import { createWorkerEngine } from './worker/client.ts';

// One engine and one store for the page's lifetime, created outside React so StrictMode's double
// mount cannot start a second worker.
const engine = createWorkerEngine();
const store = createAppStore(engine);
void store.getState().loadPreset(DEFAULT_PRESET_ID);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StoreContext value={store}>
      <App />
    </StoreContext>
  </StrictMode>,
);
