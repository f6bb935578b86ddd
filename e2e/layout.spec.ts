import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { open, press, stage } from './helpers.ts';

const DESKTOPS = [
  { width: 1440, height: 900 },
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
const PHONE = { width: 390, height: 844 } as const;

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b, 'element is laid out').not.toBeNull();
  return b!;
}

/** Every counters block ends above the dock's top edge (nothing hides under it). */
async function expectCountersAboveDock(page: Page, what: string): Promise<void> {
  // Retried: a mode change redraws once the worker's frame arrives (the shadow guest table with
  // it), so a busy machine can measure the page between the two layouts.
  await expect(async () => {
    const dock = await box(page.locator('.dock'));
    const all = await page.locator('.counters').all();
    expect(all.length, `${what}: counters shown`).toBeGreaterThan(0);
    for (const c of all) {
      const b = await box(c);
      expect(b.y + b.height, `${what}: counters above the dock`).toBeLessThanOrEqual(dock.y + 0.5);
    }
  }).toPass({ timeout: 5000 });
}

async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  const m = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    cw: document.documentElement.clientWidth,
  }));
  expect(m.sw, `${what}: no horizontal scrolling`).toBeLessThanOrEqual(m.cw);
}

for (const size of DESKTOPS) {
  test(`at ${size.width}×${size.height} the dock keeps its height and the counters stay above it`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await open(page);
    const dock = page.locator('.dock');
    const heights = new Set<number>();
    // The first access and the start of the second: sentences of one line and of two.
    for (let t = 1; t <= 14; t++) {
      await press(page, 'ArrowRight', t);
      heights.add(Math.round((await box(dock)).height));
      await expectCountersAboveDock(page, `step ${t}`);
    }
    expect([...heights]).toHaveLength(1);
  });
}

for (const size of [DESKTOPS[0], DESKTOPS[2]]) {
  test(`at ${size.width}×${size.height} one variant, shadow paging (1440×900) and 2 MiB keep the counters above the dock`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await open(page);
    for (const radio of ['Buggy (before fix)', 'Fixed (after fix)'] as const) {
      await page.getByRole('radio', { name: radio }).check();
      await expect(stage(page)).toHaveClass(/stage-single/);
      // A button, not an arrow key: the focused radio group would take the arrow.
      await page.getByRole('button', { name: 'Step forward' }).click();
      await expect(stage(page)).not.toHaveAttribute('data-frame-tick', '0');
      await expectCountersAboveDock(page, radio);
    }
    await page.getByRole('radio', { name: 'Compare' }).check();
    // Shadow paging draws a guest page table above each page: at 1280×720 the drawings keep a
    // legible size and the page scrolls instead (the issue asks for 1440×900).
    const presets =
      size.height >= 900
        ? [/Shadow paging: scattered/, /not-accessed guest PTE/, /2 MiB backing/]
        : [/2 MiB backing/];
    for (const preset of presets) {
      await open(page, preset);
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      await press(page, 'ArrowRight', 1);
      // The 2 MiB preset's fault is its last step (two in all); the shadow walks go on.
      if (!/2 MiB/.test(preset.source)) await press(page, 'ArrowRight', 2);
      await expectCountersAboveDock(page, `${preset.source}, compare`);
      await page.getByRole('radio', { name: 'Fixed (after fix)' }).check();
      await expect(stage(page)).toHaveClass(/stage-single/);
      await expectCountersAboveDock(page, `${preset.source}, fixed only`);
      await page.getByRole('radio', { name: 'Compare' }).check();
    }
  });
}

/*
 * The point in ten seconds: a newcomer opening the plain address sees the end of the seed's first
 * fault, the old code's dropped run beside the fix's seven installed entries, on the first screen
 * and not under the dock, at every size.
 */
for (const size of [...DESKTOPS, PHONE]) {
  test(`the first frame at ${size.width}×${size.height} shows "dropped" beside "installed 7"`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await page.goto('./');
    const dropped = page.locator('.variant-buggy').getByText('dropped', { exact: true });
    const installed = page.locator('.variant-fixed').getByText('✓ installed 7');
    await expect(dropped).toBeVisible();
    await expect(installed).toBeVisible();
    const dock = await box(page.locator('.dock'));
    for (const [name, l] of [
      ['dropped', dropped],
      ['installed 7', installed],
    ] as const) {
      await expect(l, `${name} on the first screen`).toBeInViewport();
      const b = await box(l);
      expect(b.y + b.height, `${name} above the dock`).toBeLessThanOrEqual(dock.y);
    }
    await expect(page.getByRole('button', { name: 'Watch this fault again' })).toBeEnabled();
    await info.attach(`first-frame-${size.width}x${size.height}`, {
      body: await page.screenshot(),
      contentType: 'image/png',
    });
    // A link names its own step and keeps it: only the plain address changed.
    await page.goto('./?preset=seed-run&step=0');
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  });
}

test('"Watch this fault again" plays the fault from its first step and stops where it started', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./');
  await expect(page.locator('.variant-fixed').getByText('✓ installed 7')).toBeVisible();
  const end = Number(await stage(page).getAttribute('data-frame-tick'));
  expect(end).toBeGreaterThan(5);
  // Fastest pace, so the replay takes a couple of seconds.
  await page.getByRole('slider', { name: 'Speed' }).fill('4');
  await page.getByRole('button', { name: 'Watch this fault again' }).click();
  await expect.poll(async () => Number(await stage(page).getAttribute('data-frame-tick'))).toBeLessThan(4);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(stage(page)).toHaveAttribute('data-frame-tick', String(end), { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.locator('.variant-fixed').getByText('✓ installed 7')).toBeVisible();
});

test.describe('a phone, 390×844', () => {
  test.use({ viewport: PHONE });

  test('panes stack, nothing scrolls sideways, the dock stays small and folds', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.variant-fixed').getByText('✓ installed 7')).toBeVisible();
    await noSidewaysScroll(page, 'stepping view');
    const buggy = await box(page.locator('.variant-column.variant-buggy'));
    const fixed = await box(page.locator('.variant-column.variant-fixed'));
    expect(fixed.y, 'fixed below buggy').toBeGreaterThanOrEqual(buggy.y + buggy.height);
    expect(Math.abs(fixed.x - buggy.x)).toBeLessThan(1);
    for (const w of [buggy, fixed]) expect(w.x + w.width).toBeLessThanOrEqual(PHONE.width);
    const dock = page.locator('.dock');
    expect((await box(dock)).height, 'dock at most 30% of the screen').toBeLessThanOrEqual(
      PHONE.height * 0.3,
    );
    // Folded: the step buttons alone; the sentence is still there for screen readers.
    await page.getByRole('button', { name: /Fold/ }).click();
    expect((await box(dock)).height).toBeLessThanOrEqual(PHONE.height * 0.12);
    await expect(page.getByRole('button', { name: 'Step forward' })).toBeVisible();
    await expect(page.locator('.narration')).toHaveCount(1);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await page.getByRole('button', { name: /Show sentence/ }).click();
    await expect(page.locator('.status-row .narration')).toBeVisible();
    // The header's tools are one tap away.
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeHidden();
    await page.getByRole('button', { name: /^More/ }).click();
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
    await expect(page.getByLabel('Theme')).toBeVisible();
    await noSidewaysScroll(page, 'menu open');
  });

  test('the experiment and paths forms wrap inside the screen', async ({ page }) => {
    await page.goto('./?view=experiment');
    await expect(page.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
    await noSidewaysScroll(page, 'experiment');
    for (const b of await page.locator('.xp-form button, .xp-form input, .xp-form select').all()) {
      const r = await box(b);
      expect(r.x + r.width, 'form control inside the screen').toBeLessThanOrEqual(PHONE.width);
    }
    await expect(page.getByRole('button', { name: '1 TiB' })).toBeInViewport();
    await page.goto('./?view=paths');
    await expect(page.getByRole('region', { name: 'Results' })).toBeVisible({ timeout: 30_000 });
    await noSidewaysScroll(page, 'paths');
  });

  test('an embed is laid out upright and stays legible', async ({ page }) => {
    await page.goto('./?embed&preset=seed&variant=compare&step=11');
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '11');
    await expect(page.locator('.embed-canvas')).toHaveClass(/is-portrait/);
    const m = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLElement>('.embed-canvas')!;
      let smallest = Infinity;
      for (const el of canvas.querySelectorAll('*')) {
        if (el.closest('svg') || el.classList.contains('embed-sr') || !el.checkVisibility()) continue;
        const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
        if (hasText) smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
      }
      const d = document.documentElement;
      return {
        smallest: smallest * Number(canvas.dataset.scale),
        sw: d.scrollWidth,
        cw: d.clientWidth,
        sh: d.scrollHeight,
        ch: d.clientHeight,
      };
    });
    // On-screen text size (design size × the canvas scale): 13 px or more on a phone.
    expect(m.smallest).toBeGreaterThanOrEqual(13);
    expect(m.sw).toBeLessThanOrEqual(m.cw);
    expect(m.sh).toBeLessThanOrEqual(m.ch);
    // The two heads' texts do not overlap each other.
    for (const side of ['buggy', 'fixed']) {
      const title = await box(page.locator(`.embed-column.is-${side} .embed-column-title`));
      const counts = await box(page.locator(`.embed-column.is-${side} .embed-counts`));
      const apart =
        counts.x >= title.x + title.width ||
        counts.y >= title.y + title.height ||
        counts.x + counts.width <= title.x;
      expect(apart, `${side}: title and counts apart`).toBe(true);
    }
  });
});
