import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { open, press, stage } from './helpers.ts';

const DESKTOPS = [
  { width: 1440, height: 900 },
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
const PHONE = { width: 390, height: 844 } as const;
const SMALL_PHONE = { width: 360, height: 740 } as const;

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

/** The smallest text of a guest table's drawing as drawn on screen (font size × the SVG's scale), in px. */
async function smallestGuestText(page: Page): Promise<number> {
  return page.evaluate(() => {
    let min = Infinity;
    for (const t of document.querySelectorAll<SVGTextElement>('.variant-column .guest-window text')) {
      if (!t.checkVisibility() || !t.textContent?.trim()) continue;
      const scale = t.ownerSVGElement?.getScreenCTM()?.a ?? 1;
      min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
    return min;
  });
}

for (const size of DESKTOPS) {
  test(`at ${size.width}×${size.height} one variant, shadow paging and 2 MiB keep the counters above the dock`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
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
    // Shadow paging draws the guest page table in the large window's place: the counters stay
    // above the dock, and the table's type stays readable (11 px and more on screen).
    for (const preset of [/Shadow paging: scattered/, /not-accessed guest PTE/, /2 MiB backing/]) {
      await open(page, preset);
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      // The 2 MiB preset's fault is its last step (two in all); the shadow walks go on to a
      // failed entry (not-accessed), whose reason is a line of its own under the table.
      const steps = /2 MiB/.test(preset.source) ? 1 : /not-accessed/.test(preset.source) ? 6 : 2;
      for (let t = 1; t <= steps; t++) await press(page, 'ArrowRight', t);
      await expectCountersAboveDock(page, `${preset.source}, compare`);
      const shadow = !/2 MiB/.test(preset.source);
      if (shadow) {
        await expect(page.locator('.variant-column .guest-window')).toHaveCount(2);
        expect(await smallestGuestText(page), 'guest table type, compare').toBeGreaterThanOrEqual(10.5);
      }
      await page.getByRole('radio', { name: 'Fixed (after fix)' }).check();
      await expect(stage(page)).toHaveClass(/stage-single/);
      await expectCountersAboveDock(page, `${preset.source}, fixed only`);
      if (shadow) expect(await smallestGuestText(page), 'guest table type').toBeGreaterThanOrEqual(10.5);
      await page.getByRole('radio', { name: 'Compare' }).check();
    }
  });
}

/*
 * The header's first row holds the title, the four views and the seven tools down to 1280 px; the
 * tools whose labels shorten there keep their whole names for screen readers and tooltips.
 */
for (const size of DESKTOPS) {
  test(`at ${size.width}×${size.height} the header's views and tools are one row`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('./');
    await expect(stage(page)).not.toHaveAttribute('data-frame-tick', '-1');
    const top = await box(page.locator('.app-header-top'));
    const items = [
      page.locator('.app-title'),
      page.getByRole('navigation', { name: 'Views' }),
      page.locator('.header-tools'),
    ];
    for (const l of items) {
      const b = await box(l);
      expect(b.y + b.height, 'inside the first row').toBeLessThanOrEqual(top.y + top.height + 0.5);
    }
    // One row: the tools sit beside the views, not under them.
    const views = await box(items[1]!);
    const tools = await box(items[2]!);
    expect(tools.y).toBeLessThan(views.y + views.height);
    expect(tools.x).toBeGreaterThanOrEqual(views.x + views.width);
    for (const name of [
      'Open KVM trace',
      'Embed in a slide',
      'Export image',
      'Copy link',
      'Import',
      'Export',
    ]) {
      const b = page.getByRole('button', { name, exact: true });
      await expect(b).toBeVisible();
      await expect(b).toBeInViewport({ ratio: 1 });
    }
    // Below 1440 px the button shows "Embed" (a CSS ::before); its name and tooltip say it all.
    const embed = page.getByRole('button', { name: 'Embed in a slide' });
    await expect(embed.locator('.tool-long')).toBeVisible({ visible: size.width >= 1440 });
    await expect(embed).toHaveAttribute('title', /<iframe>/);
    await noSidewaysScroll(page, 'header');
  });
}

/*
 * The point in ten seconds: a newcomer opening the plain address sees the end of the seed's first
 * fault, the old code's dropped run beside the fix's seven installed entries, on the first screen
 * and not under the dock, at every size.
 */
for (const size of [...DESKTOPS, PHONE, SMALL_PHONE]) {
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

test.describe('a small phone, 360×740', () => {
  test.use({ viewport: SMALL_PHONE });

  test('the scenario note is one line with "more", the speed beside the step buttons', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.variant-fixed').getByText('✓ installed 7')).toBeInViewport();
    await noSidewaysScroll(page, 'first frame');
    const note = page.getByTestId('preset-note');
    const line = (await box(note)).height;
    expect(line, 'one line').toBeLessThan(24);
    // The whole note is in the page (screen readers read it), one tap opens it on screen.
    await expect(note).toContainText('the fixed code once per window of 8');
    const more = page.getByRole('button', { name: 'more', exact: true });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(page.getByRole('button', { name: 'less', exact: true })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect((await box(note)).height).toBeGreaterThan(line * 2);
    await noSidewaysScroll(page, 'note open');
    // The speed shares the step buttons' row.
    const play = await box(page.getByRole('button', { name: 'Play', exact: true }));
    const speed = await box(page.getByRole('slider', { name: 'Speed' }));
    expect(Math.abs(speed.y + speed.height / 2 - (play.y + play.height / 2))).toBeLessThan(8);
  });
});

/*
 * The paths table on phones: each path's name is a line of its own, its three counts side by side
 * under it, each under its own name (the header row would scroll away by the second path), then
 * why it lands there across the whole width.
 */
for (const size of [PHONE, SMALL_PHONE]) {
  test(`at ${size.width}×${size.height} the paths table puts each path's counts under its name`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto('./?view=paths');
    await expect(page.getByRole('status')).toContainText('All 5 paths run', { timeout: 30_000 });
    await noSidewaysScroll(page, 'paths');
    const table = await box(page.locator('.paths-table'));
    expect(table.x + table.width).toBeLessThanOrEqual(size.width);
    // The header row is out of sight but still heads the columns for screen readers.
    await expect(page.getByRole('columnheader', { name: 'pf_fixed' })).toBeAttached();
    expect((await box(page.locator('.paths-table thead'))).height).toBeLessThanOrEqual(1);
    const rows = page.locator('.paths-table tbody tr');
    await expect(rows).toHaveCount(5);
    for (const row of await rows.all()) {
      const path = await row.getAttribute('data-path');
      const name = await box(row.getByRole('rowheader'));
      const why = await box(row.locator('.paths-why'));
      const counts = await Promise.all((await row.locator('td.num').all()).map(box));
      expect(counts).toHaveLength(3);
      let left = table.x;
      for (const c of counts) {
        expect(c.y, `${path}: count under the name`).toBeGreaterThanOrEqual(name.y + name.height - 0.5);
        expect(Math.abs(c.y - counts[0]!.y), `${path}: counts on one line`).toBeLessThan(1);
        expect(c.x, `${path}: counts side by side`).toBeGreaterThanOrEqual(left - 0.5);
        expect(c.y + c.height, `${path}: why under the counts`).toBeLessThanOrEqual(why.y + 0.5);
        left = c.x + c.width;
      }
      expect(left).toBeLessThanOrEqual(table.x + table.width + 0.5);
      // The name and the sentence use the whole width, not a column's.
      expect(name.width).toBeGreaterThan(table.width * 0.9);
      expect(why.width).toBeGreaterThan(table.width * 0.9);
      // Each count is drawn under its metric's name, which screen readers do not hear twice.
      const labels = await row
        .locator('td.num')
        .evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content));
      expect(labels.map((l) => l.replace(/^"|"\s*\/\s*""$/g, ''))).toEqual([
        'pf_fixed',
        'prefetched',
        'prefetch hits',
      ]);
    }
    await expect(page.getByRole('row', { name: /^legacy MMU, before the fix/ })).toHaveAccessibleName(
      /\(first 512 pages\) 1,572,864 ×8 fixed 0 0 Before/,
    );
  });
}
