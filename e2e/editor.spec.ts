import { expect, test } from '@playwright/test';
import { grid, open, prefetched, range, stage, toEndOfFirstAccess } from './helpers.ts';

test('clicking an entry toggles it present in the initial state', async ({ page }) => {
  await open(page, /^Seed case: fault on 8/);
  await grid(page, 'fixed')
    .getByRole('gridcell', { name: /^SPTE 11:/ })
    .click();
  await expect(page.getByLabel('Present before the first access')).toHaveValue('11');
  // Focus is in the grid now, where arrows move between entries; playback keys need it elsewhere.
  await page.getByRole('button', { name: 'Reset' }).focus();
  await toEndOfFirstAccess(page);
  expect(await prefetched(page, 'buggy')).toEqual([9, 10]);
  expect(await prefetched(page, 'fixed')).toEqual([9, 10, ...range(12, 15)]);
});

test('in "Fault next" mode clicking an entry appends it as the next access', async ({ page }) => {
  await open(page, /^Seed case: fault on 8/);
  await page.getByRole('radio', { name: 'Fault next' }).check();
  await grid(page, 'buggy')
    .getByRole('gridcell', { name: /^SPTE 40:/ })
    .click();
  await expect(stage(page)).toHaveAttribute('data-access', '1');
  await expect(page.getByLabel('GFNs in order')).toHaveValue('8, 40');
  await expect(grid(page, 'fixed').getByRole('gridcell', { name: /^SPTE 40: faulting/ })).toHaveCount(1);
});

test('editing a memslot reloads the scenario; a refused edit keeps it', async ({ page }) => {
  await open(page, /^Seed case: fault on 8/);
  const pages = page.getByLabel('Pages', { exact: true });
  await pages.fill('13');
  await pages.press('Enter');
  // The worker reloads the edited scenario (no preset any more): a step pressed before that
  // would be undone by the reload's return to the start.
  await expect(stage(page)).toHaveAttribute('data-preset', '');
  await toEndOfFirstAccess(page);
  expect(await prefetched(page, 'fixed')).toEqual([]);
  await pages.fill('4');
  await pages.press('Enter');
  await expect(page.getByRole('alert')).toContainText('$.accesses[0]');
  await expect(page.getByRole('alert')).toContainText('unchanged');
  // The checkbox follows the loaded scenario, so it turns checked once the worker accepts the edit.
  await page.getByRole('checkbox', { name: 'dirty-log' }).click();
  await expect(page.getByRole('checkbox', { name: 'dirty-log' })).toBeChecked();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
