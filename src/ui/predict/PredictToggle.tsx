import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';

const selectToggle = (s: AppState) => ({ on: s.predict.on, setPredict: s.setPredict });

/** The header's switch into the quiz: a toggle button, pressed while predict mode is on. */
export function PredictToggle() {
  const { on, setPredict } = useAppStore(useShallow(selectToggle));
  return (
    <button
      type="button"
      className={`btn btn-toggle${on ? ' is-on' : ''}`}
      aria-pressed={on}
      onClick={() => setPredict(!on)}
      title="Quiz: before each fault's prefetch, pick the entries you expect it to install"
    >
      <span aria-hidden="true">?</span> Predict
    </button>
  );
}
