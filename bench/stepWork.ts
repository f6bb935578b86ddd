// Main-thread work per visualizer step, from a Chromium trace. A step starts at the key press and
// is painted when the renderer's main thread commits the first frame made after React changed the
// DOM for it (the frame's style, layout, paint and layerize run before that commit). Its work is
// every main-thread task in between, summed: what must fit in one 16 ms frame. Two wall-clock
// times go beside it: key press to that commit, which also holds the wait for the display's next
// frame, and key press to the compositor drawing the frame, which adds rasterisation on other
// threads (software here: no GPU).
//
// Why the trace and not a mark from the page: a message posted from requestAnimationFrame runs
// after that frame's paint only when nothing else is queued. While the step's transitions start,
// Chromium runs their events and the next animation frame first, so such a mark lands a frame
// late and counts that frame's work too.
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { name?: string };
}

export interface StepSample {
  /** Main-thread busy time from the key press to the commit of the frame painting the step (ms). */
  workMs: number;
  /** Key press to that commit, wall clock (ms). */
  paintedMs: number;
  /** Key press to the compositor drawing that frame, wall clock (ms); null if not in the trace. */
  drawnMs: number | null;
}

/** Presses → `steps` times, `gapMs` apart, tracing the page; one sample per step. */
export async function measureSteps(
  browser: Browser,
  page: Page,
  steps: number,
  gapMs: number,
): Promise<StepSample[]> {
  // Step 1 by a link: the plain address opens on the end of the first fault.
  await page.goto('./?v=2&step=1');
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
      performance.mark(`step-dom-${n}`);
      // Pacing only (the next key waits for this): a message posted from rAF runs after a paint.
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          w.__done = n;
        };
        ch.port2.postMessage(0);
      });
    }).observe(document.querySelector('.stage')!, { attributes: true, attributeFilter: ['data-frame-tick'] });
  });
  // Playwright evaluates its helper script on the first wait; do that before the trace starts.
  await page.waitForFunction(() => (window as unknown as { __done: number }).__done >= 0);
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.frame',
      'blink.user_timing',
    ],
  });
  for (let i = 1; i <= steps; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => (window as unknown as { __done: number }).__done >= n, i);
    await page.waitForTimeout(gapMs);
  }
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] })
    .traceEvents;
  return samplesFrom(events, steps);
}

const byTime = (a: TraceEvent, b: TraceEvent) => a.ts - b.ts;

/** The first event at or after `ts` (events sorted by time). */
function firstFrom(events: TraceEvent[], ts: number): TraceEvent | undefined {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return events[lo];
}

export function samplesFrom(events: TraceEvent[], steps: number): StepSample[] {
  const marks = new Map<string, TraceEvent>();
  for (const e of events)
    if (e.cat?.includes('blink.user_timing') && e.name.startsWith('step-')) marks.set(e.name, e);
  const start1 = marks.get('step-start-1');
  if (!start1) throw new Error('no step marks in the trace');
  // The page's main thread is the one that recorded the marks; its compositor thread is named so.
  const { pid, tid } = start1;
  const compositor = events.find(
    (e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'Compositor',
  )?.tid;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = main.filter((e) => e.name === 'RunTask').sort(byTime);
  const commits = main.filter((e) => e.name === 'Commit').sort(byTime);
  const onCompositor = (name: string) =>
    events.filter((e) => e.pid === pid && e.tid === compositor && e.name === name).sort(byTime);
  const activations = onCompositor('ActivateLayerTree');
  const draws = onCompositor('DrawFrame');

  const out: StepSample[] = [];
  for (let n = 1; n <= steps; n++) {
    const start = marks.get(`step-start-${n}`);
    const dom = marks.get(`step-dom-${n}`);
    if (!start || !dom) continue;
    const commit = firstFrom(commits, dom.ts);
    if (!commit) continue;
    const painted = commit.ts + commit.dur!;
    let busy = 0;
    for (const t of tasks) {
      if (t.ts >= painted) break;
      const s = Math.max(t.ts, start.ts);
      const e = Math.min(t.ts + t.dur!, painted);
      if (e > s) busy += e - s;
    }
    const activated = firstFrom(activations, painted);
    const drawn = activated ? firstFrom(draws, activated.ts) : undefined;
    out.push({
      workMs: busy / 1000,
      paintedMs: (painted - start.ts) / 1000,
      drawnMs: drawn ? (drawn.ts - start.ts) / 1000 : null,
    });
  }
  return out;
}
