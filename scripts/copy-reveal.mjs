// Copies the parts of reveal.js (an npm devDependency) that the example deck uses into
// public/examples/vendor/, so the deck is plain static files: it works from any sub-path of a
// static host and from file://, with no network. vite.config.ts runs this before every build and
// dev server start; `node scripts/copy-reveal.mjs` runs it by hand. The copies are not committed.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = ['dist/reveal.js', 'dist/reveal.css', 'dist/reset.css', 'dist/theme/white.css', 'LICENSE'];
const FONT_DIR = 'dist/theme/fonts/source-sans-pro';

function copyIfNewer(from, to) {
  if (existsSync(to) && statSync(to).mtimeMs >= statSync(from).mtimeMs) return false;
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  return true;
}

/** Copies into `<root>/public/examples/vendor/`; returns how many files changed. */
export function copyReveal(root = process.cwd()) {
  const require = createRequire(join(root, 'package.json'));
  const pkg = dirname(require.resolve('reveal.js/package.json'));
  const out = join(root, 'public', 'examples', 'vendor');
  let changed = 0;
  for (const f of FILES) {
    const name = f === 'LICENSE' ? 'LICENSE.reveal.txt' : f.replace(/^dist\//, '');
    if (copyIfNewer(join(pkg, f), join(out, name))) changed++;
  }
  // The white theme imports this font; only the .woff files and the stylesheet are ever fetched.
  for (const f of readdirSync(join(pkg, FONT_DIR))) {
    if (!/\.(woff|css)$/.test(f) && f !== 'LICENSE') continue;
    if (copyIfNewer(join(pkg, FONT_DIR, f), join(out, 'theme', 'fonts', 'source-sans-pro', f))) changed++;
  }
  return changed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = copyReveal();
  console.log(`reveal.js: ${n} file(s) copied to public/examples/vendor/`);
}
