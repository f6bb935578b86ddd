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

// GFNs of five hex digits and entries numbered in the hundreds (a memslot far up, as in traces).
const FAR = {
  version: 1,
  name: 'far memslot',
  mmu: 'legacy',
  variant: 'fixed',
  backing: '4k',
  adBits: true,
  memslots: [{ baseGfn: 0xff200, pages: 1024 }],
  nonResident: [],
  present: [[0xff3f9, 0xff3f9]],
  accesses: [0xff3f8, 0xff3f9, 0xff3fa, 0xff3ff],
};

test('projector, 1280×720 embed: five-digit GFNs and three-digit entries fit their cells', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const payload = `j${Buffer.from(JSON.stringify(FAR)).toString('base64url')}`;
  for (const variant of ['compare', 'fixed']) {
    await page.goto(`./?embed&v=2&variant=${variant}&s=${payload}`);
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
    await expect(page.getByRole('group', { name: /^Window 504–511/ }).first()).toBeVisible();
    await expect(page.locator('.spte-wcell-gfn').first()).toHaveText('ff3f8');
    for (let t = 1; t <= 14; t++) {
      await page.keyboard.press('ArrowRight');
      await expect(stage(page)).toHaveAttribute('data-frame-tick', String(t));
      if (t % 3 === 0) await check(page, `far memslot ${variant}`);
    }
  }
});

test('projector, 1280×720 embed: the quiz band', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?embed&v=2&preset=seed&variant=compare&predict=1&predictFor=fixed');
  await expect(page.getByRole('region', { name: 'Predict' })).toBeVisible();
  await check(page, 'predict');
  const quiz = page.getByRole('region', { name: 'Predict' });
  await quiz.getByRole('button', { name: 'Entry 9' }).press('Enter');
  await check(page, 'predict with a pick');
  // Checked: correct, missed and wrong entries each get their mark.
  await quiz.getByRole('button', { name: 'Entry 10' }).press('Enter');
  await quiz.getByRole('button', { name: 'Check' }).press('Enter');
  await expect(quiz.getByTestId('predict-score')).toHaveText('0 of 1 correct');
  await check(page, 'predict checked');
});
