import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { grid, range, stage, watchConsole } from './helpers.ts';

const EMBED = './?embed&preset=seed-run&variant=compare&step=3';

async function noScrollbars(page: Page): Promise<void> {
  const m = await page.evaluate(() => {
    const d = document.documentElement;
    const box = document.querySelector('.embed-canvas')!.getBoundingClientRect();
    return {
      sw: d.scrollWidth,
      cw: d.clientWidth,
      sh: d.scrollHeight,
      ch: d.clientHeight,
      box: box.toJSON() as DOMRect,
    };
  });
  expect(m.sw).toBeLessThanOrEqual(m.cw);
  expect(m.sh).toBeLessThanOrEqual(m.ch);
  // The scaled canvas is inside the frame and fills it along at least one side.
  expect(m.box.left).toBeGreaterThanOrEqual(-0.5);
  expect(m.box.top).toBeGreaterThanOrEqual(-0.5);
  expect(m.box.right).toBeLessThanOrEqual(m.cw + 0.5);
  expect(m.box.bottom).toBeLessThanOrEqual(m.ch + 0.5);
  expect(Math.max(m.box.width / m.cw, m.box.height / m.ch)).toBeGreaterThan(0.99);
}

for (const [w, h] of [
  [320, 180],
  [1280, 720],
  [3840, 2160],
  [800, 800],
] as const) {
  test(`embed fills ${w}×${h} without scrollbars`, async ({ page }) => {
    const errors = watchConsole(page);
    await page.setViewportSize({ width: w, height: h });
    await page.goto(EMBED);
    await expect(stage(page)).toHaveAttribute('data-frame-tick', '3');
    await expect(grid(page, 'buggy')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Step forward' })).toBeVisible();
    await expect(page.getByLabel('Current line — fixed')).toBeVisible();
    // Only the view: no header, editor or full code panel.
    await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Source' })).toHaveCount(0);
    await noScrollbars(page);
    if (w === 1280) {
      // Projector-readable: at 1280×720 the smallest text is 18 px.
      const smallest = await page.evaluate(() => {
        let min = Infinity;
        for (const el of document.querySelectorAll('.embed-canvas *')) {
          if (el.closest('svg') || el.classList.contains('embed-sr') || !el.checkVisibility()) continue;
          const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
          if (hasText) min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
        }
        return min;
      });
      expect(smallest).toBeGreaterThanOrEqual(18);
    }
    expect(errors).toEqual([]);
  });
}

test('embed options: range lock, title as text, no controls', async ({ page }) => {
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(
    `./?embed&preset=seed&variant=fixed&from=2&to=4&controls=0&title=${encodeURIComponent('<b>Bold?</b>')}`,
  );
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '2');
  await expect(page.getByRole('heading', { name: '<b>Bold?</b>' })).toBeVisible();
  await expect(page.locator('.embed-canvas b', { hasText: 'Bold?' })).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toHaveCount(0);
  await expect(grid(page, 'buggy')).toHaveCount(0);
  for (const t of ['3', '4', '4']) {
    await page.keyboard.press('ArrowRight');
    await expect(stage(page)).toHaveAttribute('data-frame-tick', t);
  }
  await page.keyboard.press('Home');
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '2');
});

// The icon link keeps Chromium from asking the blank host page for /favicon.ico (a 404 would
// show up among the console errors the tests check).
const HOST = (src: string) => `<!doctype html><link rel="icon" href="data:,"><body style="margin:0">
<iframe id="w" src="${src}" width="960" height="540" style="border:0"></iframe>
<script>
  window.msgs = [];
  const w = document.getElementById('w');
  addEventListener('message', (e) => { if (e.source === w.contentWindow) window.msgs.push(e.data); });
  window.send = (m) => w.contentWindow.postMessage(m, '*');
</script></body>`;

interface Msg {
  event: string;
  step?: number;
  steps?: number;
  fault?: number;
  faults?: number;
  variant?: string;
  playing?: boolean;
  pfFixed?: Record<string, number>;
  prefetched?: Record<string, number>;
  key?: string;
  direction?: string;
}

const lastState = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { msgs: Msg[] }).msgs.filter((m) => m.event === 'state').at(-1) ?? null,
  );
const send = (page: Page, m: unknown) =>
  page.evaluate((msg) => (window as unknown as { send: (x: unknown) => void }).send(msg), m);

test('postMessage API: commands in, ready and state events out', async ({ page, baseURL }) => {
  await page.goto('./');
  await page.setContent(HOST(`${baseURL}?embed&preset=seed-run&variant=compare`));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { msgs: Msg[] }).msgs[0]?.event))
    .toBe('ready');
  await expect
    .poll(() => lastState(page))
    .toMatchObject({ step: 1, from: 1, fault: 1, variant: 'compare', playing: false });
  const first = (await lastState(page))!;
  expect(first.steps).toBeGreaterThan(100);
  expect((first as Msg & { to: number }).to).toBe(first.steps);
  // Step numbers are the app's: tick 0 is step 1, and the label says so.
  await expect(page.frameLocator('#w').locator('.embed-position')).toHaveText(/^step 1 of \d+ · fault 1 of/);
  expect(first.faults).toBeGreaterThan(20);
  expect(first.pfFixed).toEqual({ buggy: 1, fixed: 1 });

  await send(page, { type: 'spte-viz', command: 'next' });
  await expect.poll(() => lastState(page)).toMatchObject({ step: 2 });
  await send(page, { type: 'spte-viz', command: 'goto', step: 40 });
  await expect.poll(() => lastState(page)).toMatchObject({ step: 40 });
  await expect(page.frameLocator('#w').locator('.stage')).toHaveAttribute('data-frame-tick', '39');
  await expect(page.frameLocator('#w').locator('.embed-position')).toHaveText(/^step 40 of /);
  await send(page, { type: 'spte-viz', command: 'prevFault' });
  await expect.poll(async () => (await lastState(page))!.step).toBeLessThan(40);
  await send(page, { type: 'spte-viz', command: 'last' });
  await expect.poll(() => lastState(page)).toMatchObject({ step: first.steps });
  await send(page, { type: 'spte-viz', command: 'reset' });
  await expect.poll(() => lastState(page)).toMatchObject({ step: 1 });
  await send(page, { type: 'spte-viz', command: 'nextFault' });
  await expect.poll(() => lastState(page)).toMatchObject({ fault: 2 });

  // Wrong shapes are ignored: the state does not move.
  const before = (await lastState(page))!.step;
  for (const bad of [
    'next',
    { command: 'next' },
    { type: 'spte-viz', command: 'goto', step: '5' },
    { type: 'spte-viz', command: 'goto', step: -3 },
    { type: 'spte-viz', command: 'setVariant', variant: '<img>' },
  ])
    await send(page, bad);
  // A window that is not the parent is not obeyed, even with a well-formed message.
  await page
    .frameLocator('#w')
    .locator('body')
    .evaluate(() => window.postMessage({ type: 'spte-viz', command: 'next' }, '*'));
  await send(page, { type: 'spte-viz', command: 'pause' }); // a valid message after them, as a fence
  await page.waitForFunction(() => (window as unknown as { msgs: Msg[] }).msgs.length > 0);
  expect((await lastState(page))!.step).toBe(before);

  await send(page, { type: 'spte-viz', command: 'setVariant', variant: 'fixed' });
  await expect
    .poll(() => lastState(page))
    .toMatchObject({ variant: 'fixed', pfFixed: { fixed: expect.any(Number) } });
  expect(Object.keys((await lastState(page))!.pfFixed!)).toEqual(['fixed']);

  await send(page, { type: 'spte-viz', command: 'play' });
  await expect.poll(() => lastState(page)).toMatchObject({ playing: true });
  await send(page, 'slide:stop');
  await expect.poll(() => lastState(page)).toMatchObject({ playing: false });
  await send(page, 'slide:start');
  await expect.poll(() => lastState(page)).toMatchObject({ playing: true });
  await send(page, { type: 'spte-viz', command: 'pause' });
  await expect.poll(() => lastState(page)).toMatchObject({ playing: false });
});

test('clicker keys step the widget, then pass to the host at the ends', async ({ page, baseURL }) => {
  await page.goto('./');
  // A format-1 range (no v): ticks 0–2, steps 1–3 as the app and the API number them.
  await page.setContent(HOST(`${baseURL}?embed&preset=seed&variant=compare&from=0&to=2`));
  await expect.poll(() => lastState(page)).toMatchObject({ step: 1, from: 1, to: 3 });
  const frame = page.frameLocator('#w');
  await frame.locator('.embed-narration, .narration').first().click();
  await page.keyboard.press('PageUp');
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { msgs: Msg[] }).msgs.find((m) => m.event === 'key')),
    )
    .toMatchObject({
      key: 'PageUp',
      direction: 'prev',
    });
  for (const step of [2, 3]) {
    await page.keyboard.press('PageDown');
    await expect.poll(() => lastState(page)).toMatchObject({ step });
  }
  await page.keyboard.press(' ');
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as { msgs: Msg[] }).msgs.filter((m) => m.event === 'key').at(-1),
      ),
    )
    .toMatchObject({ key: ' ', direction: 'next' });
  expect((await lastState(page))!.step).toBe(3);
});

test('the comparison view embeds: the results table fills the frame without scrollbars', async ({ page }) => {
  const errors = watchConsole(page);
  for (const [w, h] of [
    [1280, 720],
    [320, 180],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('./?view=paths&embed');
    const results = page.getByRole('region', { name: 'Results' });
    const row = (path: string) => results.locator(`tr[data-path="${path}"] td.num`).first();
    // Numbers measured with comparePaths(SEED_WORKLOAD) (src/engine/comparePaths.test.ts).
    await expect(row('legacy-buggy')).toHaveText(/^1,572,864/);
    await expect(row('legacy-fixed')).toHaveText(/^196,608/);
    await expect(results.getByRole('rowheader', { name: 'Legacy, buggy' })).toBeVisible();
    // Only the view: no app header or workload form.
    await expect(page.getByRole('button', { name: 'Run all paths' })).toHaveCount(0);
    await noScrollbars(page);
    // Every row is inside the canvas (nothing cut off at the bottom).
    const overflow = await page.evaluate(() => {
      const canvas = document.querySelector('.embed-canvas')!.getBoundingClientRect();
      const table = document.querySelector('.paths-table')!.getBoundingClientRect();
      return table.bottom - canvas.bottom;
    });
    expect(overflow).toBeLessThanOrEqual(0.5);
  }
  expect(errors).toEqual([]);
});

interface PredictMsg {
  on: boolean;
  phase: string;
  variant: string;
  faultGfn: number | null;
  window: number[] | null;
  picks: number[];
  result: { correct: number[]; missed: number[]; wrong: number[]; exact: boolean } | null;
  score: { correct: number; total: number };
}
const lastPredict = async (page: Page) =>
  ((await lastState(page)) as (Msg & { predict?: PredictMsg }) | null)?.predict ?? null;

test('postMessage API drives the predict quiz and reports it in the state event', async ({
  page,
  baseURL,
}) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await page.setContent(HOST(`${baseURL}?embed&preset=seed&variant=compare`));
  await expect.poll(() => lastPredict(page)).toMatchObject({ on: false, phase: 'idle' });
  const frame = page.frameLocator('#w');
  await expect(frame.getByRole('region', { name: 'Predict' })).toHaveCount(0);

  await send(page, { type: 'spte-viz', command: 'predict', on: true });
  // Tick 0 is the seed fault on entry 8; the question is about the old code by default.
  await expect
    .poll(() => lastPredict(page))
    .toMatchObject({ on: true, phase: 'asking', variant: 'buggy', faultGfn: 8, window: range(8, 15) });
  const quiz = frame.getByRole('region', { name: 'Predict' });
  await expect(quiz).toBeVisible();

  await send(page, { type: 'spte-viz', command: 'predictFor', variant: 'fixed' });
  await expect.poll(() => lastPredict(page)).toMatchObject({ phase: 'asking', variant: 'fixed' });
  await send(page, { type: 'spte-viz', command: 'pick', gfn: 9 });
  await expect.poll(() => lastPredict(page)).toMatchObject({ picks: [9] });
  await expect(quiz.getByRole('button', { name: 'Entry 9' })).toHaveAttribute('aria-pressed', 'true');
  // A bad prediction is ignored: still asking, picks unchanged.
  await send(page, { type: 'spte-viz', command: 'submitPrediction', gfns: [9, '10'] });
  await send(page, { type: 'spte-viz', command: 'pick', gfn: 10 });
  await expect.poll(() => lastPredict(page)).toMatchObject({ phase: 'asking', picks: [9, 10] });

  // The fixed code prefetches 9–15 after the fault on 8.
  await send(page, { type: 'spte-viz', command: 'submitPrediction', gfns: range(9, 15) });
  await expect
    .poll(() => lastPredict(page))
    .toMatchObject({
      phase: 'revealed',
      picks: range(9, 15),
      result: { exact: true, correct: range(9, 15), missed: [], wrong: [] },
      score: { correct: 1, total: 1 },
    });
  await expect(quiz.getByTestId('predict-score')).toHaveText('1 of 1 correct');

  await send(page, { type: 'spte-viz', command: 'resetScore' });
  await expect.poll(() => lastPredict(page)).toMatchObject({ score: { correct: 0, total: 0 } });
  await send(page, { type: 'spte-viz', command: 'predict', on: false });
  await expect.poll(() => lastPredict(page)).toMatchObject({ on: false, phase: 'idle' });
  await expect(quiz).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('predict=1 starts an embed in predict mode, readable at 1280×720', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?embed&preset=seed&variant=compare&predict=1&predictFor=fixed');
  const quiz = page.getByRole('region', { name: 'Predict' });
  await expect(quiz.getByText(/Fault on entry 8: which entries of 8–15 does the fixed code/)).toBeVisible();
  await quiz.getByRole('button', { name: 'None' }).click();
  await expect(quiz.getByTestId('predict-score')).toHaveText('0 of 1 correct');
  await expect(quiz.getByRole('status')).toContainText('the fixed code prefetched 9–15');
  await noScrollbars(page);
});

test('shadow paging embeds with its guest page table, without scrollbars', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?embed&preset=shadow-not-accessed&variant=compare&step=6');
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '6');
  const tables = page.getByRole('region', { name: 'Guest page table' });
  await expect(tables).toHaveCount(2);
  await expect(
    tables.first().getByRole('img', { name: /^Guest PTE 12: maps GFN 0x100c, .*the walk stops$/ }),
  ).toBeVisible();
  await expect(grid(page, 'fixed').getByRole('gridcell', { name: /^SPTE 11: prefetched/ })).toHaveCount(1);
  await noScrollbars(page);
  // Guest paging off: no guest table, the direct walk's page as usual.
  await page.goto('./?embed&preset=shadow-paging-off&variant=buggy');
  await expect(grid(page, 'buggy')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Guest page table' })).toHaveCount(0);
});
