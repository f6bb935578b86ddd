// Main-thread work per visualizer step, from a Chromium trace: every renderer main-thread task
// between a key press and the paint that shows its step (script, style, layout, paint, layerize,
// commit), summed. This is the part of a step that must fit in one 16 ms frame; the wall time
// from key press to paint also holds the wait for the display's next frame, which no page can
// shorten, so it is reported beside it rather than held to the goal.
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { name?: string; data?: { frame?: string } };
}

export interface StepSample {
  /** Key press to the paint showing the step, wall clock (ms). */
  wallMs: number;
  /** Main-thread busy time in that interval (ms). */
  workMs: number;
}

/** Presses → `steps` times, `gapMs` apart, tracing the page; one sample per step. */
export async function measureSteps(
  browser: Browser,
  page: Page,
  steps: number,
  gapMs: number,
): Promise<StepSample[]> {
  await page.goto('./');
  await page.locator('.stage[data-frame-tick="0"]').waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { __n: number; __done: number };
    w.__n = 0;
    w.__done = 0;
    window.addEventListener(
      'keydown',
      () => {
        w.__n += 1;
        performance.mark(`step-start-${w.__n}`);
      },
      { capture: true },
    );
    new MutationObserver(() => {
      const n = w.__n;
      requestAnimationFrame(() => {
        // A message posted from rAF runs right after that frame's paint.
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          performance.mark(`step-end-${n}`);
          w.__done = n;
        };
        ch.port2.postMessage(0);
      });
    }).observe(document.querySelector('.stage')!, { attributes: true, attributeFilter: ['data-frame-tick'] });
  });
  const chunks: Buffer[] = [];
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  for (let i = 1; i <= steps; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => (window as unknown as { __done: number }).__done >= n, i);
    await page.waitForTimeout(gapMs);
  }
  chunks.push(await browser.stopTracing());
  const events = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { traceEvents: TraceEvent[] })
    .traceEvents;
  return samplesFrom(events, steps);
}

function samplesFrom(events: TraceEvent[], steps: number): StepSample[] {
  const marks = new Map<string, TraceEvent>();
  for (const e of events)
    if (e.cat?.includes('blink.user_timing') && e.name.startsWith('step-')) marks.set(e.name, e);
  const start1 = marks.get('step-start-1');
  if (!start1) throw new Error('no step marks in the trace');
  // The page's main thread is the one that recorded the marks.
  const { pid, tid } = start1;
  const tasks = events
    .filter(
      (e) => e.ph === 'X' && e.pid === pid && e.tid === tid && e.name === 'RunTask' && e.dur !== undefined,
    )
    .sort((a, b) => a.ts - b.ts);
  const out: StepSample[] = [];
  for (let n = 1; n <= steps; n++) {
    const a = marks.get(`step-start-${n}`);
    const b = marks.get(`step-end-${n}`);
    if (!a || !b) continue;
    let busy = 0;
    for (const t of tasks) {
      const s = Math.max(t.ts, a.ts);
      const e = Math.min(t.ts + t.dur!, b.ts);
      if (e > s) busy += e - s;
    }
    out.push({ wallMs: (b.ts - a.ts) / 1000, workMs: busy / 1000 });
  }
  return out;
}
