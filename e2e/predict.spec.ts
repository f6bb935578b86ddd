import { expect, test } from '@playwright/test';
import { open, press, watchConsole } from './helpers.ts';

test('a quiz round: predict, check, the score updates and cells are marked', async ({ page }) => {
  const errors = watchConsole(page);
  await open(page);
  await page.getByRole('button', { name: 'Predict' }).click();
  await expect(page.getByRole('button', { name: 'Predict' })).toHaveAttribute('aria-pressed', 'true');
  const quiz = page.getByRole('region', { name: 'Predict' });
  // Tick 0 is the seed fault on entry 8: the question is about the old code by default.
  await expect(
    quiz.getByText(/Fault on entry 8: which entries of 8–15 does the old code prefetch\?/),
  ).toBeVisible();
  await expect(page.getByTestId('predict-score')).toHaveText('0 of 0 correct');

  // Round 1 (old code): the learner expects 9 and 10 — wrong, the old code prefetches nothing.
  await quiz.getByRole('button', { name: 'Entry 9' }).click();
  await quiz.getByRole('button', { name: 'Entry 10' }).click();
  await expect(quiz.getByRole('button', { name: 'Entry 9' })).toHaveAttribute('aria-pressed', 'true');
  await quiz.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('predict-score')).toHaveText('0 of 1 correct');
  await expect(
    quiz.getByRole('button', { name: /Entry 9, not prefetched, you picked it: wrong/ }),
  ).toBeVisible();
  await expect(quiz.getByRole('status')).toContainText('Not quite: the old code prefetched nothing.');

  // Round 2: the same fault for the fixed code, answered by keyboard.
  await press(page, 'Home', 0);
  await quiz.getByRole('radio', { name: 'Fixed code' }).check();
  await expect(quiz.getByText(/does the fixed code prefetch\?/)).toBeVisible();
  for (let i = 9; i <= 14; i++) {
    await quiz.getByRole('button', { name: `Entry ${i}` }).focus();
    await page.keyboard.press('Enter');
  }
  await quiz.getByRole('button', { name: 'Check' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('predict-score')).toHaveText('0 of 2 correct');
  await expect(
    quiz.getByRole('button', { name: /Entry 12, prefetched, you picked it: correct/ }),
  ).toBeVisible();
  await expect(
    quiz.getByRole('button', { name: /Entry 15, prefetched, you did not pick it: missed/ }),
  ).toBeVisible();
  await expect(quiz.getByRole('status')).toContainText('the fixed code prefetched 9–15. Missed 15.');
  // Check showed the end of the fault: the fixed page has 9–15 prefetched.
  await expect(
    page
      .getByRole('grid', { name: /SPTE page — fixed/ })
      .getByRole('gridcell', { name: /^SPTE 15: prefetched/ }),
  ).toBeVisible();

  // Round 3: the next fault is the old code's on 9 (the fixed code has it prefetched: a hit).
  await page.getByRole('button', { name: 'Next fault' }).click();
  await expect(quiz.getByText(/Step or play to the next fault/)).toBeVisible();
  await quiz.getByRole('radio', { name: 'Old code' }).check();
  await expect(quiz.getByText(/Fault on entry 9: which entries of 8–15 does the old code/)).toBeVisible();
  await quiz.getByRole('button', { name: 'None' }).click();
  await expect(page.getByTestId('predict-score')).toHaveText('1 of 3 correct');
  await expect(quiz.getByRole('status')).toContainText('Correct: the old code prefetched nothing.');
  await quiz.getByRole('button', { name: 'Reset score' }).click();
  await expect(page.getByTestId('predict-score')).toHaveText('0 of 0 correct');
  expect(errors).toEqual([]);
});
