import { sidesCaption, sidesFileTag, sidesOf } from '../../state/sides.ts';
import type { AppStore } from '../../state/store.ts';
import type { AppState } from '../../state/types.ts';
import { narrationText } from '../app/narrationText.ts';
import { narrate } from '../narration/narrate.ts';
import { composeSvg, svgToPng } from './composeSvg.ts';
import type { ComposedSvg } from './composeSvg.ts';
import { buildZip, stepFileName } from './zip.ts';
import type { ZipEntry } from './zip.ts';

/** What to draw: both pages as laid out, or one variant's page. */
export type ExportScope = 'view' | 'buggy' | 'fixed';

export function regionsFor(scope: ExportScope): Element[] {
  const sel = scope === 'view' ? '.stage .variant-column' : `.stage .variant-column.variant-${scope}`;
  return Array.from(document.querySelectorAll(sel));
}

/** Which sides a picture shows: both (the whole view in compare mode) or one. */
function shownSides(s: Pick<AppState, 'mode'>, scope: ExportScope): 'both' | 'buggy' | 'fixed' {
  if (scope !== 'view') return scope;
  return s.mode === 'compare' ? 'both' : s.mode;
}

/**
 * A file name for what is shown: `spte-step-0007.svg` for the default pair (the names teachers
 * already have), `spte-v3.7-v3.8-step-0007.svg` when two kernels are compared, `spte-v3.8-…` for
 * one of them. `what` is the rest of the name ("step-0007.svg", "steps.zip", "faults-1-2.webm").
 */
export function exportFileName(
  s: Pick<AppState, 'mode' | 'scenario'>,
  scope: ExportScope,
  what: string,
): string {
  return `spte${sidesFileTag(sidesOf(s.scenario), shownSides(s, scope))}-${what}`;
}

/** The line under a picture: step, scenario, the function and which kernels are drawn. */
export function exportMeta(
  s: Pick<AppState, 'mode' | 'scenario' | 'axis' | 'frame'>,
  scope: ExportScope,
): string {
  const count = s.axis?.count ?? 0;
  const tick = s.frame?.tick ?? 0;
  const name = s.scenario?.name ? ` · ${s.scenario.name}` : '';
  const fn =
    s.scenario?.mmu === 'shadow' && s.scenario.guest?.paging
      ? 'FNAME(pte_prefetch)'
      : '__direct_pte_prefetch';
  return `Step ${tick + 1} of ${count}${name} · KVM ${fn}, ${sidesCaption(sidesOf(s.scenario), shownSides(s, scope))}`;
}

/** The frame on screen now, composed with its narration as the caption. */
export function composeCurrent(store: AppStore, scope: ExportScope): ComposedSvg {
  const s = store.getState();
  return composeSvg(regionsFor(scope), {
    caption: narrationText(s.frame, narrate) || 'Before the first access.',
    meta: exportMeta(s, scope),
  });
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const nextPaint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/** Seeks to `tick` and resolves once that frame is on screen (React has committed it). */
export async function showTick(store: AppStore, tick: number, signal?: AbortSignal): Promise<void> {
  store.getState().pause();
  store.getState().seek(tick);
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      unsub();
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const abort = () => {
      unsub();
      reject(new DOMException('Export cancelled', 'AbortError'));
    };
    const unsub = store.subscribe((s) => {
      if (s.frame?.tick === tick) done();
    });
    signal?.addEventListener('abort', abort, { once: true });
    if (store.getState().frame?.tick === tick) done();
  });
  await nextPaint();
}

/** Transitions off while exporting, so every image shows a settled frame, not a tween. */
async function withoutMotion<T>(work: () => Promise<T>): Promise<T> {
  const root = document.documentElement;
  root.classList.add('is-exporting');
  try {
    return await work();
  } finally {
    root.classList.remove('is-exporting');
  }
}

export interface Progress {
  done: number;
  total: number;
}

/**
 * Every tick of the scenario as numbered PNGs in a zip. The store is driven through each tick and
 * each image waits for its frame; the place on screen is restored afterwards.
 */
export function exportAllSteps(
  store: AppStore,
  scope: ExportScope,
  onProgress: (p: Progress) => void,
  signal: AbortSignal,
): Promise<Uint8Array> {
  return withoutMotion(async () => {
    const start = store.getState().tick;
    const total = store.getState().axis?.count ?? 0;
    const entries: ZipEntry[] = [];
    try {
      for (let t = 0; t < total; t++) {
        if (signal.aborted) throw new DOMException('Export cancelled', 'AbortError');
        await showTick(store, t, signal);
        const png = await svgToPng(composeCurrent(store, scope), 2);
        entries.push({ name: stepFileName(t + 1, total), data: new Uint8Array(await png.arrayBuffer()) });
        onProgress({ done: t + 1, total });
      }
    } finally {
      store.getState().seek(start);
    }
    return buildZip(entries);
  });
}

export function webmSupported(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    typeof HTMLCanvasElement.prototype.captureStream === 'function' &&
    MediaRecorder.isTypeSupported('video/webm')
  );
}

/**
 * Records ticks [from, to] as a WebM: each frame is composed like a still, drawn on a canvas
 * whose stream MediaRecorder encodes, and held for `msPerStep`.
 */
export function recordWebm(
  store: AppStore,
  scope: ExportScope,
  from: number,
  to: number,
  msPerStep: number,
  onProgress: (p: Progress) => void,
  signal: AbortSignal,
): Promise<Blob> {
  return withoutMotion(async () => {
    const start = store.getState().tick;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser gives no 2D canvas, so no video.');
    const first = composeCurrent(store, scope);
    // Even dimensions: video encoders want them.
    canvas.width = Math.ceil(first.width / 2) * 2;
    canvas.height = Math.ceil(first.height / 2) * 2 + 40;
    const stream = canvas.captureStream(30);
    const type = MediaRecorder.isTypeSupported('video/webm;codecs=vp9')
      ? 'video/webm;codecs=vp9'
      : 'video/webm';
    const recorder = new MediaRecorder(stream, { mimeType: type });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    recorder.start(250);
    try {
      for (let t = from; t <= to; t++) {
        if (signal.aborted) throw new DOMException('Export cancelled', 'AbortError');
        await showTick(store, t, signal);
        const c = composeCurrent(store, scope);
        const img = new Image();
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`;
        await img.decode();
        ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, c.width, c.height);
        onProgress({ done: t - from + 1, total: to - from + 1 });
        await new Promise((r) => setTimeout(r, msPerStep));
      }
    } finally {
      recorder.stop();
      await stopped;
      stream.getTracks().forEach((tr) => tr.stop());
      store.getState().seek(start);
    }
    return new Blob(chunks, { type: 'video/webm' });
  });
}
