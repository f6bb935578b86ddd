import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { narrationText } from './narrationText.ts';
import { Legend, Narration, narrate } from './views.tsx';

// A string selector: the component re-renders only when the sentence changes.
const selectNarration = (s: AppState) => narrationText(s.frame, narrate);

export function StatusRow() {
  const text = useAppStore(selectNarration);
  return (
    <div className="status-row">
      <Narration text={text} />
      <Legend />
    </div>
  );
}
