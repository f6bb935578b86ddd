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
 * fetching what the URL will want beside the entry instead: the view's chunk and its imports
 * (modulepreload), and its stylesheet (preload; Vite's loader adds it when the view is imported,
 * after the entry's, as before). Without the stylesheet here, every widget of a deck waited for
 * its entry to run before asking for it. A build without those chunks (the one-file build inlines
 * them) gets nothing.
 */
const preloadView = (): Plugin => ({
  name: 'spte-viz:preload-view',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, ctx) {
      const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const entry = chunks.find((c) => c.isEntry);
      const loaded = new Set(
        entry ? [entry.fileName, ...entry.imports, ...(entry.viteMetadata?.importedCss ?? [])] : [],
      );
      const files = (suffix: string): { js: string[]; css: string[] } | null => {
        const c = chunks.find((x) => x.facadeModuleId?.endsWith(suffix));
        if (!c) return null;
        const js = [c.fileName, ...c.imports].filter((f) => !loaded.has(f));
        const css = js.flatMap((f) => [
          ...(chunks.find((x) => x.fileName === f)?.viteMetadata?.importedCss ?? []),
        ]);
        return { js, css: css.filter((f) => !loaded.has(f)) };
      };
      const app = files('/src/App.tsx');
      const embed = files('/src/ui/embed/embedMain.tsx');
      if (!app || !embed) return html;
      const script =
        `<script>(function(){var f=new URLSearchParams(location.search).has('embed')?${JSON.stringify(embed)}:${JSON.stringify(app)};` +
        `function add(h,rel,as){var l=document.createElement('link');l.rel=rel;l.crossOrigin='';l.href='./'+h;if(as)l.as=as;document.head.appendChild(l);}` +
        `f.js.forEach(function(h){add(h,'modulepreload');});f.css.forEach(function(h){add(h,'preload','style');});})();</script>`;
      return html.replace('<script type="module"', `${script}\n    <script type="module"`);
    },
  },
});

/*
 * `npm start` (vite preview) serves every file with `Cache-Control: no-cache`. The built assets are
 * named by their content's hash, so they can be cached for good, as static hosts usually do: a
 * deck of six widgets then downloads each script once and its other five widgets read it from the
 * browser's cache, where each asked the server again. index.html stays no-cache.
 */
const HASHED_ASSET = /\/assets\/[^/?]+-[\w-]{8}\.(?:js|css)(?:\?|$)/;
const cacheHashedAssets = (): Plugin => ({
  name: 'spte-viz:cache-hashed-assets',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      // Set before Vite's file server, which keeps a Cache-Control it finds on the response.
      if (HASHED_ASSET.test(req.url ?? ''))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      next();
    });
  },
});

/*
 * The first frame's own code, app and embed alike, in one chunk: left to the bundler it came as a
 * dozen small common chunks, and each gzips on its own (a few KiB lost to their headers and cold
 * dictionaries). Only modules every first frame loads belong here: a module listed that only a
 * lazy view uses would be pulled into the first load. The embed's picture of the overview stays in
 * the embed's chunk: the app's first frame draws the grid.
 */
const FIRST_FRAME =
  /[\\/]src[\\/](state[\\/]|viz[\\/](cellState|format|hostInfo|layout|gridNav|tween)\.ts|ui[\\/]sptePage[\\/](?![Oo]verview(?:Picture|Summary)\.)|ui[\\/](narration|counters|codePanel|share|contrast|presets)[\\/]|ui[\\/]app[\\/](LazyView\.tsx|lazyPart\.ts|parts\.ts|narrationText\.ts|views\.tsx|ProblemText\.tsx|route\.ts|SelectField\.tsx)|ui[\\/]legend[\\/]Legend\.tsx|engine[\\/](presets|scenario|scenarioFormat|formatCheck|kernelVersion|sourceListing)\.ts|engine[\\/]shadow[\\/]guestTables\.ts)/;

// A relative base lets the built app be served from any sub-path of a static host.
export default defineConfig({
  base: './',
  plugins: [react(), revealVendor(), preloadView(), cacheHashedAssets()],
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
