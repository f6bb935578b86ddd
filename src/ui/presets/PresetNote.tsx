import { useId, useLayoutEffect, useRef, useState } from 'react';
import { presetById } from '../../engine/presets.ts';
import { useAppStore } from '../../state/StoreContext.tsx';

const selectPresetId = (s: { presetId: string | null }) => s.presetId;
const selectName = (s: { scenario: { name?: string } | null }) => s.scenario?.name ?? null;

/**
 * The line that tells a visitor what to look for in the current scenario. On a short phone
 * (360×740) it is one line and "more" opens the rest (app.css): the two windows, not three lines
 * of words, fill the first screen. The whole note is always in the page for screen readers.
 */
export function PresetNote() {
  const presetId = useAppStore(selectPresetId);
  const name = useAppStore(selectName);
  const preset = presetId ? presetById(presetId) : undefined;
  const text = preset ? preset.look : name ? `${name} (edited or imported).` : 'Custom scenario.';
  const id = useId();
  const note = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState(false);
  // Whether the one line cuts the note short; "more" is offered only then.
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = note.current;
    if (!el || open) return;
    const check = () => setCut(el.scrollWidth > el.clientWidth + 1);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, [open, text]);
  return (
    <div className={`preset-note-row${open ? ' is-open' : ''}`}>
      <p className="preset-note" id={id} ref={note} data-testid="preset-note">
        <span className="preset-note-tag">Look for</span> {text}
      </p>
      {(cut || open) && (
        <button
          type="button"
          className="btn preset-note-more"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? 'less' : 'more'}
        </button>
      )}
    </div>
  );
}
