import type { ViewMode } from '../../engine/ticks.ts';
import { selectMode } from '../../state/selectors.ts';
import { useAppStore } from '../../state/StoreContext.tsx';

const OPTIONS: ReadonlyArray<{ mode: ViewMode; label: string; short: string }> = [
  { mode: 'buggy', label: 'Buggy (before fix)', short: 'Buggy' },
  { mode: 'fixed', label: 'Fixed (after fix)', short: 'Fixed' },
  { mode: 'compare', label: 'Compare', short: 'Compare' },
];

const selectSetMode = (s: { setMode: (m: ViewMode) => Promise<void> }) => s.setMode;

/** Native radios inside a named radiogroup: arrow keys move the choice, as screen readers expect. */
export function AlgorithmSwitch() {
  const mode = useAppStore(selectMode);
  const setMode = useAppStore(selectSetMode);
  return (
    <div role="radiogroup" aria-labelledby="algorithm-label" className="segmented">
      <span id="algorithm-label" className="field-label">
        Algorithm
      </span>
      {OPTIONS.map((o) => (
        <label key={o.mode} className={`segmented-option${mode === o.mode ? ' is-on' : ''}`}>
          <input
            type="radio"
            name="algorithm"
            value={o.mode}
            checked={mode === o.mode}
            onChange={() => void setMode(o.mode)}
            // The same name whichever text fits the screen (a phone shows the short one).
            aria-label={o.label}
          />
          <span className="seg-long" aria-hidden="true">
            {o.label}
          </span>
          <span className="seg-short" aria-hidden="true">
            {o.short}
          </span>
        </label>
      ))}
    </div>
  );
}
