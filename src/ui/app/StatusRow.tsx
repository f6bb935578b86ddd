import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { faultOfAccess } from '../../state/firstFrame.ts';
import { shownTick } from '../../state/selectors.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { narrationText } from './narrationText.ts';
import { Legend, Narration, narrate } from './views.tsx';

// A string selector: the component re-renders only when the sentence changes.
const selectNarration = (s: AppState) => narrationText(s.frame, narrate);
const selectReplay = (s: AppState) => ({
  canReplay: s.axis !== null && faultOfAccess(s.axis, shownTick(s)) !== null,
  replayFault: s.replayFault,
});

/**
 * The step's sentence, and beside it the two things a reader reaches for: replay and the legend
 * (then `children`: the dock's fold button on a phone).
 */
export function StatusRow({ children }: { children?: ReactNode }) {
  const text = useAppStore(selectNarration);
  const { canReplay, replayFault } = useAppStore(useShallow(selectReplay));
  return (
    <div className="status-row">
      <Narration text={text} />
      <div className="status-actions">
        <button
          type="button"
          className="btn btn-replay"
          onClick={replayFault}
          disabled={!canReplay}
          title="Run this access's fault again, from its first step to its last"
        >
          <span aria-hidden="true">↺</span> Watch this fault again
        </button>
        <Legend />
        {children}
      </div>
    </div>
  );
}
