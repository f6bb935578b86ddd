import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export type Side = 'buggy' | 'fixed';

export function grid(page: Page, side: Side): Locator {
  return page.getByRole('grid', { name: new RegExp(`SPTE page — ${side}`) });
}

export function stage(page: Page): Locator {
  return page.locator('.stage');
}

/**
 * Opens the app on step 1 of the default scenario (a link naming step 0: the plain address opens
 * at the end of the first fault, see firstFrame.ts) and waits for that frame; optionally picks a
 * preset by its label.
 */
export async function open(page: Page, presetLabel?: string | RegExp): Promise<void> {
  await page.goto('./?v=2&step=1');
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  if (presetLabel !== undefined) {
    const select = page.getByLabel('Scenario', { exact: true });
    const value = await select.locator('option', { hasText: presetLabel }).first().getAttribute('value');
    await select.selectOption(value!);
    await expect(page.getByTestId('preset-note')).toBeVisible();
    // The stage names its preset once the new scenario is loaded; tick 0 alone is also true of
    // the scenario shown before, and a key pressed then would step the old one.
    await expect(stage(page)).toHaveAttribute('data-preset', value!);
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  }
}

export async function frameTick(page: Page): Promise<number> {
  return Number(await stage(page).getAttribute('data-frame-tick'));
}

/** Presses a key (on the page, not a control) and waits until the frame for the new tick is drawn. */
export async function press(page: Page, key: string, expectTick?: number): Promise<number> {
  const before = await frameTick(page);
  await page.keyboard.press(key);
  if (expectTick !== undefined) {
    await expect(stage(page)).toHaveAttribute('data-frame-tick', String(expectTick));
    return expectTick;
  }
  await expect.poll(() => frameTick(page)).not.toBe(before);
  return frameTick(page);
}

/** Steps to the last tick of the first access (the fault and its whole window walk). */
export async function toEndOfFirstAccess(page: Page): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Timeline' });
  const max = Number(await slider.getAttribute('max'));
  for (let t = (await frameTick(page)) + 1; t <= max; t++) {
    await press(page, 'ArrowRight', t);
    if ((await stage(page).getAttribute('data-access')) !== '0') {
      await press(page, 'ArrowLeft', t - 1);
      return;
    }
  }
}

/** Index → state word, from each entry's accessible name ("SPTE 9: prefetched, GFN 0x9"). */
export async function states(page: Page, side: Side): Promise<Map<number, string>> {
  const labels = await grid(page, side)
    .locator('[role="gridcell"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const out = new Map<number, string>();
  for (const l of labels) {
    const m = /^SPTE (\d+): (not present|present|faulting|prefetched|2M mapping)/.exec(l);
    if (m) out.set(Number(m[1]), m[2]!);
  }
  return out;
}

export async function prefetched(page: Page, side: Side): Promise<number[]> {
  const s = await states(page, side);
  return [...s].filter(([, w]) => w === 'prefetched').map(([i]) => i);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/** Fails the test on any console error or uncaught exception. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
