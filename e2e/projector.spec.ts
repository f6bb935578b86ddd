import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PRESETS } from '../src/engine/presets.ts';
import { textProblems } from './legibility.ts';
import { stage, watchConsole } from './helpers.ts';

/*
 * Projector legibility: every preset embedded at 1280×720, in compare and in one variant, at a
 * few steps (the fault, the walk, the end of the first access, the last step): no text under
 * 18 CSS px, none cut or overflowing, window and guest-table texts inside their cells and clear of
 * the prefetched mark.
 */

async function tick(page: Page): Promise<number> {
  return Number(await stage(page).getAttribute('data-frame-tick'));
}

async function check(page: Page, label: string): Promise<void> {
  // Transitions end before measuring (markers slide, brackets grow).
  await page.waitForTimeout(260);
  const problems = await textProblems(page);
  expect(problems, `${label} at tick ${await tick(page)}`).toEqual([]);
}

for (const preset of PRESETS) {
  test(`projector, 1280×720 embed: ${preset.id}`, async ({ page }) => {
    const errors = watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    for (const variant of ['compare', 'fixed'] as const) {
      await page.goto(`./?embed&v=2&preset=${preset.id}&variant=${variant}`);
      await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
      await check(page, `${preset.id} ${variant}`);
      const last =
        Number(/ of (\d+)/.exec((await page.locator('.embed-position').textContent()) ?? '')![1]) - 1;
      // The fault, the walk, the end of a first access, the last step.
      for (const target of [...new Set([5, 11, last].map((t) => Math.min(t, last)))]) {
        if (target === last) await page.keyboard.press('End');
        else
          for (let t = (await tick(page)) + 1; t <= target; t++) {
            await page.keyboard.press('ArrowRight');
            await expect(stage(page)).toHaveAttribute('data-frame-tick', String(t));
          }
        await expect(stage(page)).toHaveAttribute('data-frame-tick', String(target));
        await check(page, `${preset.id} ${variant}`);
      }
    }
    expect(errors).toEqual([]);
  });
}

test('projector, 1280×720 embed: the quiz band and the paths view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?embed&v=2&preset=seed&variant=compare&predict=1&predictFor=fixed');
  await expect(page.getByRole('region', { name: 'Predict' })).toBeVisible();
  await check(page, 'predict');
  await page.getByRole('region', { name: 'Predict' }).getByRole('button', { name: 'Entry 9' }).press('Enter');
  await check(page, 'predict with a pick');
});
