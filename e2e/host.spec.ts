import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { watchConsole } from './helpers.ts';

const path = (page: Page) => page.getByTestId('host-path');
const bug = (page: Page) => page.getByTestId('host-bug');

test('a 5.15.y Intel host with EPT A/D, the default tdp_mmu and no nesting runs the buggy legacy MMU', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('./?view=host');
  await expect(page.getByRole('heading', { name: 'Is my host affected?' })).toBeVisible();
  // The page opens on 5.15.139: the 5.15.y stable series turned the TDP MMU default off (5.15.129).
  await expect(path(page)).toHaveAttribute('data-path', 'legacy-direct');
  await expect(bug(page)).toHaveAttribute('data-bug', 'affected');
  await expect(page.getByTestId('host-cost-host')).toContainText('1,572,864');
  await expect(
    page.getByText('The fix would save 1,376,256 of 1,572,864 faults on this workload.'),
  ).toBeVisible();
  await expect(page.getByText(/7e546bd08943/).first()).toBeVisible();
  await expect(page.getByText('$ cat /sys/module/kvm_intel/parameters/eptad')).toBeVisible();

  // 5.15.128 still defaulted to the TDP MMU: no prefetch at all, so not affected.
  const kernel = page.getByLabel('Kernel (uname -r)');
  await kernel.fill('5.15.128');
  await expect(path(page)).toHaveAttribute('data-path', 'tdp-mmu');
  await expect(bug(page)).toHaveAttribute('data-bug', 'not-affected');
  expect(errors).toEqual([]);
});

test('other hosts: EPT off, a nested guest without EPT A/D, a fixed kernel, a bad version', async ({
  page,
}) => {
  await page.goto('./?view=host');
  const kernel = page.getByLabel('Kernel (uname -r)');
  await kernel.fill('6.8.12-arch1-1');
  await expect(path(page)).toHaveAttribute('data-path', 'tdp-mmu');
  await page.getByLabel('kvm.tdp_mmu').selectOption('off');
  await expect(bug(page)).toHaveAttribute('data-bug', 'fixed');
  await page.getByLabel('kvm.tdp_mmu').selectOption('default');

  await page.getByLabel('The workload runs in a nested (L2) guest').check();
  await page.getByLabel('EPT A/D bits on (kvm_intel.eptad)').uncheck();
  await expect(path(page)).toHaveAttribute('data-path', 'nested-shadow');
  await expect(page.getByText(/access-tracked: each one faults on its first touch/)).toBeVisible();

  await page.getByLabel('EPT on (kvm_intel.ept)').uncheck();
  await expect(path(page)).toHaveAttribute('data-path', 'shadow');
  await expect(page.getByTestId('host-cost-host')).toContainText('196,608');

  await kernel.fill('2.6.30');
  await expect(page.getByRole('alert')).toContainText('older than 2.6.37');
});
