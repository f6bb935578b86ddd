import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { grid, open, press, stage } from './helpers.ts';

async function snapshot(page: Page) {
  const labels = async (side: 'buggy' | 'fixed') =>
    grid(page, side)
      .locator('[role="gridcell"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  return {
    buggy: await labels('buggy'),
    fixed: await labels('fixed'),
    narration: await page.locator('.narration').textContent(),
  };
}

test('stepping back returns to an identical frame', async ({ page }) => {
  // Tall enough that the sticky playback dock does not overlap the stage in the screenshots.
  await page.setViewportSize({ width: 1440, height: 1600 });
  await open(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (let t = 1; t <= 6; t++) await press(page, 'ArrowRight', t);
  const before = await snapshot(page);
  const shotBefore = await stage(page).screenshot({ animations: 'disabled' });
  await press(page, 'ArrowRight', 7);
  await press(page, 'ArrowRight', 8);
  const moved = await snapshot(page);
  expect(moved).not.toEqual(before);
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '7');
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '6');
  await page.mouse.move(0, 0);
  // Let any tween settle before comparing pixels.
  await page.waitForTimeout(400);
  expect(await snapshot(page)).toEqual(before);
  const shotAfter = await stage(page).screenshot({ animations: 'disabled' });
  if (!shotAfter.equals(shotBefore)) {
    await test.info().attach('before', { body: shotBefore, contentType: 'image/png' });
    await test.info().attach('after', { body: shotAfter, contentType: 'image/png' });
  }
  expect(shotAfter.equals(shotBefore)).toBe(true);
});

test('stepping back across a fault boundary restores the previous access', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Next fault' }).click();
  await expect(stage(page)).toHaveAttribute('data-access', '1');
  const atFault = await snapshot(page);
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(stage(page)).toHaveAttribute('data-access', '0');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(stage(page)).toHaveAttribute('data-access', '1');
  expect(await snapshot(page)).toEqual(atFault);
});
