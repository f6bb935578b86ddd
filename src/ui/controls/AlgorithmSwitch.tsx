import type { ViewMode } from '../../engine/ticks.ts';
import { selectMode } from '../../state/selectors.ts';
import { useAppStore } from '../../state/StoreContext.tsx';

const OPTIONS: ReadonlyArray<{ mode: ViewMode; label: string }> = [
  { mode: 'buggy', label: 'Buggy (before fix)' },
  { mode: 'fixed', label: 'Fixed (after fix)' },
  { mode: 'compare', label: 'Compare' },
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
          />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
