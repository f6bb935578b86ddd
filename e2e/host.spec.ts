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

test('the question is in the address: a link reopens the same answer, changes go back into it', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('./?view=host&kernel=6.8.12-arch1-1&cpu=amd&npt=N&nested=Y');
  await expect(page.getByLabel('Kernel (uname -r)')).toHaveValue('6.8.12-arch1-1');
  await expect(page.getByLabel('CPU')).toHaveValue('amd');
  await expect(page.getByLabel('NPT on (kvm_amd.npt)')).not.toBeChecked();
  await expect(page.getByLabel('The workload runs in a nested (L2) guest')).toBeChecked();
  // NPT off: shadow paging, whatever the nesting.
  await expect(path(page)).toHaveAttribute('data-path', 'shadow');
  await expect(
    page.getByText('$ npm run sim -- --host kernel=6.8.12-arch1-1 cpu=amd npt=N nested=Y'),
  ).toBeVisible();

  // A change goes into the address, and a reload answers the same question.
  await page.getByLabel('NPT on (kvm_amd.npt)').check();
  await page.getByLabel('kvm.tdp_mmu').selectOption('off');
  await expect(page).toHaveURL(/\?view=host&kernel=6\.8\.12-arch1-1&cpu=amd&tdp_mmu=N&nested=Y(#|$)/);
  await expect(path(page)).toHaveAttribute('data-path', 'nested-shadow');
  await page.reload();
  await expect(page.getByLabel('kvm.tdp_mmu')).toHaveValue('off');
  await expect(page.getByLabel('NPT on (kvm_amd.npt)')).toBeChecked();
  await expect(path(page)).toHaveAttribute('data-path', 'nested-shadow');

  // Another view leaves the question behind; Back comes back to it.
  await page.getByRole('link', { name: 'Step through' }).click();
  await expect(page).not.toHaveURL(/kernel=/);
  await page.goBack();
  await expect(path(page)).toHaveAttribute('data-path', 'nested-shadow');
  expect(errors).toEqual([]);
});

test('bad values in a link are named, their defaults used, and the page still answers', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('./?view=host&kernel=9.1&ept=maybe&nested=Y');
  const problems = page.getByTestId('host-link-problems');
  await expect(problems).toContainText('ept: expected Y or N, got "maybe": the default is used instead.');
  await expect(problems).toContainText(
    /kernel "9\.1" in the link: 9\.1 is not a Linux release; supported: .*Showing 5\.15\.139 instead\./,
  );
  await expect(page.getByLabel('Kernel (uname -r)')).toHaveValue('5.15.139');
  await expect(page.getByLabel('EPT on (kvm_intel.ept)')).toBeChecked();
  await expect(page.getByLabel('The workload runs in a nested (L2) guest')).toBeChecked();
  await expect(path(page)).toHaveAttribute('data-path', 'nested-shadow');
  // The address now says what is shown; the message goes once the user changes something.
  await expect(page).toHaveURL(/\?view=host&kernel=5\.15\.139&nested=Y(#|$)/);
  await page.getByLabel('The workload runs in a nested (L2) guest').uncheck();
  await expect(problems).toHaveCount(0);
  expect(errors).toEqual([]);
});
