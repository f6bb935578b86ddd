import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { grid, open, prefetched, range, states, toEndOfFirstAccess } from './helpers.ts';

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import' }).click();
  return page.getByRole('dialog', { name: 'Import a scenario' });
}

async function pasteAndLoad(page: Page, text: string) {
  const dialog = await openImport(page);
  await dialog.getByLabel('Or paste scenario JSON').fill(text);
  await dialog.getByRole('button', { name: 'Load pasted JSON' }).click();
  return dialog;
}

const GOOD = {
  version: 1,
  name: 'Imported: fault on 12',
  mmu: 'legacy',
  variant: 'fixed',
  backing: '4k',
  adBits: true,
  memslots: [{ baseGfn: 0, pages: 512 }],
  nonResident: [],
  present: [],
  accesses: [12],
};

test('bad JSON is refused with a message and the scenario stays', async ({ page }) => {
  await open(page);
  const before = await states(page, 'fixed');
  const dialog = await pasteAndLoad(page, '{ "mmu": ');
  await expect(dialog.getByRole('alert')).toContainText('$');
  await expect(dialog.getByRole('alert')).toContainText('not JSON');
  await expect(dialog.getByRole('alert')).toContainText('unchanged');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
  expect(await states(page, 'fixed')).toEqual(before);
});

test('a bad field names its JSON path, by file and by paste', async ({ page }) => {
  await open(page);
  const bad = JSON.stringify({ ...GOOD, memslots: [{ baseGfn: 0, pages: -3 }] });
  const dialog = await openImport(page);
  await dialog
    .getByLabel('Scenario file')
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(dialog.getByRole('alert')).toContainText('$.memslots[0].pages');
  await expect(dialog.getByRole('alert')).toContainText('must be a positive integer');
  await dialog.getByLabel('Or paste scenario JSON').fill(JSON.stringify({ ...GOOD, backing: '1g' }));
  await dialog.getByRole('button', { name: 'Load pasted JSON' }).click();
  await expect(dialog.getByRole('alert')).toContainText('$.backing');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
  await toEndOfFirstAccess(page);
  expect(await prefetched(page, 'fixed')).toEqual(range(9, 15));
});

test('a scenario too big for step mode is refused the same way', async ({ page }) => {
  await open(page);
  const big = {
    ...GOOD,
    memslots: [{ baseGfn: 0, pages: 4194304 }],
    accesses: { pattern: 'sequential', startGfn: 0, pages: 1048576 },
  };
  const dialog = await pasteAndLoad(page, JSON.stringify(big));
  await expect(dialog.getByRole('alert')).toContainText('too many steps for step mode');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
});

test('a good file imports, and export writes the scenario back', async ({ page }) => {
  await open(page);
  const dialog = await openImport(page);
  await dialog.getByLabel('Scenario file').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(GOOD)),
  });
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('preset-note')).toContainText('Imported: fault on 12');
  await toEndOfFirstAccess(page);
  expect(await prefetched(page, 'buggy')).toEqual(range(8, 11));
  expect(await prefetched(page, 'fixed')).toEqual([...range(8, 11), ...range(13, 15)]);
  await expect(grid(page, 'fixed')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('imported-fault-on-12.json');
  const text = await readFile((await d.path())!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({
    name: 'Imported: fault on 12',
    accesses: [12],
    memslots: [{ baseGfn: 0, pages: 512 }],
  });
});
