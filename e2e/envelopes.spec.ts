import { expect, test } from '@playwright/test';
import { grid, stage } from './helpers.ts';

// Issue 15: a ~150-character link whose scenario is a random pattern of 2^30 pages in a
// 2^40-page memslot drove the tab to 9 GiB before the "too many steps" banner. Step mode now
// refuses it before building anything: the banner comes at once and the default scenario stays.
test('a tiny link to a huge pattern is refused at once, leaving the default scenario', async ({ page }) => {
  const scenario = {
    memslots: [{ baseGfn: 0, pages: 2 ** 40 }],
    accesses: { pattern: 'random', startGfn: 0, pages: 2 ** 30, seed: 1 },
  };
  const payload = `j${Buffer.from(JSON.stringify(scenario)).toString('base64url')}`;
  expect(payload.length).toBeLessThan(200);
  await page.goto(`./#s=${payload}`);
  const banner = page.getByRole('alert').filter({ hasText: 'Link not fully opened' });
  await expect(banner).toContainText('too many steps for step mode: more than 200,000');
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
  await expect(grid(page, 'fixed').getByRole('gridcell', { name: /^SPTE 8: faulting/ })).toBeVisible();
});
