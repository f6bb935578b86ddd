import { expect, test } from '@playwright/test';
import { frameTick, open, press, stage } from './helpers.ts';

test('arrow keys, PageUp/PageDown, Shift+arrows, Home and End drive playback', async ({ page }) => {
  await open(page);
  await press(page, 'ArrowRight', 1);
  await press(page, 'PageDown', 2);
  await press(page, 'ArrowLeft', 1);
  await press(page, 'PageUp', 0);
  await press(page, 'Shift+ArrowRight');
  await expect(stage(page)).toHaveAttribute('data-access', '1');
  const secondFault = await frameTick(page);
  await press(page, 'Shift+ArrowRight');
  await expect(stage(page)).toHaveAttribute('data-access', '2');
  await press(page, 'Shift+ArrowLeft', secondFault);
  const max = Number(await page.getByRole('slider', { name: 'Timeline' }).getAttribute('max'));
  await press(page, 'End', max);
  await press(page, 'Home', 0);
});

test('Space plays and pauses; playing advances without skipping a frame', async ({ page }) => {
  await open(page);
  const seen = new Set<number>();
  await page.exposeFunction('__seen', (t: number) => seen.add(t));
  await page.evaluate(() => {
    const el = document.querySelector('.stage')!;
    new MutationObserver(() =>
      (window as unknown as { __seen: (t: number) => void }).__seen(
        Number(el.getAttribute('data-frame-tick')),
      ),
    ).observe(el, {
      attributes: true,
      attributeFilter: ['data-frame-tick'],
    });
  });
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => frameTick(page), { timeout: 5000 }).toBeGreaterThanOrEqual(5);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const stopped = await frameTick(page);
  await page.waitForTimeout(500);
  expect(await frameTick(page)).toBe(stopped);
  for (let t = 1; t <= stopped; t++) expect(seen.has(t), `frame ${t} shown`).toBe(true);
});

test('every control is reachable by Tab, with a visible focus ring', async ({ page }) => {
  await open(page);
  const wanted = [
    'Previous fault',
    'Step back',
    'Play',
    'Step forward',
    'Next fault',
    'Reset',
    'Import',
    'Export',
  ];
  const reached = new Set<string>();
  for (let i = 0; i < 80 && reached.size < wanted.length; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const style = getComputedStyle(el);
      return { name: (el.textContent ?? '').trim(), outline: style.outlineStyle, width: style.outlineWidth };
    });
    if (!info) continue;
    const hit = wanted.find((w) => info.name.endsWith(w) || info.name.startsWith(w));
    if (hit) {
      // Disabled buttons are skipped by Tab; the enabled ones must show a focus ring.
      expect(info.outline, `${hit} focus ring`).not.toBe('none');
      reached.add(hit);
    }
  }
  // At the first tick "Step back" and "Previous fault" are disabled, hence not in the tab order.
  expect([...reached].sort()).toEqual(['Export', 'Import', 'Next fault', 'Play', 'Reset', 'Step forward']);
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await press(page, 'ArrowRight', 1);
  await press(page, 'Shift+ArrowRight');
  await expect(stage(page)).toHaveAttribute('data-access', '1');
});

test('the Algorithm radio group switches between compare, buggy and fixed', async ({ page }) => {
  await open(page);
  const group = page.getByRole('radiogroup', { name: 'Algorithm' });
  await group.getByRole('radio', { name: 'Fixed (after fix)' }).check();
  await expect(page.getByRole('grid', { name: /SPTE page — buggy/ })).toHaveCount(0);
  await expect(page.getByRole('grid', { name: /SPTE page — fixed/ })).toBeVisible();
  await group.getByRole('radio', { name: 'Compare' }).check();
  await expect(page.getByRole('grid', { name: /SPTE page — buggy/ })).toBeVisible();
});
