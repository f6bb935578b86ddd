import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers.ts';

// The example deck from the built output (dist/examples/), as a teacher would open it.
test('the reveal.js deck: slides change, the clicker passes through, fragments step the widget', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./examples/index.html');
  await expect(page.locator('section.present h2')).toHaveText('Prefetching SPTEs around a fault');

  // Slide 2: the seed case, loaded lazily when shown.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/1$/);
  const seed = page.locator('section.present iframe.spte-frame');
  await expect(seed).toHaveAttribute('data-ready', '');
  await expect(seed).toHaveAttribute('data-step', '0');
  const widget = page.frameLocator('section.present iframe.spte-frame');
  await expect(widget.getByRole('grid', { name: /SPTE page — fixed/ })).toBeVisible();

  // The clicker inside the widget steps it; at its last step the next press moves the deck.
  await widget.locator('.narration').click();
  await page.keyboard.press('PageDown');
  await expect(seed).toHaveAttribute('data-step', '1');
  await page.keyboard.press('End');
  const last = await widget.locator('.stage').getAttribute('data-frame-tick');
  await expect(seed).toHaveAttribute('data-step', last!);
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#\/2$/);

  // Slide 3: each fragment sends nextFault to the widget.
  const run = page.locator('section.present iframe.spte-frame');
  await expect(run).toHaveAttribute('data-ready', '');
  await expect(run).toHaveAttribute('data-step', '0');
  const steps: number[] = [0];
  for (let k = 1; k <= 3; k++) {
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('section.present .fragment.visible')).toHaveCount(k);
    await expect.poll(async () => Number(await run.getAttribute('data-step'))).toBeGreaterThan(steps.at(-1)!);
    steps.push(Number(await run.getAttribute('data-step')));
  }
  // reveal.js numbers fragments from 0: three shown is fragment 2.
  await expect(page).toHaveURL(/#\/2\/0\/2$/);
  // Going back hides a fragment and undoes its step.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => Number(await run.getAttribute('data-step'))).toBe(steps[2]);

  // Slide 4 plays by itself (autoplay), slide 5 ends the deck.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const failed = page.locator('section.present iframe.spte-frame');
  await expect(failed).toHaveAttribute('data-ready', '');
  await expect.poll(async () => Number(await failed.getAttribute('data-step'))).toBeGreaterThan(0);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('section.present h3')).toHaveText('Try it yourself');
  expect(errors).toEqual([]);
});
