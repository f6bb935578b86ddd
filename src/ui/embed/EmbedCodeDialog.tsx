import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { encodeScenario, stepOfTick } from '../../state/urlState.ts';
import { copyText } from '../share/copyText.ts';
import { sidesOf } from '../../state/sides.ts';
import {
  accessRange,
  appUrlOf,
  deckScriptSnippet,
  embedSrc,
  iframeSnippet,
  presetAsIs,
} from './embedCode.ts';
import type { EmbedChoice } from './embedCode.ts';
import './embedCode.css';

const selectFrame = (s: AppState) => ({
  scenario: s.scenario,
  presetId: s.presetId,
  mode: s.mode,
  speed: s.speed,
  tick: s.tick,
  count: s.axis?.count ?? 0,
  accessTicks: s.axis?.accessTicks ?? null,
});

/** The one-file offline build has spte-deck.js beside it, not in examples/. */
const SINGLE_FILE = import.meta.env.MODE === 'single';

type Copied = 'iframe' | 'script' | 'link' | 'failed' | null;

/**
 * "Embed in a slide": the range of steps and the options of an embed, and the <iframe> to paste
 * into a deck (with the one <script> line of the clicker hand-off), for the frame on screen.
 */
export function EmbedCodeDialog({ onClose }: { onClose: () => void }) {
  const f = useAppStore(useShallow(selectFrame));
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const here = stepOfTick(f.tick);
  const [from, setFrom] = useState(1);
  const [to, setTo] = useState(Math.max(1, f.count));
  const [controls, setControls] = useState(true);
  const [autoplay, setAutoplay] = useState(false);
  const [predict, setPredict] = useState(false);
  const [title, setTitle] = useState('');
  const [payload, setPayload] = useState<string | null>(null);
  const [copied, setCopied] = useState<Copied>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(() => {
    let live = true;
    if (f.scenario) void encodeScenario(f.scenario).then((p) => live && setPayload(p));
    return () => {
      live = false;
    };
  }, [f.scenario]);
  useEffect(() => {
    if (copied === null) return;
    const t = setTimeout(() => setCopied(null), 3000);
    return () => clearTimeout(t);
  }, [copied]);

  const clamp = (n: number) => Math.max(1, Math.min(f.count, Math.round(n) || 1));
  const lo = Math.min(clamp(from), clamp(to));
  const hi = Math.max(clamp(from), clamp(to));
  const appUrl = appUrlOf(window.location.href);
  // A preset by its id only when unchanged: at other kernels the link carries the scenario.
  const presetId = useMemo(() => presetAsIs(f.presetId, f.scenario), [f.presetId, f.scenario]);
  const choice: EmbedChoice = {
    appUrl,
    presetId,
    scenarioPayload: payload,
    mode: f.mode,
    speed: f.speed,
    from: lo,
    to: hi,
    controls,
    autoplay,
    predict,
    title,
  };
  const name = f.scenario?.name ?? 'a scenario';
  const ready = presetId !== null || payload !== null;
  const sides = sidesOf(f.scenario);
  const shownText =
    f.mode === 'compare'
      ? sides.defaultPair
        ? 'both variants side by side'
        : `${sides.buggy.short} and ${sides.fixed.short} side by side`
      : sides.defaultPair
        ? `the ${f.mode} variant`
        : `kernel ${sides[f.mode].kernel.label}`;
  const iframe = ready ? iframeSnippet(choice, name) : '';
  const script = SINGLE_FILE ? '<script src="spte-deck.js"></script>' : deckScriptSnippet(appUrl);
  const access = useMemo(
    () => (f.accessTicks ? accessRange(f.tick, f.accessTicks, f.count) : null),
    [f.tick, f.accessTicks, f.count],
  );

  const copy = async (what: Exclude<Copied, 'failed' | null>, text: string) =>
    setCopied((await copyText(text)) ? what : 'failed');

  return (
    <dialog
      ref={ref}
      className="dialog embed-code-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id={`${id}-title`} className="dialog-title">
        Embed in a slide
      </h2>
      <p className="dialog-hint">
        “{name}”, {shownText}, as on screen. The widget shows steps {lo}–{hi} of {f.count}; a clicker steps
        it, then moves the deck on.
      </p>

      <fieldset className="embed-code-range">
        <legend>Steps to show (you are at step {here})</legend>
        <label>
          From step{' '}
          <input
            type="number"
            min={1}
            max={f.count}
            value={from}
            onChange={(e) => setFrom(Number(e.target.value))}
          />
        </label>
        <label>
          to step{' '}
          <input
            type="number"
            min={1}
            max={f.count}
            value={to}
            onChange={(e) => setTo(Number(e.target.value))}
          />
        </label>
        <span className="embed-code-range-buttons">
          <button type="button" className="btn btn-small" onClick={() => setFrom(here)}>
            From here
          </button>
          <button type="button" className="btn btn-small" onClick={() => setTo(here)}>
            To here
          </button>
          {access && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setFrom(access[0]);
                setTo(access[1]);
              }}
            >
              This access ({access[0]}–{access[1]})
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setFrom(1);
              setTo(f.count);
            }}
          >
            All {f.count}
          </button>
        </span>
      </fieldset>

      <fieldset className="embed-code-options">
        <legend>Options</legend>
        <label>
          <input type="checkbox" checked={controls} onChange={(e) => setControls(e.target.checked)} /> Buttons
          under the widget
        </label>
        <label>
          <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> Play by
          itself when the slide is shown
        </label>
        <label>
          <input type="checkbox" checked={predict} onChange={(e) => setPredict(e.target.checked)} /> Start as
          a quiz (predict the prefetch)
        </label>
        <label className="embed-code-title">
          Heading on the widget (optional){' '}
          <input type="text" maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </fieldset>

      <label htmlFor={`${id}-code`} className="field-label">
        Embed code: paste it into a slide (reveal.js, Marp, Slidev, any HTML page)
      </label>
      <textarea
        id={`${id}-code`}
        className="embed-code-text-area"
        readOnly
        rows={4}
        value={iframe}
        onFocus={(e) => e.target.select()}
      />
      <label htmlFor={`${id}-script`} className="field-label">
        Once per deck, for the clicker: this line before {'</body>'} (see docs/teaching.md)
      </label>
      <input
        id={`${id}-script`}
        className="embed-code-script"
        readOnly
        value={script}
        onFocus={(e) => e.target.select()}
      />
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!ready}
          onClick={() => void copy('iframe', iframe)}
        >
          Copy embed code
        </button>
        <button type="button" className="btn" onClick={() => void copy('script', script)}>
          Copy script line
        </button>
        <button
          type="button"
          className="btn"
          disabled={!ready}
          onClick={() => void copy('link', embedSrc(choice))}
        >
          Copy widget link
        </button>
        <button type="button" className="btn" onClick={() => ref.current?.close()}>
          Close
        </button>
        <span
          role="status"
          aria-live="polite"
          className={`embed-code-status${copied === 'failed' ? ' is-failed' : ''}`}
        >
          {copied === 'iframe'
            ? 'Embed code copied'
            : copied === 'script'
              ? 'Script line copied'
              : copied === 'link'
                ? 'Widget link copied'
                : copied === 'failed'
                  ? 'Copy failed: select the text and copy it'
                  : ''}
        </span>
      </div>
    </dialog>
  );
}
