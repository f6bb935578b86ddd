import { ProblemBanner } from './ProblemBanner.tsx';
import { Stage } from './Stage.tsx';
import { Dock } from './Dock.tsx';
import { useKeyboard } from './useKeyboard.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { useIdleAfter } from './lazyPart.ts';
import { LazyView } from './LazyView.tsx';
import { editorPart } from './parts.ts';
import { LinkProblemBanner } from '../share/LinkProblemBanner.tsx';

const selectHasFrame = (s: AppState) => s.frame !== null;

/** The stepping view: the stage, the dock under it, and the scenario editor below the fold. */
export function Visualizer() {
  // Playback keys belong to the stepping view only; other views have their own inputs.
  useKeyboard();
  const editorDue = useIdleAfter(useAppStore(selectHasFrame));
  return (
    <>
      <ProblemBanner />
      <LinkProblemBanner />
      <main className="app-main">
        <Stage />
        <Dock />
        {/* Below the fold: its code comes after the first frame (or when idle time fetched it). */}
        {editorDue && <LazyView part={editorPart}>{(m) => <m.ScenarioEditor />}</LazyView>}
      </main>
    </>
  );
}
