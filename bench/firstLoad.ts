// First load (issue 14), two measures of the built app in Chromium:
// - the JavaScript the plain address loads before its first frame is drawn, gzipped;
// - a slide deck with six embedded widgets, as a teacher's deck has them: how long from opening
//   the page until every widget shows its SPTE grid(s). Each widget is a whole copy of the app in
//   an iframe (its own scripts, store, worker and React tree), all six loading at once.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What issue 14 measured before code splitting, printed beside today's figures. */
export const BEFORE = { initialJsKiB: 140.9, deckMs: 1700 } as const;

/**
 * Gzipped bytes (gzip -9) of every script the plain address loads before its first frame is on
 * screen: the entry, the view's chunks and their imports; not the chunks idle time fetches
 * afterwards, and not the workers (they run beside the page). The page records the moment the
 * stage first holds a drawn frame; a script counts when its request started before that.
 */
export async function initialJsGzip(page: Page): Promise<{ bytes: number; files: string[] }> {
  await page.addInitScript(() => {
    const w = window as unknown as { __firstFrameAt?: number };
    const mo = new MutationObserver(() => {
      const tick = document.querySelector('.stage')?.getAttribute('data-frame-tick');
      if (tick === null || tick === undefined || Number(tick) < 0) return;
      w.__firstFrameAt = performance.now();
      mo.disconnect();
    });
    mo.observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto('./');
  await page.waitForFunction(() => (window as unknown as { __firstFrameAt?: number }).__firstFrameAt);
  const entries = await page.evaluate(() => {
    const at = (window as unknown as { __firstFrameAt: number }).__firstFrameAt;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js') && e.startTime <= at)
      .map((e) => new URL(e.name).pathname);
  });
  const files = entries.map((f) => f.replace(/^\//, '')).filter((f) => !/worker/.test(f));
  const bytes = files.reduce(
    (a, f) => a + gzipSync(readFileSync(join(root, 'dist', f)), { level: 9 }).length,
    0,
  );
  return { bytes, files };
}

/** Six embeds a lecture on the patch would use; each is a preset in compare or single mode. */
export const DECK_EMBEDS: readonly string[] = [
  '?embed&preset=seed&variant=compare',
  '?embed&preset=seed-run&variant=compare&controls=0',
  '?embed&preset=failed-batch&variant=compare',
  '?embed&preset=partial&variant=fixed',
  '?embed&preset=shadow-scattered&variant=compare&step=4',
  '?embed&preset=huge&variant=compare',
];

const DECK_PATH = '__bench-deck.html';

/**
 * The deck page: six 640×360 iframes, and a script that records, each animation frame, when every
 * widget's stage holds a drawn frame (data-frame-tick ≥ 0) with all its pages drawn. Times are from the
 * deck's navigation start, so they include fetching, parsing and running every widget's code.
 */
function deckHtml(): string {
  const frames = DECK_EMBEDS.map(
    (q, i) => `<iframe title="widget ${i + 1}" width="640" height="360" src="./${q}"></iframe>`,
  ).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>deck</title></head><body>
${frames}
<script>
  window.__deck = null;
  // A widget is shown when its stage holds a drawn frame and every page in it is drawn: its grid
  // of 512 entries, or, for a page mapped by a 2 MiB leaf, the PMD entry drawn in its place.
  const shown = (f) => {
    const d = f.contentDocument;
    const stage = d && d.querySelector('.stage');
    if (!stage || Number(stage.getAttribute('data-frame-tick')) < 0) return false;
    const want = stage.classList.contains('is-compare') ? 2 : 1;
    const pages = [...stage.querySelectorAll('.spte-page')];
    return pages.length === want && pages.every((p) =>
      p.querySelector('.spte-pmd') !== null || p.querySelectorAll('[role="gridcell"]').length === 512);
  };
  const poll = () => {
    const frames = [...document.querySelectorAll('iframe')];
    if (frames.every(shown)) {
      // The frame after the one in which the DOM was complete: the grids are painted by then.
      requestAnimationFrame(() => { window.__deck = performance.now(); });
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
</script></body></html>`;
}

/** Opens the deck `runs` times (a fresh context each time, so no HTTP or code cache carries over). */
export async function measureDeck(browser: Browser, baseURL: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const ctx = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 } });
    const page = await ctx.newPage();
    await page.route(`**/${DECK_PATH}`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: deckHtml() }),
    );
    await page.goto(`./${DECK_PATH}`);
    await page.waitForFunction(() => (window as unknown as { __deck: number | null }).__deck !== null, null, {
      timeout: 60_000,
      polling: 50,
    });
    out.push(await page.evaluate(() => (window as unknown as { __deck: number }).__deck));
    await ctx.close();
  }
  return out;
}
