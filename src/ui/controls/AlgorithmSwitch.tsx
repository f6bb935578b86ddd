import type { ViewMode } from '../../engine/ticks.ts';
import { selectMode } from '../../state/selectors.ts';
import { selectSides } from '../../state/sides.ts';
import { useAppStore } from '../../state/StoreContext.tsx';

const MODES: readonly ViewMode[] = ['buggy', 'fixed', 'compare'];
/** What a phone shows for the default pair; chosen versions ("v4.13") are short already. */
const PHONE_LABEL: Record<ViewMode, string> = { buggy: 'Buggy', fixed: 'Fixed', compare: 'Compare' };

const selectSetMode = (s: { setMode: (m: ViewMode) => Promise<void> }) => s.setMode;

/** Native radios inside a named radiogroup: arrow keys move the choice, as screen readers expect. */
export function AlgorithmSwitch() {
  const mode = useAppStore(selectMode);
  const setMode = useAppStore(selectSetMode);
  // The two sides are the kernels on screen: before/after the fix, or two chosen versions.
  const sides = useAppStore(selectSides);
  const label = (m: ViewMode) => (m === 'compare' ? 'Compare' : sides[m].short);
  const short = (m: ViewMode) => (sides.defaultPair ? PHONE_LABEL[m] : label(m));
  return (
    <div role="radiogroup" aria-labelledby="algorithm-label" className="segmented">
      <span id="algorithm-label" className="field-label">
        Algorithm
      </span>
      {MODES.map((m) => (
        <label key={m} className={`segmented-option${mode === m ? ' is-on' : ''}`}>
          <input
            type="radio"
            name="algorithm"
            value={m}
            checked={mode === m}
            onChange={() => void setMode(m)}
            // The same name whichever text fits the screen (a phone shows the short one).
            aria-label={label(m)}
          />
          <span className="seg-long" aria-hidden="true">
            {label(m)}
          </span>
          <span className="seg-short" aria-hidden="true">
            {short(m)}
          </span>
        </label>
      ))}
    </div>
  );
}
