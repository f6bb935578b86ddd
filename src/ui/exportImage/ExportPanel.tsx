import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectSides } from '../../state/sides.ts';
import { useAppStore, useAppStoreApi } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import {
  composeCurrent,
  download,
  exportAllSteps,
  exportFileName,
  recordWebm,
  webmSupported,
} from './exportFrames.ts';
import type { ExportScope, Progress } from './exportFrames.ts';
import { svgToPng } from './composeSvg.ts';

const NO_FAULTS: number[] = [];
const selectMenu = (s: AppState) => ({
  mode: s.mode,
  // A shared empty array: a fresh [] per call would change on every render and loop.
  faultTicks: s.axis?.faultTicks ?? NO_FAULTS,
  count: s.axis?.count ?? 0,
  speed: s.speed,
});

const SCOPES: readonly ExportScope[] = ['view', 'buggy', 'fixed'];

const pad = (n: number) => String(n).padStart(4, '0');

export interface ExportPanelProps {
  id: string;
  open: boolean;
  setOpen(open: boolean): void;
  button: RefObject<HTMLButtonElement | null>;
}

/**
 * The body of "Export image": the current frame as SVG or 2× PNG, every step as a zip, a fault
 * range as WebM. A chunk of its own (ExportMenu loads it), with the composer, the zip writer and
 * the recorder, none of which the first frame needs. Once opened it stays mounted while hidden,
 * so a running export and its message outlive closing the menu.
 */
export function ExportPanel({ id, open, setOpen, button }: ExportPanelProps) {
  const api = useAppStoreApi();
  // The step on screen is read when a file is saved, not subscribed to: the menu need not
  // re-render on every step.
  const { mode, faultTicks, count, speed } = useAppStore(useShallow(selectMenu));
  // Each side by name: before/after the fix, or the kernels compared ("Kernel 3.7").
  const sides = useAppStore(selectSides);
  const scopeLabel = (v: ExportScope) => (v === 'view' ? 'Whole view' : sides[v].title);
  const fileName = (what: string) => exportFileName(api.getState(), shownScope, what);
  const shownTick = () => api.getState().frame?.tick ?? 0;
  const [scope, setScope] = useState<ExportScope>('view');
  const [progress, setProgress] = useState<(Progress & { what: string }) | null>(null);
  const [message, setMessage] = useState('');
  const [fromFault, setFromFault] = useState(0);
  const [toFault, setToFault] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const canWebm = webmSupported();
  const shownScope: ExportScope = mode === 'compare' ? scope : mode;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !progress) {
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, progress, setOpen, button]);

  const run = async (what: string, work: (signal: AbortSignal) => Promise<void>) => {
    const ctl = new AbortController();
    abort.current = ctl;
    setMessage('');
    setProgress({ what, done: 0, total: 0 });
    try {
      await work(ctl.signal);
    } catch (e) {
      setMessage(
        e instanceof DOMException && e.name === 'AbortError'
          ? 'Export cancelled.'
          : `Export failed: ${String(e)}`,
      );
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };
  const onProgress = (what: string) => (p: Progress) => setProgress({ what, ...p });

  const saveSvg = () => {
    const c = composeCurrent(api, shownScope);
    const tick = shownTick();
    download(new Blob([c.svg], { type: 'image/svg+xml' }), fileName(`step-${pad(tick + 1)}.svg`));
    setMessage(`Saved step ${tick + 1} as SVG (${c.width}×${c.height}).`);
  };
  const savePng = () =>
    run('PNG', async () => {
      const c = composeCurrent(api, shownScope);
      const tick = shownTick();
      download(await svgToPng(c, 2), fileName(`step-${pad(tick + 1)}.png`));
      setMessage(`Saved step ${tick + 1} as PNG (${c.width * 2}×${c.height * 2}).`);
    });
  const saveAll = () =>
    run('Steps', async (signal) => {
      const zip = await exportAllSteps(api, shownScope, onProgress('Steps'), signal);
      const name = fileName('steps.zip');
      download(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name);
      setMessage(`Saved ${count} steps as numbered PNGs in ${name}.`);
    });
  const saveWebm = () =>
    run('Video', async (signal) => {
      const a = Math.min(fromFault, toFault);
      const b = Math.max(fromFault, toFault);
      const from = faultTicks[a] ?? 0;
      const to = (faultTicks[b + 1] ?? count) - 1;
      const blob = await recordWebm(api, shownScope, from, to, 400 / speed, onProgress('Video'), signal);
      download(blob, fileName(`faults-${a + 1}-${b + 1}.webm`));
      setMessage(`Saved faults ${a + 1}–${b + 1} (${to - from + 1} steps) as WebM.`);
    });

  const busy = progress !== null;
  return (
    <div id={`${id}-panel`} className="export-panel" role="group" aria-label="Export image" hidden={!open}>
      {mode === 'compare' && (
        <div role="radiogroup" aria-label="Picture of" className="segmented segmented-small">
          {SCOPES.map((v) => (
            <label key={v} className={`segmented-option${scope === v ? ' is-on' : ''}`}>
              <input
                type="radio"
                name={`${id}-scope`}
                value={v}
                checked={scope === v}
                onChange={() => setScope(v)}
              />
              <span>{scopeLabel(v)}</span>
            </label>
          ))}
        </div>
      )}
      <div className="export-row">
        <button type="button" className="btn btn-small" onClick={saveSvg} disabled={busy}>
          Download SVG
        </button>
        <button type="button" className="btn btn-small" onClick={savePng} disabled={busy}>
          Download PNG (2×)
        </button>
        <button type="button" className="btn btn-small" onClick={saveAll} disabled={busy || count === 0}>
          Export all steps (zip)
        </button>
      </div>
      <div className="export-row">
        {canWebm ? (
          <>
            <label className="field">
              <span className="field-label">From fault</span>
              <select
                value={fromFault}
                onChange={(e) => setFromFault(Number(e.target.value))}
                disabled={busy}
              >
                {faultTicks.map((_, i) => (
                  <option key={i} value={i}>
                    {i + 1}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">To fault</span>
              <select value={toFault} onChange={(e) => setToFault(Number(e.target.value))} disabled={busy}>
                {faultTicks.map((_, i) => (
                  <option key={i} value={i}>
                    {i + 1}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="btn btn-small"
              onClick={saveWebm}
              disabled={busy || faultTicks.length === 0}
            >
              Record WebM
            </button>
          </>
        ) : (
          <p className="export-note">
            This browser cannot record video (no MediaRecorder with WebM); use “Export all steps”.
          </p>
        )}
      </div>
      {progress && (
        <div className="export-row export-progress">
          <progress
            max={progress.total || 1}
            value={progress.done}
            aria-label={`${progress.what} export progress`}
          />
          <span>{progress.total ? `${progress.done} of ${progress.total}` : 'Working…'}</span>
          <button type="button" className="btn btn-small" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      <p className="export-note" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
