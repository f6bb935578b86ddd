import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { copyReveal } from './scripts/copy-reveal.mjs';

// The example deck (public/examples/) loads reveal.js from vendor/: copy it from node_modules
// before anything serves or builds public/, however the build was started.
const revealVendor = (): Plugin => ({
  name: 'spte-viz:reveal-vendor',
  buildStart() {
    copyReveal();
  },
  configureServer() {
    copyReveal();
  },
});

/*
 * The page's entry decides between the app and embed mode, then imports that view's chunk: a
 * second round trip after the entry has run. This inline script, in the built index.html, starts
 * fetching the chunk the URL will want (modulepreload) beside the entry instead. A build without
 * those chunks (the one-file build inlines them) gets nothing.
 */
const preloadView = (): Plugin => ({
  name: 'spte-viz:preload-view',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, ctx) {
      const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
      const files = (suffix: string): string[] | null => {
        const c = chunks.find((x) => x.type === 'chunk' && x.facadeModuleId?.endsWith(suffix));
        return c && c.type === 'chunk' ? [c.fileName, ...c.imports] : null;
      };
      const entry = chunks.find((c) => c.type === 'chunk' && c.isEntry);
      const loaded = new Set(entry && entry.type === 'chunk' ? [entry.fileName, ...entry.imports] : []);
      const app = files('/src/App.tsx')?.filter((f) => !loaded.has(f));
      const embed = files('/src/ui/embed/embedMain.tsx')?.filter((f) => !loaded.has(f));
      if (!app || !embed) return html;
      const script =
        `<script>(function(){var f=new URLSearchParams(location.search).has('embed')?${JSON.stringify(embed)}:${JSON.stringify(app)};` +
        `f.forEach(function(h){var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href='./'+h;document.head.appendChild(l);});})();</script>`;
      return html.replace('<script type="module"', `${script}\n    <script type="module"`);
    },
  },
});

/*
 * The first frame's own code, app and embed alike, in one chunk: left to the bundler it came as a
 * dozen small common chunks, and each gzips on its own (a few KiB lost to their headers and cold
 * dictionaries). Only modules every first frame loads belong here: a module listed that only a
 * lazy view uses would be pulled into the first load.
 */
const FIRST_FRAME =
  /[\\/]src[\\/](state[\\/]|viz[\\/](cellState|format|hostInfo|layout|gridNav|tween)\.ts|ui[\\/](sptePage|narration|counters|codePanel|share|contrast|presets)[\\/]|ui[\\/]app[\\/](LazyView\.tsx|lazyPart\.ts|parts\.ts|narrationText\.ts|views\.tsx|ProblemText\.tsx|route\.ts|SelectField\.tsx)|ui[\\/]legend[\\/]Legend\.tsx|engine[\\/](presets|scenario|scenarioFormat|formatCheck|kernelVersion|sourceListing)\.ts|engine[\\/]shadow[\\/]guestTables\.ts)/;

// A relative base lets the built app be served from any sub-path of a static host.
export default defineConfig({
  base: './',
  plugins: [react(), revealVendor(), preloadView()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // One chunk, not two: six widgets of a deck load at once, and each request waits its
          // turn for one of the browser's six connections to the host.
          groups: [
            {
              name: 'first',
              test: (id: string) =>
                /[\\/]node_modules[\\/](react|react-dom|scheduler|zustand)[\\/]/.test(id) ||
                FIRST_FRAME.test(id),
            },
          ],
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
