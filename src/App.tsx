import { lazy, Suspense } from 'react';
import { ExperimentView } from './ui/experiment/ExperimentView.tsx';
import { Header } from './ui/app/Header.tsx';
import { ProblemBanner } from './ui/app/ProblemBanner.tsx';
import { useAppView } from './ui/app/route.ts';
import { Stage } from './ui/app/Stage.tsx';
import { StatusRow } from './ui/app/StatusRow.tsx';
import { useKeyboard } from './ui/app/useKeyboard.ts';
import { Transport } from './ui/controls/Transport.tsx';
import { PathsView } from './ui/paths/PathsView.tsx';
import { PredictPanel } from './ui/predict/PredictPanel.tsx';
import { ScenarioEditor } from './ui/scenarioEditor/ScenarioEditor.tsx';
import { LinkProblemBanner } from './ui/share/LinkProblemBanner.tsx';

// The host page is opened rarely and on its own: its code loads when it is. The history strip is
// not needed for the first frame; a placeholder of its height keeps the stage from moving.
const HistoryStrip = lazy(() =>
  import('./ui/history/HistoryStrip.tsx').then((m) => ({ default: m.HistoryStrip })),
);
const HostView = lazy(() => import('./ui/host/HostView.tsx').then((m) => ({ default: m.HostView })));

export function App() {
  const view = useAppView();
  return (
    <div className="app">
      <Header view={view} />
      {view === 'visualizer' && <Visualizer />}
      {view === 'experiment' && <ExperimentView />}
      {view === 'paths' && <PathsView />}
      {view === 'host' && (
        <Suspense fallback={<main className="app-main">Loading…</main>}>
          <HostView />
        </Suspense>
      )}
    </div>
  );
}

function Visualizer() {
  // Playback keys belong to the stepping view only; other views have their own inputs.
  useKeyboard();
  return (
    <>
      <ProblemBanner />
      <LinkProblemBanner />
      <main className="app-main">
        <Suspense fallback={<div className="history-placeholder history-top" aria-hidden="true" />}>
          <HistoryStrip placement="top" />
        </Suspense>
        <Stage />
        <div className="dock">
          <PredictPanel />
          <StatusRow />
          <Transport />
        </div>
        <Suspense fallback={null}>
          <HistoryStrip placement="bottom" />
        </Suspense>
        <ScenarioEditor />
      </main>
    </>
  );
}
