import { ExperimentView } from './ui/experiment/ExperimentView.tsx';
import { Header } from './ui/app/Header.tsx';
import { ProblemBanner } from './ui/app/ProblemBanner.tsx';
import { useAppView } from './ui/app/route.ts';
import { Stage } from './ui/app/Stage.tsx';
import { StatusRow } from './ui/app/StatusRow.tsx';
import { useKeyboard } from './ui/app/useKeyboard.ts';
import { Transport } from './ui/controls/Transport.tsx';
import { HistoryStrip } from './ui/history/HistoryStrip.tsx';
import { HostView } from './ui/host/HostView.tsx';
import { PathsView } from './ui/paths/PathsView.tsx';
import { PredictPanel } from './ui/predict/PredictPanel.tsx';
import { ScenarioEditor } from './ui/scenarioEditor/ScenarioEditor.tsx';
import { LinkProblemBanner } from './ui/share/LinkProblemBanner.tsx';

export function App() {
  const view = useAppView();
  return (
    <div className="app">
      <Header view={view} />
      {view === 'visualizer' && <Visualizer />}
      {view === 'experiment' && <ExperimentView />}
      {view === 'paths' && <PathsView />}
      {view === 'host' && <HostView />}
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
        <HistoryStrip />
        <Stage />
        <div className="dock">
          <PredictPanel />
          <StatusRow />
          <Transport />
        </div>
        <ScenarioEditor />
      </main>
    </>
  );
}
