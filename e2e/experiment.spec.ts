import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { watchConsole } from './helpers.ts';

const results = (page: Page) => page.getByRole('region', { name: 'Results' });

test('the default experiment is the seed: 1,572,864 vs 196,608, with the seed figures', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./?view=experiment');
  const table = results(page).getByRole('table');
  const pf = table.getByRole('row', { name: /^pf_fixed/ });
  await expect(pf).toContainText('1,572,864');
  await expect(pf).toContainText('196,608');
  await expect(pf).toContainText('8.00×');
  await expect(pf).toContainText('~1.75M');
  await expect(results(page)).toContainText('other faults');
  await expect(table.getByRole('row', { name: /engine time/ })).toContainText('ms');
  expect(errors).toEqual([]);
});

test('bad input keeps the last results and names the problem', async ({ page }) => {
  await page.goto('./?view=experiment');
  await expect(results(page)).toContainText('196,608');
  await page.getByLabel('Touched size').fill('9');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('alert')).toContainText('ends past guest RAM');
  await expect(page.getByLabel('Touched size')).toHaveAttribute('aria-invalid', 'true');
  await expect(results(page)).toContainText('196,608');
});

test('a 1 TiB random run shows progress and Cancel stops it, leaving the UI usable', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./?view=experiment');
  await expect(results(page)).toContainText('196,608');
  await page.getByRole('button', { name: '1 TiB' }).click();
  await page.getByLabel('Touched size').fill('1024');
  await page.getByLabel('Access pattern').selectOption('random');
  await page.getByRole('button', { name: 'Run' }).click();
  const bar = page.getByRole('progressbar', { name: 'Experiment progress' });
  await expect(bar).toBeVisible();
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(bar).toBeHidden();
  await expect(page.getByText(/^Cancelled/)).toBeVisible();
  // The last finished results stay, and a new run still works.
  await expect(results(page)).toContainText('196,608');
  await page.getByRole('button', { name: 'Seed defaults' }).click();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByText('Done', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(results(page)).toContainText('1,572,864');
  expect(errors).toEqual([]);
});

test('each chart exports a valid SVG', async ({ page }) => {
  await page.goto('./?view=experiment');
  await expect(results(page)).toContainText('196,608');
  for (const title of ['Cumulative pf_fixed', 'Batch sizes', 'Every page table']) {
    const chart = page.getByRole('figure', { name: title });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'Export SVG' }).click(),
    ]);
    const path = await download.path();
    const text = await import('node:fs').then((fs) => fs.readFileSync(path, 'utf8'));
    const ok = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return doc.querySelector('parsererror') === null && doc.documentElement.localName === 'svg';
    }, text);
    expect(ok, title).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    // The overview's canvases are exported as PNG images, not as HTML the SVG cannot show.
    if (title === 'Every page table') {
      expect(text).not.toContain('foreignObject');
      expect(text.match(/<image [^>]*href="data:image\/png;base64,/g)).toHaveLength(3);
    }
  }
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('figure', { name: 'Batch sizes' }).getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('batch-sizes.png');
});
