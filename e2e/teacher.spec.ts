import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { stage, watchConsole } from './helpers.ts';

/*
 * docs/teaching.md, "First slide in five minutes", followed with the keyboard only: pick a preset,
 * open "Embed in a slide", set the range, copy the embed code and the script line, paste both into
 * a reveal.js deck and a plain page, and present them with a clicker's keys.
 */

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, test: (el: { tag: string; text: string; label: string }) => boolean) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const label = a?.id ? (document.querySelector(`label[for="${a.id}"]`)?.textContent ?? '') : '';
      return {
        tag: a?.tagName ?? '',
        text: (a?.textContent ?? '').trim(),
        label: label || (a?.closest('label')?.textContent ?? '') || (a?.getAttribute('aria-label') ?? ''),
      };
    });
    if (test(el)) return;
  }
  throw new Error('never reached by Tab');
}

/** A page of the teacher's, served beside the app (as on a course's web space). */
const serve = (page: Page, name: string, html: string) =>
  page.route(`**/${name}`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));

const step = (page: Page, frame = 'iframe') =>
  page
    .frameLocator(frame)
    .locator('.stage')
    .getAttribute('data-frame-tick')
    .then((t) => Number(t) + 1);

test('first slide in five minutes, keyboard only: preset, range, embed code, a deck and a page', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = watchConsole(page);
  await page.goto('./');
  // The plain address opens on the end of the first fault; any drawn frame will do here.
  await expect(stage(page)).not.toHaveAttribute('data-frame-tick', '-1');

  // 1. Pick the preset: Tab to the Scenario list, type the start of its name.
  await tabTo(page, (el) => el.tag === 'SELECT' && /Scenario/.test(el.label));
  await page.keyboard.type('Seed case: fault');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed');
  await expect(stage(page)).toHaveAttribute('data-preset', 'seed');

  // 2. Open "Embed in a slide" and set the range: steps 2 to 7.
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Embed in a slide');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Embed in a slide' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('From step')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('to step')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('7');
  await expect(dialog.getByText('The widget shows steps 2–7 of 12')).toBeVisible();

  // 3. Copy the embed code, then the script line.
  await tabTo(page, (el) => el.text === 'Copy embed code');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Embed code copied');
  const iframe = await page.evaluate(() => navigator.clipboard.readText());
  expect(iframe).toMatch(
    /^<iframe class="spte-frame" src="http:\/\/127\.0\.0\.1:\d+\/\?embed&amp;v=2&amp;preset=seed/,
  );
  expect(iframe).toContain('&amp;from=2&amp;to=7');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Script line copied');
  const script = await page.evaluate(() => navigator.clipboard.readText());
  expect(script).toBe(`<script src="${baseURL}examples/spte-deck.js"></script>`);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // 4. Paste into a reveal.js deck and present it with the clicker's keys.
  const deck = await context.newPage();
  const deckErrors = watchConsole(deck);
  await deck.setViewportSize({ width: 1280, height: 720 });
  await serve(
    deck,
    'my-deck.html',
    `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="${baseURL}examples/vendor/reveal.css"><link rel="stylesheet" href="${baseURL}examples/vendor/theme/white.css">
</head><body><div class="reveal"><div class="slides">
<section><h2>My lecture</h2></section>
<section><h3>The seed case</h3>${iframe}</section>
<section><h3>Questions?</h3></section>
</div></div>
<script src="${baseURL}examples/vendor/reveal.js"></script>
${script}
<script>Reveal.initialize({ hash: true, width: 1280, height: 720, plugins: [SpteDeck] });</script>
</body></html>`,
  );
  await deck.goto('./my-deck.html');
  const slide = () =>
    deck.evaluate(
      () => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h,
    );
  const present = 'section.present iframe';
  await expect.poll(slide).toBe(0);
  await deck.keyboard.press('PageDown');
  await expect.poll(slide).toBe(1);
  await expect(deck.locator(present)).toHaveAttribute('data-spte-ready', '');
  await expect.poll(() => step(deck, present)).toBe(2);
  for (const n of [3, 4, 5, 6, 7]) {
    await deck.keyboard.press(n % 2 ? 'ArrowRight' : 'PageDown');
    await expect.poll(slide).toBe(1);
    await expect.poll(() => step(deck, present)).toBe(n);
  }
  await deck.keyboard.press('PageDown');
  await expect.poll(slide).toBe(2);
  await deck.keyboard.press('PageUp');
  await expect.poll(slide).toBe(1);
  await expect.poll(() => step(deck, present)).toBe(7);
  for (const n of [6, 5, 4, 3, 2]) {
    await deck.keyboard.press(n % 2 ? 'ArrowLeft' : 'PageUp');
    await expect.poll(() => step(deck, present)).toBe(n);
  }
  await deck.keyboard.press('ArrowLeft');
  await expect.poll(slide).toBe(0);

  // 5. The same code in a plain page: the clicker steps the widget on screen.
  await deck.close();
  const notes = await context.newPage();
  const notesErrors = watchConsole(notes);
  await serve(
    notes,
    'my-notes.html',
    `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>
<body style="margin:0"><h1>Notes</h1>${iframe}${script}</body></html>`,
  );
  await notes.goto('./my-notes.html');
  await expect(notes.locator('iframe')).toHaveAttribute('data-spte-ready', '');
  await expect.poll(() => step(notes)).toBe(2);
  for (const n of [3, 4, 5]) {
    await notes.keyboard.press('PageDown');
    await expect.poll(() => step(notes)).toBe(n);
  }
  expect(errors).toEqual([]);
  expect(deckErrors).toEqual([]);
  expect(notesErrors).toEqual([]);
});
