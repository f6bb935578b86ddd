import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open, stage, watchConsole } from './helpers.ts';

/*
 * A comparison of two kernels in a slide (issue 12): the embed dialog's link reopens the same two
 * kernels, and the widget names them where it names a side: column titles, badges, code lines
 * (each from its own kernel's listing), counters and narration.
 */

const strip = (page: Page) => page.getByRole('navigation', { name: 'Kernel history' });
const column = (page: Page, kernel: string) =>
  page.getByRole('region', { name: new RegExp(`^Kernel ${kernel} \\(`) });

test('the v4.13 example, embedded from the dialog, opens as v4.12 | v4.13 with each side named', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await open(page);
  await strip(page)
    .getByRole('button', { name: /^2017-09 v4\.13 / })
    .click();
  await strip(page)
    .getByRole('button', { name: /Load an example where v4\.13 changes the outcome/ })
    .click();
  await expect(page.getByRole('region', { name: 'Guest page table' }).first()).toBeVisible();
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  await page.keyboard.press('End');
  await expect(stage(page)).not.toHaveAttribute('data-frame-tick', '0');
  const last = await stage(page).getAttribute('data-frame-tick');
  // The app names the sides by version too: grids and counters.
  await expect(page.getByRole('grid', { name: 'SPTE page — v4.13' })).toBeVisible();
  await expect(page.getByLabel('Counters — v4.12')).toBeVisible();

  await page.getByRole('button', { name: 'Embed in a slide' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in a slide' });
  await expect(dialog.getByText(/v4\.12 and v4\.13 side by side/)).toBeVisible();
  await dialog.getByRole('button', { name: 'From here' }).click();
  const code = dialog.getByLabel(/^Embed code/);
  await expect(code).toHaveValue(/&amp;s=z/);
  const html = await code.inputValue();
  const src = /src="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&');
  // The preset is shown at other kernels than its own: the link carries the scenario itself.
  expect(new URL(src).searchParams.get('s')).toMatch(/^z/);
  await page.keyboard.press('Escape');

  const widget = await page.context().newPage();
  const widgetErrors = watchConsole(widget);
  await widget.setViewportSize({ width: 1280, height: 720 });
  await widget.goto(src);
  await expect(stage(widget)).toHaveAttribute('data-frame-tick', last!);
  const left = column(widget, '4.12');
  const right = column(widget, '4.13');
  await expect(left.locator('.embed-column-title')).toHaveText('Kernel 4.12');
  await expect(right.locator('.embed-column-title')).toHaveText('Kernel 4.13');
  // Both predate c6cecc4b9324: each badge is its kernel's own.
  await expect(left.locator('.spte-variant-badge')).toHaveText('buggy');
  await expect(right.locator('.spte-variant-badge')).toHaveText('buggy');
  // The touch of GVA 9: a hit on v4.12, an access-tracked fault on v4.13.
  await expect(left.locator('.embed-counts')).toContainText('pf_fixed 1');
  await expect(right.locator('.embed-counts')).toContainText('pf_fixed 2');
  await expect(widget.getByLabel('Current line — v4.12')).toContainText('sets its accessed bit');
  await expect(widget.getByLabel('Current line — v4.13')).not.toContainText('accessed bit');
  // An embed draws its overview as a picture, named by the side's kernel and a summary.
  await expect(widget.getByRole('img', { name: /^SPTE page — v4\.13: 512 entries/ })).toBeVisible();
  await expect(widget.locator('.narration')).toContainText(/v4\.12: .* v4\.13: /);
  expect(errors).toEqual([]);
  expect(widgetErrors).toEqual([]);
});

test("each column's code line is its own kernel's: the A/D test of v4.12 beside v4.13's", async ({
  page,
}) => {
  const errors = watchConsole(page);
  // EPT without A/D bits on the legacy MMU: both return early, at their own version's test.
  const scenario = {
    name: 'EPT without A/D, 4.12 against 4.13',
    adBits: false,
    kernel: '4.13',
    compareKernel: '4.12',
    memslots: [{ baseGfn: 0, pages: 512 }],
    accesses: [8],
  };
  const s = `j${Buffer.from(JSON.stringify(scenario)).toString('base64url')}`;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`./?embed&v=2&variant=compare&step=1&s=${s}`);
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  const left = page.getByLabel('Current line — v4.12');
  const right = page.getByLabel('Current line — v4.13');
  // One step at a time, each awaited: the code line changes with the worker's frame, and reading
  // it before that frame lands stepped past the line (to the end) on a loaded machine.
  for (let i = 0; i < 6 && !(await right.textContent())?.includes('sp_ad_disabled'); i++) {
    const tick = (await stage(page).getAttribute('data-frame-tick')) ?? '';
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(stage(page)).not.toHaveAttribute('data-frame-tick', tick);
  }
  await expect(right).toContainText('if (sp_ad_disabled(sp)) return;');
  await expect(left).toContainText('if (!shadow_accessed_mask) return;');
  expect(errors).toEqual([]);
});
