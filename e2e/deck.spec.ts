import { expect, test } from '@playwright/test';
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { watchConsole } from './helpers.ts';

/*
 * The example decks from the built output (dist/examples/), driven as a teacher with a clicker
 * would: → PageDown ← PageUp only, no mouse. After every press the deck's slide and the widget's
 * step (as the widget shows it, from 1) are checked.
 */

type Key = 'ArrowRight' | 'PageDown' | 'ArrowLeft' | 'PageUp';

/** The step the widget on screen shows (its frame tick + 1: the numbering of the app). */
async function shownStep(widget: FrameLocator): Promise<number> {
  return Number(await widget.locator('.stage').getAttribute('data-frame-tick')) + 1;
}

interface Deck {
  page: Page;
  /** The present slide's widget iframe (if any). */
  frame(): Locator;
  widget(): FrameLocator;
  slide(): Promise<string>;
}

const reveal = (page: Page): Deck => ({
  page,
  frame: () => page.locator('section.present iframe'),
  widget: () => page.frameLocator('section.present iframe'),
  slide: async () => new URL(page.url()).hash,
});

const plain = (page: Page): Deck => ({
  page,
  frame: () => page.locator('section:not([hidden]) iframe'),
  widget: () => page.frameLocator('section:not([hidden]) iframe'),
  slide: async () => new URL(page.url()).hash,
});

/** Presses `key` and checks where the deck and its widget are afterwards. */
async function press(deck: Deck, key: Key, slide: string, step: number | null): Promise<void> {
  await deck.page.keyboard.press(key);
  await expect.poll(() => deck.slide(), { message: `${key}: slide` }).toBe(slide);
  if (step === null) return;
  await expect(deck.frame()).toHaveAttribute('data-spte-ready', '');
  await expect.poll(() => shownStep(deck.widget()), { message: `${key} on ${slide}: step` }).toBe(step);
}

const range = (a: number, b: number) =>
  Array.from({ length: Math.abs(b - a) + 1 }, (_, k) => (a <= b ? a + k : a - k));

/** Alternates the two keys of a direction, as a clicker and a keyboard would. */
function keysFor(direction: 'next' | 'prev', k: number): Key {
  if (direction === 'next') return k % 2 ? 'PageDown' : 'ArrowRight';
  return k % 2 ? 'PageUp' : 'ArrowLeft';
}

test('the reveal.js deck, clicker only: first slide to last and back, every press checked', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./examples/index.html');
  await expect(page.locator('section.present h2')).toHaveText('Prefetching SPTEs around a fault');
  const deck = reveal(page);
  let k = 0;

  // Slide 2, the seed case (12 steps): entered forwards, the widget starts at step 1 and the
  // clicker steps it to 12; the next press moves the deck.
  await press(deck, keysFor('next', k++), '#/1', 1);
  await expect(deck.widget().locator('.embed-position')).toHaveText(/^step 1 of 12/);
  for (const step of range(2, 12)) await press(deck, keysFor('next', k++), '#/1', step);
  await expect(deck.widget().locator('.embed-position')).toHaveText(/^step 12 of 12/);

  // Slide 3: the fragments drive the widget (range 12–45); keys stay with the deck.
  await press(deck, keysFor('next', k++), '#/2', 12);
  await press(deck, keysFor('next', k++), '#/2/0/0', 23);
  await press(deck, keysFor('next', k++), '#/2/0/1', 34);
  await press(deck, keysFor('next', k++), '#/2/0/2', 45);
  await expect(page.locator('section.present .fragment.visible')).toHaveCount(3);

  // Slide 4 plays by itself: a playing widget leaves the clicker to the deck.
  await press(deck, keysFor('next', k++), '#/3', null);
  await expect(deck.frame()).toHaveAttribute('data-spte-ready', '');
  await expect.poll(() => shownStep(deck.widget())).toBeGreaterThan(1);
  await press(deck, keysFor('next', k++), '#/4', null);
  await expect(page.locator('section.present h3')).toHaveText('Try it yourself');

  // And back. Entering slide 4 backwards shows the end of its range (step 9), stopped; the
  // clicker steps it back to 1, then the deck goes on back.
  await press(deck, keysFor('prev', k++), '#/3', 9);
  for (const step of range(8, 1)) await press(deck, keysFor('prev', k++), '#/3', step);
  // Slide 3 entered backwards: all three fragments shown, and the widget where the last one says.
  await press(deck, keysFor('prev', k++), '#/2/0/2', 45);
  await expect(page.locator('section.present .fragment.visible')).toHaveCount(3);
  await press(deck, keysFor('prev', k++), '#/2/0/1', 34);
  await press(deck, keysFor('prev', k++), '#/2/0/0', 23);
  await press(deck, keysFor('prev', k++), '#/2', 12);
  // Slide 2 entered backwards: the end of the walk, then back step by step to the title.
  await press(deck, keysFor('prev', k++), '#/1', 12);
  for (const step of range(11, 1)) await press(deck, keysFor('prev', k++), '#/1', step);
  await press(deck, keysFor('prev', k), '', null);
  await expect(page.locator('section.present h2')).toHaveText('Prefetching SPTEs around a fault');
  expect(errors).toEqual([]);
});

test('the reveal.js deck: Home, End, ← ← puts the fragments and the widget in step', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./examples/index.html#/2');
  const deck = reveal(page);
  await expect(deck.frame()).toHaveAttribute('data-spte-ready', '');
  await expect.poll(() => shownStep(deck.widget())).toBe(12);
  await page.keyboard.press('Home');
  await expect.poll(() => deck.slide()).toBe('');
  await page.keyboard.press('End');
  await expect.poll(() => deck.slide()).toBe('#/4');
  await press(deck, 'ArrowLeft', '#/3', 9);
  // The failed-batch widget is at step 9 of 1–9: ← steps it; PageUp ×8 brings it to 1.
  for (const step of range(8, 1)) await press(deck, 'PageUp', '#/3', step);
  await press(deck, 'ArrowLeft', '#/2/0/2', 45);
  await expect(page.locator('section.present .fragment.visible')).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('a click into a widget still works: it steps, then hands the deck its keys back', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./examples/index.html#/1');
  const deck = reveal(page);
  await expect(deck.frame()).toHaveAttribute('data-spte-ready', '');
  await deck.widget().locator('.narration').click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
  await page.keyboard.press('End');
  await expect.poll(() => shownStep(deck.widget())).toBe(12);
  // At the widget's last step, its own key handler hands the key to the deck.
  await press(deck, 'PageDown', '#/2', 12);
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe('IFRAME');
  await press(deck, 'ArrowRight', '#/2/0/0', 23);
  expect(errors).toEqual([]);
});

test('a plain HTML deck with spte-deck.js, clicker only: there and back', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./examples/plain.html');
  await expect.poll(async () => new URL(page.url()).hash).toBe('#1');
  const deck = plain(page);
  let k = 0;
  // Slide 2: steps 1–6 of the seed case; slide 3: steps 4–7 of the fixed variant.
  await press(deck, keysFor('next', k++), '#2', 1);
  await expect(deck.widget().locator('.embed-position')).toHaveText(/^step 1 of 12 · range 1–6/);
  for (const step of range(2, 6)) await press(deck, keysFor('next', k++), '#2', step);
  await press(deck, keysFor('next', k++), '#3', 4);
  for (const step of range(5, 7)) await press(deck, keysFor('next', k++), '#3', step);
  await press(deck, keysFor('next', k++), '#4', null);
  await press(deck, keysFor('prev', k++), '#3', 7);
  for (const step of range(6, 4)) await press(deck, keysFor('prev', k++), '#3', step);
  await press(deck, keysFor('prev', k++), '#2', 6);
  for (const step of range(5, 1)) await press(deck, keysFor('prev', k++), '#2', step);
  await press(deck, keysFor('prev', k), '#1', null);
  expect(errors).toEqual([]);
});
