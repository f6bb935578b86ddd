import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { watchConsole } from './helpers.ts';

function row(page: Page, path: string) {
  return page.locator(`.paths-table tr[data-path="${path}"]`);
}

/** pf_fixed, prefetched, prefetch hits of one table row, as shown. */
async function counts(page: Page, path: string): Promise<string[]> {
  return row(page, path)
    .locator('td.num')
    .evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent ?? ''));
}

test("the comparison view runs the seed's workload through every path", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./?view=paths');
  await expect(page.getByRole('link', { name: 'All MMU paths' })).toHaveAttribute('aria-current', 'page');
  const results = page.getByRole('region', { name: 'Results' });
  await expect(
    results.getByRole('heading', { name: '1,572,864 pages (6 GiB) sequential in a VM of 8 GiB' }),
  ).toBeVisible();
  await expect(page.getByRole('status')).toContainText('All 5 paths run');
  // Numbers measured with the engine's comparePaths(SEED_WORKLOAD) (src/engine/comparePaths.test.ts).
  expect(await counts(page, 'legacy-buggy')).toEqual(['1,572,864', '0', '0']);
  expect(await counts(page, 'legacy-fixed')).toEqual(['196,608', '1,376,256', '1,376,256']);
  expect(await counts(page, 'shadow')).toEqual(['196,608', '1,376,256', '1,376,256']);
  expect(await counts(page, 'tdp')).toEqual(['1,572,864', '0', '0']);
  expect(await counts(page, 'legacy-2m')).toEqual(['3,072', '0', '0']);
  await expect(row(page, 'shadow')).toContainText('never had the trailing bug');
  await expect(row(page, 'tdp')).toContainText('no prefetch at all');
  // The chart names every path with its pf_fixed, and its scale can switch.
  const chart = page.getByRole('img', { name: /^Bar chart, log scale/ });
  await expect(chart).toHaveAttribute('aria-label', /2 MiB backing 3,072 pf_fixed/);
  await expect(chart.getByText('1,000,000', { exact: true })).toBeVisible();
  await page.getByRole('radio', { name: 'Linear' }).check();
  await expect(page.getByRole('img', { name: /^Bar chart, linear scale/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a new workload runs in the worker; bad input names its field and keeps the results', async ({
  page,
}) => {
  await page.goto('./?view=paths');
  await expect(page.getByRole('status')).toContainText('All 5 paths run');
  await page.getByLabel('Pages touched').fill('3000000');
  await page.getByRole('button', { name: 'Run all paths' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    "pages touched (3,000,000) exceed the VM's 2,097,152 pages",
  );
  await expect(page.getByLabel('Pages touched')).toHaveAttribute('aria-invalid', 'true');
  expect(await counts(page, 'legacy-2m')).toEqual(['3,072', '0', '0']);

  await page.getByLabel('Pages touched').fill('64');
  await page.getByLabel('Pattern').selectOption('reverse');
  await page.getByRole('button', { name: 'Run all paths' }).click();
  await expect(
    page.getByRole('heading', { name: '64 pages (256 KiB) reverse in a VM of 8 GiB' }),
  ).toBeVisible();
  // Descending touches fault on each window's last entry: no trailing run, buggy = fixed.
  expect(await counts(page, 'legacy-buggy')).toEqual(['8', '56', '56']);
  expect(await counts(page, 'legacy-fixed')).toEqual(['8', '56', '56']);
  expect(await counts(page, 'tdp')).toEqual(['64', '0', '0']);
});

test('a row leads to stepping that path', async ({ page }) => {
  await page.goto('./?view=paths');
  const row = page.locator('tr[data-path="legacy-buggy"]');
  const link = row.getByRole('link', { name: /Step through this path/ });
  await expect(link).toBeVisible({ timeout: 30_000 });
  // A real link: it carries the scenario and the variant.
  expect(await link.getAttribute('href')).toMatch(/#v=2&variant=buggy&step=1&s=j/);
  await link.click();
  await expect(page.locator('.stage')).toHaveAttribute('data-frame-tick', '0');
  await expect(page.getByRole('radio', { name: 'Buggy (before fix)' })).toBeChecked();
  await expect(page.getByTestId('preset-note')).toContainText('legacy MMU, before the fix');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.stage')).toHaveAttribute('data-frame-tick', '1');
});
