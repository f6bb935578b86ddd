import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { grid, open, press, stage, watchConsole } from './helpers.ts';

/** Every entry's accessible name on both pages: the whole picture, as a screen reader hears it. */
async function picture(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const side of ['buggy', 'fixed'] as const) {
    const g = grid(page, side);
    if ((await g.count()) === 0) continue;
    out.push(
      ...(await g
        .locator('[role="gridcell"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))),
    );
  }
  return out;
}

test('a link restores the identical frame: scenario, variant, step and speed', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = watchConsole(page);
  await open(page, /A present entry splits the window/);
  // Make the scenario custom (not a preset) so the link must carry it.
  await grid(page, 'fixed')
    .getByRole('gridcell', { name: /^SPTE 20:/ })
    .click();
  await expect(page.getByLabel('Scenario', { exact: true })).not.toHaveValue('split');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let t = 1; t <= 6; t++) await press(page, 'ArrowRight', t);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Copied', { exact: true })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // Tick 6 is "step 7 of …" in the app, and in the link (format 2).
  expect(link).toMatch(/#v=2&variant=compare&step=7&s=z[A-Za-z0-9_-]+$/);
  await expect.poll(() => page.url()).toBe(link);
  const before = await picture(page);
  expect(before.length).toBe(1024);

  const other = await context.newPage();
  await other.goto(link);
  await expect(stage(other)).toHaveAttribute('data-frame-tick', '6');
  await expect(other.getByRole('radio', { name: 'Compare' })).toBeChecked();
  expect(await picture(other)).toEqual(before);
  await expect(other.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the URL follows stepping and a single variant survives a reload', async ({ page }) => {
  await open(page);
  await page.getByRole('radio', { name: 'Buggy (before fix)' }).check();
  await expect(grid(page, 'fixed')).toHaveCount(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await press(page, 'End');
  const tick = await stage(page).getAttribute('data-frame-tick');
  await expect
    .poll(() => page.url())
    .toContain(`v=2&variant=buggy&step=${Number(tick) + 1}&preset=seed-run&s=z`);
  const before = await picture(page);
  await page.reload();
  await expect(stage(page)).toHaveAttribute('data-frame-tick', tick!);
  await expect(page.getByRole('radio', { name: 'Buggy (before fix)' })).toBeChecked();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
  expect(await picture(page)).toEqual(before);
});

const BAD_LINKS: Array<[string, string, RegExp]> = [
  ['garbage', '#s=z%%%not-base64&variant=sideways', /not buggy, fixed or compare.*not in a format/],
  ['damaged', '#s=zAAAAAAAAAAAAAAAAAAAA', /damaged/],
  ['oversized', `#s=j${'A'.repeat(70 * 1024)}`, /over 64 KB are refused/],
  [
    'hostile',
    `#variant=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}&preset=${encodeURIComponent('<script>window.__pwned=2</script>')}`,
    /variant “<img src=x onerror=/,
  ],
];

for (const [name, hash, message] of BAD_LINKS) {
  test(`a ${name} link shows a banner and the default scenario`, async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`./${hash}`);
    const banner = page.getByRole('alert').filter({ hasText: 'Link not fully opened' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(message);
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
    await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
    await expect(grid(page, 'fixed').getByRole('gridcell', { name: /^SPTE 8: faulting/ })).toBeVisible();
    // The payload stayed text: no element was made from it and nothing ran.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toBe(0);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
  });
}
