import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { grid, stage, watchConsole } from './helpers.ts';

const FILE = resolve(import.meta.dirname, '..', 'dist-single', 'spte-prefetch-viz.html');

// npm run test:e2e builds it; a spec run on its own builds it here (about two seconds).
test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  if (!existsSync(FILE))
    execFileSync(process.execPath, ['scripts/build-single.mjs'], { cwd: resolve(import.meta.dirname, '..') });
});

for (const [name, query] of [
  ['the app', ''],
  ['embed mode', '?embed&preset=seed&variant=compare'],
] as const) {
  test(`the single file from file:// (${name}) shows the seed case and steps, with no network`, async ({
    page,
  }) => {
    const errors = watchConsole(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(FILE).href + query);
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
    await expect(grid(page, 'fixed').getByRole('gridcell', { name: /^SPTE 8: faulting/ })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '1');
    await page.keyboard.press('End');
    await expect
      .poll(async () => Number(await stage(page).getAttribute('data-frame-tick')))
      .toBeGreaterThan(1);
    if (query)
      expect(
        await grid(page, 'fixed')
          .getByRole('gridcell', { name: /prefetched/ })
          .count(),
      ).toBe(7);
    // The page itself, then only inline (data:/blob:) resources: nothing from a network or another file.
    expect(requests.filter((u) => !/^(data|blob):/.test(u))).toEqual([pathToFileURL(FILE).href + query]);
    expect(errors).toEqual([]);
  });
}

test('the single file: the trace dialog says samples need the hosted app, with no request and no error', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
  await page.goto(pathToFileURL(FILE).href);
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  await page.getByRole('button', { name: 'Open KVM trace' }).click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText(/sample traces come with the hosted app, not with this offline file/),
  ).toBeVisible();
  await expect(dialog.getByLabel('Try a sample')).toHaveCount(0);
  await expect(dialog.locator('.trace-warn')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(requests.filter((u) => !/^(data|blob):/.test(u))).toEqual([pathToFileURL(FILE).href]);
  expect(errors).toEqual([]);
});
