import { Header } from './ui/app/Header.tsx';
import { ProblemBanner } from './ui/app/ProblemBanner.tsx';
import { Stage } from './ui/app/Stage.tsx';
import { StatusRow } from './ui/app/StatusRow.tsx';
import { useKeyboard } from './ui/app/useKeyboard.ts';
import { Transport } from './ui/controls/Transport.tsx';
import { ScenarioEditor } from './ui/scenarioEditor/ScenarioEditor.tsx';

export function App() {
  useKeyboard();
  return (
    <div className="app">
      <Header />
      <ProblemBanner />
      <main className="app-main">
        <Stage />
        <div className="dock">
          <StatusRow />
          <Transport />
        </div>
        <ScenarioEditor />
      </main>
    </div>
  );
}
