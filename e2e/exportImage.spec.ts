import { expect, test } from '@playwright/test';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { open, press, watchConsole } from './helpers.ts';

async function bytesOf(d: Download): Promise<Buffer> {
  return readFile((await d.path())!);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } {
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function openMenu(page: Page) {
  await page.getByRole('button', { name: /Export image/ }).click();
  await expect(page.getByRole('group', { name: 'Export image' })).toBeVisible();
}

test('the current frame exports as a valid SVG with the grid and the caption', async ({ page }) => {
  const errors = watchConsole(page);
  await open(page);
  await press(page, 'ArrowRight', 1);
  const narration = (await page.locator('.narration-text').textContent())!.trim();
  await openMenu(page);
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(d.suggestedFilename()).toBe('spte-step-0002.svg');
  const svg = (await bytesOf(d)).toString('utf8');
  // Parse it in the page, as an image viewer would.
  const info = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      tag: root.tagName,
      nestedSvgs: root.querySelectorAll('svg').length,
      cells: root.querySelectorAll('[role="gridcell"]').length,
      caption: Array.from(root.querySelectorAll('.spte-export-caption text'), (t) => t.textContent).join(' '),
      vars: text.includes('var(--'),
    };
  }, svg);
  expect(info.error).toBeNull();
  expect(info.tag).toBe('svg');
  expect(info.nestedSvgs).toBeGreaterThanOrEqual(4); // two windows, two overviews
  expect(info.cells).toBe(1024); // both 512-entry grids
  expect(info.caption).toContain(narration.split(' ').slice(0, 4).join(' '));
  expect(info.vars).toBe(false); // theme colours resolved, not left as CSS variables
  expect(errors).toEqual([]);
});

test('PNG export is twice the CSS size of the exported page', async ({ page }) => {
  await open(page);
  await openMenu(page);
  await page.getByRole('radio', { name: 'After the fix' }).check();
  const width = await page
    .locator('.variant-column.variant-fixed')
    .evaluate((e) => e.getBoundingClientRect().width);
  const [svgDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  const svg = (await bytesOf(svgDl)).toString('utf8');
  const svgW = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
  const svgH = Number(/<svg[^>]* height="(\d+)"/.exec(svg)![1]);
  // The page plus a 14 px margin each side, rounded up.
  expect(Math.abs(svgW - (width + 28))).toBeLessThanOrEqual(1);
  const [pngDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PNG (2×)' }).click(),
  ]);
  expect(pngDl.suggestedFilename()).toBe('spte-step-0001.png');
  expect(pngSize(await bytesOf(pngDl))).toEqual({ width: svgW * 2, height: svgH * 2 });
});

test('"Export all steps" writes one numbered PNG per step in a zip', async ({ page }) => {
  await open(page, 'Seed case: fault on 8');
  const steps = Number(await page.getByRole('slider', { name: 'Timeline' }).getAttribute('max')) + 1;
  await openMenu(page);
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export all steps (zip)' }).click(),
  ]);
  expect(d.suggestedFilename()).toBe('spte-steps.zip');
  const zip = await bytesOf(d);
  // The central directory's end record: entry count, then each entry's name.
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  expect(count).toBe(steps);
  let p = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    const n = zip.readUInt16LE(p + 28);
    names.push(zip.subarray(p + 46, p + 46 + n).toString('utf8'));
    p += 46 + n + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  expect(names[0]).toBe('step-0001.png');
  expect(names.at(-1)).toBe(`step-${String(steps).padStart(4, '0')}.png`);
  // Each stored entry is a PNG (stored = the bytes follow the local header as they are).
  expect(zip.subarray(30 + names[0]!.length, 30 + names[0]!.length + 4)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  );
  await expect(page.getByText(`Saved ${steps} steps`)).toBeVisible();
  // The place on screen is restored.
  await expect(page.locator('.stage')).toHaveAttribute('data-frame-tick', '0');
});

test('WebM export is offered, or the menu says it is unsupported', async ({ page }) => {
  await open(page);
  await openMenu(page);
  const supported = await page.evaluate(
    () => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported('video/webm'),
  );
  if (supported) await expect(page.getByRole('button', { name: 'Record WebM' })).toBeVisible();
  else await expect(page.getByText(/cannot record video/)).toBeVisible();
});
