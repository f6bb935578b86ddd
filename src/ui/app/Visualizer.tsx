import { ProblemBanner } from './ProblemBanner.tsx';
import { Stage } from './Stage.tsx';
import { Dock } from './Dock.tsx';
import { useKeyboard } from './useKeyboard.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { useIdleAfter } from './lazyPart.ts';
import { LazyView } from './LazyView.tsx';
import { editorPart, historyPart } from './parts.ts';
import { LinkProblemBanner } from '../share/LinkProblemBanner.tsx';

const selectHasFrame = (s: AppState) => s.frame !== null;
const historyPlaceholder = <div className="history-placeholder history-top" aria-hidden="true" />;

/** The stepping view: the stage, the dock under it, and the scenario editor below the fold. */
export function Visualizer() {
  // Playback keys belong to the stepping view only; other views have their own inputs.
  useKeyboard();
  // The parts the first frame does not show: the editor below the fold and the history strip.
  const laterDue = useIdleAfter(useAppStore(selectHasFrame));
  return (
    <>
      <ProblemBanner />
      <LinkProblemBanner />
      <main className="app-main">
        {/* Not part of the first frame (it comes when idle): a placeholder of its height keeps
            the stage from moving when it arrives. */}
        {laterDue ? (
          <LazyView part={historyPart} fallback={historyPlaceholder}>
            {(m) => <m.HistoryStrip placement="top" />}
          </LazyView>
        ) : (
          historyPlaceholder
        )}
        <Stage />
        <Dock />
        {laterDue && <LazyView part={historyPart}>{(m) => <m.HistoryStrip placement="bottom" />}</LazyView>}
        {/* Below the fold: its code comes after the first frame (or when idle time fetched it). */}
        {laterDue && <LazyView part={editorPart}>{(m) => <m.ScenarioEditor />}</LazyView>}
      </main>
    </>
  );
}
