import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open, press, watchConsole } from './helpers.ts';

function guestTable(page: Page, side: 'buggy' | 'fixed') {
  return page.locator(`.variant-${side}`).getByRole('region', { name: 'Guest page table' });
}

/** Window offset → what the guest table's arrow from that PTE shows ('none' before the walk reaches it). */
async function arrows(page: Page, side: 'buggy' | 'fixed'): Promise<string[]> {
  return guestTable(page, side)
    .locator('[data-arrow]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-arrow') ?? ''));
}

test('shadow paging: the guest page table, arrows as the walk proceeds, a not-accessed PTE stops it', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await open(page, 'Shadow paging: a not-accessed guest PTE stops the walk');
  await page.getByRole('radio', { name: 'Fixed (after fix)' }).check();
  const table = guestTable(page, 'fixed');
  await expect(table).toBeVisible();
  await expect(
    table.getByRole('img', { name: /^Guest PTE 12: maps GFN 0x100c, present, Accessed bit clear$/ }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Source' })).toContainText('FNAME(pte_prefetch)()');

  // Tick 0 is the fault on GVA page 8: only its own install is drawn.
  await expect(page.locator('.narration')).toContainText('Access to GVA page 0x8 faults');
  expect(await arrows(page, 'fixed')).toEqual([
    'fault',
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
  ]);
  await page.locator('.narration').click(); // focus off the radio group: arrows step
  await press(page, 'ArrowRight', 1); // window
  await expect(page.locator('.narration')).toContainText(
    'each guest PTE names its own GFN, so there is no run to batch',
  );
  await press(page, 'ArrowRight', 2); // entry 8: the faulting one
  await press(page, 'ArrowRight', 3); // entry 9
  await expect(page.locator('.narration')).toContainText('Entry 9 is prefetched from its own guest PTE');
  expect(await arrows(page, 'fixed')).toEqual([
    'fault',
    'prefetched',
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
  ]);
  await press(page, 'ArrowRight', 4);
  await press(page, 'ArrowRight', 5);
  await press(page, 'ArrowRight', 6); // entry 12: Accessed bit clear
  await expect(page.locator('.narration')).toHaveText(
    'Entry 12 fails: its guest PTE has the Accessed bit clear (guest PTE → GFN 0x100c). The walk stops.',
  );
  expect(await arrows(page, 'fixed')).toEqual([
    'fault',
    'prefetched',
    'prefetched',
    'prefetched',
    'failed',
    'none',
    'none',
    'none',
  ]);
  // The shadow page agrees: 9-11 prefetched, 12-15 never tried.
  const grid = page.getByRole('grid', { name: /SPTE page — fixed/ });
  for (const i of [9, 10, 11])
    await expect(grid.getByRole('gridcell', { name: new RegExp(`^SPTE ${i}: prefetched`) })).toHaveCount(1);
  for (const i of [12, 13, 14, 15])
    await expect(grid.getByRole('gridcell', { name: new RegExp(`^SPTE ${i}: not present`) })).toHaveCount(1);
  await expect(page.locator('.code-line.is-current')).toContainText('!accessed(gpte)');
  expect(errors).toEqual([]);
});

test('shadow paging in compare mode says both variants walk the same way', async ({ page }) => {
  await open(page, 'Shadow paging: scattered GFNs');
  await page.getByRole('radio', { name: 'Compare' }).check();
  await expect(page.getByRole('note')).toHaveText(
    /Shadow paging never had the trailing bug: buggy and fixed walk the same way/,
  );
  await expect(
    guestTable(page, 'buggy').getByRole('img', { name: /^Guest PTE 9: maps GFN 0x7,/ }),
  ).toBeVisible();
});

test('guest paging off falls back to the direct walk', async ({ page }) => {
  await open(page, 'Shadow paging, guest paging off');
  await page.getByRole('radio', { name: 'Buggy (before fix)' }).check();
  await expect(page.locator('.variant-buggy')).toContainText('Guest paging is off');
  await page.locator('.narration').click(); // focus off the radio group: arrows step
  await expect(page.locator('.narration')).toContainText('Access to GFN 0x0 faults');
  await press(page, 'ArrowRight', 1);
  await expect(page.locator('.narration')).toContainText('hands it to __direct_pte_prefetch');
  await expect(page.locator('.code-line.is-current')).toContainText('sp->role.direct');
});

test('the editor switches to shadow paging and edits a guest PTE range', async ({ page }) => {
  await open(page, 'Seed case: fault on 8');
  await page.getByRole('radio', { name: 'Fixed (after fix)' }).check();
  await page.getByLabel('MMU').selectOption('shadow');
  const table = guestTable(page, 'fixed');
  await expect(
    table.getByRole('img', { name: /^Guest PTE 9: maps GFN 0x9, present, accessed/ }),
  ).toBeVisible();
  const range0 = page.getByRole('group', { name: 'Guest PTE range 0' });
  // The checkbox follows the scenario, which the worker reloads: click, then wait for the new state.
  await range0.getByRole('checkbox', { name: 'accessed' }).click();
  await expect(range0.getByRole('checkbox', { name: 'accessed' })).not.toBeChecked();
  await expect(
    table.getByRole('img', { name: /^Guest PTE 9: maps GFN 0x9, present, Accessed bit clear/ }),
  ).toBeVisible();
  await range0.getByLabel('Maps GFN').fill('256');
  await range0.getByLabel('Maps GFN').press('Enter');
  await expect(table.getByRole('img', { name: /^Guest PTE 9: maps GFN 0x109,/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Guest paging on' }).click();
  await expect(page.locator('.variant-fixed')).toContainText('Guest paging is off');
});
