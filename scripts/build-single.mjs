// `npm run build:single`: the whole app as one HTML file, dist-single/spte-prefetch-viz.html, for a
// lecture-hall laptop with no network: opened from file://, embed mode included. Beside it,
// spte-deck.js (the clicker hand-off a deck includes; see docs/teaching.md).
//
// It is the normal build (vite.config.ts) with two plugins of our own:
//  - inlineWorkers rewrites `new Worker(new URL('./x.worker.ts', import.meta.url), opts)` into
//    Vite's `?worker&inline` import, because a page from file:// may not start a worker from a
//    file URL; an inline worker starts from a blob: URL;
//  - inlineIntoHtml puts the one script and the one stylesheet into the HTML.
// Then it checks that nothing else was written and that the HTML refers to no other file.
import { copyFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'dist-single');
const OUT_NAME = 'spte-prefetch-viz.html';

const WORKER_RE = /new\s+Worker\(\s*new\s+URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)\s*(,\s*)?/g;

/** @returns {import('vite').Plugin} */
function inlineWorkers() {
  let count = 0;
  return {
    name: 'spte-viz:inline-workers',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('node_modules') || !/\.[cm]?[jt]sx?$/.test(id) || !WORKER_RE.test(code)) return null;
      WORKER_RE.lastIndex = 0;
      const imports = [];
      const out = code.replace(WORKER_RE, (_m, _q, path) => {
        const name = `__spteInlineWorker${count++}`;
        imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
        return `new ${name}(`;
      });
      return { code: `${imports.join('\n')}\n${out}`, map: null };
    },
  };
}

/** Text that may sit inside <script> or <style>: no early end tag. */
const safeInHtml = (text, tag) => text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');

/** @returns {import('vite').Plugin} */
function inlineIntoHtml() {
  return {
    name: 'spte-viz:inline-into-html',
    enforce: 'post',
    generateBundle(_opts, bundle) {
      const html = Object.values(bundle).find((f) => f.type === 'asset' && f.fileName.endsWith('.html'));
      if (!html) throw new Error('build-single: no HTML in the bundle');
      let text = String(html.source);
      const take = (ref) => {
        const name = ref.replace(/^\.?\//, '');
        const file = bundle[name];
        if (!file) throw new Error(`build-single: ${ref} is not in the bundle`);
        delete bundle[name];
        // Lazily loaded views (React.lazy) are inlined in an unsplit bundle, but their import()
        // still passes the preload list placeholder, which only a split build fills in: no list.
        return file.type === 'chunk'
          ? file.code.replaceAll('__VITE_PRELOAD__', 'void 0')
          : String(file.source);
      };
      // Functions as replacements, so `$&` and friends in the code are not patterns.
      text = text.replace(/<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/g, (_m, src) => {
        return `<script type="module">${safeInHtml(take(src), 'script')}</script>`;
      });
      text = text.replace(/<link rel="stylesheet"[^>]*\shref="([^"]+)"[^>]*>/g, (_m, href) => {
        return `<style>${safeInHtml(take(href), 'style')}</style>`;
      });
      text = text.replace(/<link rel="modulepreload"[^>]*>/g, '');
      html.source = text;
    },
  };
}

rmSync(outDir, { recursive: true, force: true });
await build({
  root,
  configFile: join(root, 'vite.config.ts'),
  logLevel: 'warn',
  // import.meta.env.MODE === 'single': the app knows it has no files beside it (the trace samples).
  mode: 'single',
  // The deck, samples and scenarios stay with the normal build; this file is the app alone.
  publicDir: false,
  // A module worker from a blob: URL does not start in a file:// page (its origin is opaque);
  // a classic one does.
  worker: { format: 'iife' },
  plugins: [inlineWorkers(), inlineIntoHtml()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsInlineLimit: () => true,
    cssCodeSplit: false,

    minify: !process.env.SPTE_SINGLE_DEBUG,
    modulePreload: false,
    rolldownOptions: { output: { codeSplitting: false } },
  },
});

const written = readdirSync(outDir, { recursive: true });
if (written.length !== 1 || written[0] !== 'index.html') {
  throw new Error(`build-single: expected one HTML file, got: ${written.join(', ')}`);
}
renameSync(join(outDir, 'index.html'), join(outDir, OUT_NAME));
// The clicker hand-off for decks, beside the file: a deck on the same laptop loads it with
// <script src="spte-deck.js"> (the app itself never loads it).
copyFileSync(join(root, 'public', 'examples', 'spte-deck.js'), join(outDir, 'spte-deck.js'));
console.log(`build-single: wrote dist-single/${OUT_NAME} and dist-single/spte-deck.js`);
