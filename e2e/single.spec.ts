import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { grid, overviewPicture, stage, watchConsole } from './helpers.ts';

const FILE = resolve(import.meta.dirname, '..', 'dist-single', 'spte-prefetch-viz.html');

// npm run test:e2e builds it; a spec run on its own builds it here (about two seconds).
test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  if (!existsSync(FILE))
    execFileSync(process.execPath, ['scripts/build-single.mjs'], { cwd: resolve(import.meta.dirname, '..') });
});

for (const [name, query] of [
  // A link to step 1: the plain address opens at the end of the first fault (checked below).
  ['the app', '?step=0'],
  ['embed mode', '?embed&preset=seed&variant=compare'],
] as const) {
  test(`the single file from file:// (${name}) shows the seed case and steps, with no network`, async ({
    page,
  }) => {
    const errors = watchConsole(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(FILE).href + query);
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
    // The app draws the overview as a grid of named entries, an embed as a picture named by a summary.
    if (name === 'embed mode')
      await expect(overviewPicture(page, 'fixed')).toHaveAccessibleName(/ Faulting: 8\. /);
    else await expect(grid(page, 'fixed').getByRole('gridcell', { name: /^SPTE 8: faulting/ })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '1');
    await page.keyboard.press('End');
    await expect
      .poll(async () => Number(await stage(page).getAttribute('data-frame-tick')))
      .toBeGreaterThan(1);
    if (name === 'embed mode')
      await expect(overviewPicture(page, 'fixed')).toHaveAccessibleName(/ Prefetched \(7\): /);
    // The page itself, then only inline (data:/blob:) resources: nothing from a network or another file.
    expect(requests.filter((u) => !/^(data|blob):/.test(u))).toEqual([pathToFileURL(FILE).href + query]);
    expect(errors).toEqual([]);
  });
}

test('the single file from file:// opens, like the app, on the end of the first fault', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(pathToFileURL(FILE).href);
  await expect(page.locator('.variant-buggy').getByText('dropped', { exact: true })).toBeVisible();
  await expect(page.locator('.variant-fixed').getByText('✓ installed 7')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the single file: the trace dialog says samples need the hosted app, with no request and no error', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
  await page.goto(pathToFileURL(FILE).href);
  // The plain address opens on the end of the first fault (any drawn frame will do here).
  await expect(stage(page)).not.toHaveAttribute('data-frame-tick', '-1');
  await page.getByRole('button', { name: 'Open KVM trace' }).click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText(/sample traces come with the hosted app, not with this offline file/),
  ).toBeVisible();
  await expect(dialog.getByLabel('Try a sample')).toHaveCount(0);
  await expect(dialog.locator('.trace-warn')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(requests.filter((u) => !/^(data|blob):/.test(u))).toEqual([pathToFileURL(FILE).href]);
  expect(errors).toEqual([]);
});

test('offline deck: a plain deck beside the single file and spte-deck.js, from file://, clicker only', async ({
  page,
}) => {
  const errors = watchConsole(page);
  // The lecture-hall laptop: the deck, the app's one file and the script in one folder.
  const dir = mkdtempSync(join(tmpdir(), 'spte-deck-'));
  copyFileSync(FILE, join(dir, 'spte-prefetch-viz.html'));
  copyFileSync(resolve(FILE, '..', 'spte-deck.js'), join(dir, 'spte-deck.js'));
  writeFileSync(
    join(dir, 'deck.html'),
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<style>section[hidden]{display:none} iframe{width:960px;height:540px;border:0}</style>
<section><h1>Offline</h1></section>
<section hidden><iframe class="spte-frame" src="spte-prefetch-viz.html?embed&v=2&preset=seed&variant=compare&from=1&to=3"></iframe></section>
<section hidden><h1>End</h1></section>
<script>
  const s = [...document.querySelectorAll('section')]; let at = 0;
  const show = (n) => { at = Math.max(0, Math.min(s.length - 1, n)); s.forEach((x, i) => (x.hidden = i !== at)); document.title = String(at); };
  addEventListener('keydown', (e) => { if (e.key === 'PageDown') show(at + 1); if (e.key === 'PageUp') show(at - 1); });
  show(0);
</script>
<script src="spte-deck.js"></script>`,
  );
  await page.goto(pathToFileURL(join(dir, 'deck.html')).href);
  const widget = page.frameLocator('iframe');
  const step = async () => Number(await widget.locator('.stage').getAttribute('data-frame-tick')) + 1;
  await page.keyboard.press('PageDown');
  await expect(page).toHaveTitle('1');
  await expect(page.locator('iframe')).toHaveAttribute('data-spte-ready', '');
  for (const n of [2, 3]) {
    await page.keyboard.press('PageDown');
    await expect.poll(step).toBe(n);
    await expect(page).toHaveTitle('1');
  }
  await page.keyboard.press('PageDown');
  await expect(page).toHaveTitle('2');
  await page.keyboard.press('PageUp');
  await expect(page).toHaveTitle('1');
  await expect.poll(step).toBe(3);
  await page.keyboard.press('PageUp');
  await expect.poll(step).toBe(2);
  expect(errors).toEqual([]);
});
