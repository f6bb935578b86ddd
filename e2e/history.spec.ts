import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open, stage, watchConsole } from './helpers.ts';

const strip = (page: Page) => page.getByRole('navigation', { name: 'Kernel history' });
const source = (page: Page) => page.getByRole('region', { name: 'Source' });
const algorithm = (page: Page, name: string) =>
  page.getByRole('radiogroup', { name: 'Algorithm' }).getByRole('radio', { name, exact: true });
const kernelGrid = (page: Page, name: string) => page.getByRole('grid', { name: `SPTE page — ${name}` });
const value = (page: Page, side: string, row: string) =>
  page.getByLabel(`Counters — ${side}`).locator('.counters-row', { hasText: row }).locator('.counters-value');

test('choosing v4.13 on the timeline compares 4.12 with 4.13: code panel and, in its example, the outcome', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await open(page);
  await expect(strip(page).getByRole('button')).toHaveCount(12);
  await strip(page)
    .getByRole('button', { name: /^2017-09 v4\.13 / })
    .click();
  await expect(algorithm(page, 'Compare')).toBeChecked();
  await expect(algorithm(page, 'v4.12')).toBeVisible();
  await expect(algorithm(page, 'v4.13')).toBeVisible();
  await expect(strip(page).getByRole('button', { name: /^2017-09 v4\.13 / })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // The code panel follows the version: before v5.5 the file is arch/x86/kvm/mmu.c, the A/D test
  // is per page in 4.13 and global in 4.12.
  await expect(source(page)).toContainText('arch/x86/kvm/mmu.c');
  await expect(source(page)).not.toContainText('arch/x86/kvm/mmu/mmu.c');
  await expect(source(page)).toContainText('if (sp_ad_disabled(sp)) return;');
  await page.getByRole('radiogroup', { name: 'Code of' }).getByRole('radio', { name: 'v4.12' }).check();
  await expect(source(page)).toContainText('if (!shadow_accessed_mask) return;');

  // Its example: nested EPT without A/D bits. From 4.13 the touch of GVA 9 faults (access-tracked).
  await strip(page)
    .getByRole('button', { name: /Load an example where v4\.13 changes the outcome/ })
    .click();
  // The example is shadow paging: wait for its guest page table, since tick 0 is also where the
  // scenario before it stood.
  await expect(page.getByRole('region', { name: 'Guest page table' }).first()).toBeVisible();
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  await page.keyboard.press('End');
  // Each side is named by its kernel (counters, grids), not buggy/fixed: both predate the fix.
  await expect(value(page, 'v4.12', 'pf_fixed')).toHaveText('1');
  await expect(value(page, 'v4.13', 'pf_fixed')).toHaveText('2');
  await expect(value(page, 'v4.12', 'prefetch hits')).toHaveText('1');
  await expect(value(page, 'v4.13', 'prefetch hits')).toHaveText('0');
  // GVA 10-15 stay access-tracked on the 4.13 side: their own glyph and accessible name.
  await expect(
    kernelGrid(page, 'v4.13').getByRole('gridcell', { name: /^SPTE 10: prefetched, access-tracked/ }),
  ).toHaveCount(1);
  await expect(
    kernelGrid(page, 'v4.12').getByRole('gridcell', { name: /^SPTE 10: prefetched, GVA page/ }),
  ).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('v5.16 on the timeline is the seed fix again; back to 5.15 | 5.16 restores the default labels', async ({
  page,
}) => {
  await open(page);
  await strip(page)
    .getByRole('button', { name: /^2022-01 v5\.16 / })
    .click();
  // The release before the fix and the fix: the default pair, so the labels speak of the fix.
  await expect(strip(page)).toContainText('showing 5.15 | 5.16');
  await expect(algorithm(page, 'Buggy (before fix)')).toBeVisible();
  // The strip's choice reloads the scenario in the worker; an End pressed before that load lands
  // is undone by it (the load opens on step 1), so End is pressed until the end shows.
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(value(page, 'buggy', 'pf_fixed')).toHaveText('24', { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(value(page, 'fixed', 'pf_fixed')).toHaveText('3');
  await strip(page).getByRole('button', { name: 'back to 5.15 | 5.16' }).click();
  await expect(algorithm(page, 'Buggy (before fix)')).toBeVisible();
});

test('the editor takes any kernel and names what is supported when it cannot', async ({ page }) => {
  await open(page);
  const kernel = page.getByLabel('Kernel', { exact: true });
  await kernel.fill('2.6.30');
  await kernel.press('Enter');
  await expect(page.getByText(/older than 2\.6\.37.*supported: 2\.6\.37-2\.6\.39/)).toBeVisible();
  await kernel.fill('v6.13');
  await kernel.press('Enter');
  await expect(algorithm(page, 'v6.13')).toBeVisible();
  await algorithm(page, 'v6.13').check();
  await expect(source(page)).toContainText('kvm_prefetch_pages');
});
