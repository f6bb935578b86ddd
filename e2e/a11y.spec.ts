import { expect, test } from '@playwright/test';
import { grid, open, press, watchConsole } from './helpers.ts';

test('every control in the header and transport is reachable by Tab and has a name', async ({ page }) => {
  await open(page);
  const seen: string[] = [];
  const nameless: string[] = [];
  // Tab from the top until focus reaches the stage's first grid: header, then the page's controls.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const labelledBy = el.getAttribute('aria-labelledby');
      const byId = labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '';
      const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
      const name =
        (el.getAttribute('aria-label') ?? byId ?? '') ||
        label ||
        el.textContent ||
        el.getAttribute('title') ||
        '';
      const outline = getComputedStyle(el).outlineStyle;
      const ringed = getComputedStyle(el.closest('.segmented-option') ?? el).outlineStyle;
      return {
        desc: `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[${el.getAttribute('role')}]` : ''}`,
        name: name.replace(/\s+/g, ' ').trim(),
        inGrid: !!el.closest('[role="grid"]'),
        focusVisible: outline !== 'none' || ringed !== 'none' || el.closest('[role="grid"]') !== null,
      };
    });
    if (!info) continue;
    if (info.inGrid) break;
    seen.push(`${info.desc} ${info.name}`);
    if (!info.name) nameless.push(info.desc);
    expect(info.focusVisible, `${info.desc} ${info.name} shows focus`).toBe(true);
  }
  expect(nameless).toEqual([]);
  for (const name of ['Export image', 'Predict', 'High contrast', 'Compare']) {
    expect(
      seen.some((s) => s.includes(name)),
      `${name} reachable by Tab`,
    ).toBe(true);
  }
  // The transport is after the stage; its buttons are named too.
  for (const name of ['Step forward', 'Step back', 'Next fault', 'Previous fault', 'Play', 'Reset']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  await page.getByRole('button', { name: 'Reset', exact: true }).focus();
  await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeFocused();
});

test('dark mode and reduced motion render and step without errors', async ({ page }) => {
  const errors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await open(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(15, 18, 22)');
  await press(page, 'ArrowRight', 1);
  // Reduced motion: the SPTE page's transitions are off.
  const ms = await page
    .locator('.spte-cell-fill')
    .first()
    .evaluate((e) => getComputedStyle(e).transitionDuration);
  expect(ms).toBe('0s');
  await page.getByRole('button', { name: 'Predict' }).click();
  await page.getByRole('button', { name: 'High contrast' }).click();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
  expect(errors).toEqual([]);
});

test('the high-contrast choice survives a reload', async ({ page }) => {
  await open(page);
  const toggle = page.getByRole('button', { name: 'High contrast' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveClass(/\bhc\b/);
  await page.reload();
  await expect(page.locator('.stage')).toHaveAttribute('data-frame-tick', '0');
  await expect(page.locator('html')).toHaveClass(/\bhc\b/);
  await expect(page.getByRole('button', { name: 'High contrast' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'High contrast' }).click();
  await page.reload();
  await expect(page.locator('.stage')).toHaveAttribute('data-frame-tick', '0');
  await expect(page.locator('html')).not.toHaveClass(/\bhc\b/);
});

test('arrow keys move a visible focus mark over the grid cells', async ({ page }) => {
  await open(page);
  const fixed = grid(page, 'fixed');
  const ring = fixed.locator('.spte-focus-ring');
  // Focus by script, as a click would edit the scenario: no keyboard use yet, no mark.
  await fixed.getByRole('gridcell', { name: /^SPTE 8:/ }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const focused = fixed.getByRole('gridcell', { name: /^SPTE 41:/ });
  await expect(focused).toBeFocused();
  await expect(ring).toBeVisible();
  // The mark surrounds the focused cell.
  const [cell, mark] = [await focused.boundingBox(), await ring.boundingBox()];
  expect(mark!.x).toBeLessThan(cell!.x);
  expect(mark!.y).toBeLessThan(cell!.y);
  expect(mark!.x + mark!.width).toBeGreaterThan(cell!.x + cell!.width);
  expect(mark!.y + mark!.height).toBeGreaterThan(cell!.y + cell!.height);
  // Focus leaves the grid: the mark goes with it.
  await page.getByRole('button', { name: 'Reset', exact: true }).focus();
  await expect(ring).toBeHidden();
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`the legend opens inside the screen at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await open(page);
    const toggle = page.getByRole('button', { name: 'Legend' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = page.locator('.legend-panel');
    await expect(panel).toBeVisible();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    await expect(panel.getByText('Faulting entry (this fault)')).toBeInViewport();
  });
}

test('the theme switch overrides the system setting and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bg()).toBe('rgb(247, 248, 250)');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).toBe('rgb(15, 18, 22)');
  await page.reload();
  await expect(page.locator('.stage')).not.toHaveAttribute('data-frame-tick', '-1');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  expect(await bg()).toBe('rgb(15, 18, 22)');
  // High contrast goes with either scheme: black in the dark one.
  await page.getByRole('button', { name: 'High contrast' }).click();
  expect(await bg()).toBe('rgb(0, 0, 0)');
  await page.getByRole('button', { name: 'High contrast' }).click();
  // System again: the OS decides, here light; nothing is remembered.
  await page.getByLabel('Theme').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  expect(await bg()).toBe('rgb(247, 248, 250)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await bg()).toBe('rgb(15, 18, 22)');
  await page.reload();
  await expect(page.getByLabel('Theme')).toHaveValue('system');
});
