import { expect, test } from '@playwright/test';
import { frameTick, open, watchConsole } from './helpers.ts';

test('no console errors on load and while playing', async ({ page }) => {
  const errors = watchConsole(page);
  await open(page);
  await page.getByLabel('Speed').fill('4');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => frameTick(page), { timeout: 10_000 }).toBeGreaterThan(40);
  await page.getByRole('radio', { name: 'Buggy (before fix)' }).check();
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByLabel('Scenario', { exact: true }).selectOption('random');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(800);
  expect(errors).toEqual([]);
});
