import { expect, test } from '@playwright/test';
import { grid, open, prefetched, range, toEndOfFirstAccess } from './helpers.ts';

test('opens on the seed case in compare mode', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('radio', { name: 'Compare' })).toBeChecked();
  await expect(grid(page, 'buggy')).toBeVisible();
  await expect(grid(page, 'fixed')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Source' })).toBeVisible();
  await expect(grid(page, 'fixed').getByRole('gridcell', { name: /^SPTE 8: faulting/ })).toBeVisible();
});

test('seed case: after the first fault buggy prefetched nothing, fixed 9–15', async ({ page }) => {
  await open(page);
  await toEndOfFirstAccess(page);
  const fixed = grid(page, 'fixed');
  for (const i of range(9, 15))
    await expect(fixed.getByRole('gridcell', { name: new RegExp(`^SPTE ${i}: prefetched`) })).toHaveCount(1);
  await expect(grid(page, 'buggy').getByRole('gridcell', { name: /^SPTE 9: not present/ })).toHaveCount(1);
  expect(await prefetched(page, 'buggy')).toEqual([]);
  expect(await prefetched(page, 'fixed')).toEqual(range(9, 15));
  const value = (side: string, row: string) =>
    page
      .getByLabel(`Counters — ${side}`)
      .locator('.counters-row', { hasText: row })
      .locator('.counters-value');
  await expect(value('buggy', 'prefetched')).toHaveText('0');
  await expect(value('fixed', 'prefetched')).toHaveText('7');
  await expect(value('buggy', 'pf_fixed')).toHaveText('1');
  await expect(value('fixed', 'pf_fixed')).toHaveText('1');
});

test('the code panel marks the current line and follows the variant', async ({ page }) => {
  await open(page);
  await toEndOfFirstAccess(page);
  const source = page.getByRole('region', { name: 'Source' });
  await expect(source.locator('[aria-current="step"]')).toHaveCount(1);
  // The fixed code ends the first fault in the trailing batch; the old code ended at the loop's end.
  await expect(source.locator('[aria-current="step"]')).toContainText('set prefetched SPTE');
  await page.getByRole('radio', { name: 'Buggy (before fix)' }).check();
  await expect(grid(page, 'fixed')).toHaveCount(0);
  const current = page.getByRole('region', { name: 'Source' }).locator('[aria-current="step"]');
  await expect(current).toHaveCount(1);
  await expect(current).not.toContainText('set prefetched SPTE');
});

test('the default run: buggy faults on every entry, fixed once per window', async ({ page }) => {
  await open(page);
  await page.keyboard.press('End');
  const value = (side: string, row: string) =>
    page
      .getByLabel(`Counters — ${side}`)
      .locator('.counters-row', { hasText: row })
      .locator('.counters-value');
  await expect(value('buggy', 'pf_fixed')).toHaveText('24');
  await expect(value('fixed', 'pf_fixed')).toHaveText('3');
  await expect(value('fixed', 'prefetch hits')).toHaveText('21');
});
