import { useState } from 'react';
import { MAX_TIMELINE_STEPS } from '../../engine/timeline.ts';
import { useAppStoreApi } from '../../state/StoreContext.tsx';
import { formatCount } from '../../viz/format.ts';
import { navigate } from '../app/route.ts';
import { runCustomExperiment } from '../experiment/customWorkload.ts';
import { unpackReplay } from '../../worker/traceProtocol.ts';
import { selectBusy, selectReport } from './selectors.ts';
import { traceStore, useTrace } from './useTrace.ts';

/**
 * Loads the replay into the visualizer (cut to what step mode holds) and shows it there, or sends
 * the whole replay to the experiment view (charts, any length).
 */
export function TraceActions({ onDone }: { onDone: () => void }) {
  const report = useTrace(selectReport);
  const busy = useTrace(selectBusy);
  const app = useAppStoreApi();
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!report) return null;
  const cut = report.stepAccesses < report.accesses;

  const stepThrough = async () => {
    setWorking(true);
    setProblem(null);
    const r = await traceStore().getState().replayScenario(true);
    if (typeof r === 'string') {
      setWorking(false);
      setProblem(r);
      return;
    }
    app.getState().pause();
    const ok = await app.getState().loadScenario(unpackReplay(r), {
      presetId: null,
      access: 0,
      source: 'import',
    });
    setWorking(false);
    const refused = app.getState().problem;
    if (!ok) {
      setProblem(refused ? `${refused.path}: ${refused.message}` : 'the visualizer refused the scenario');
      app.getState().clearProblem();
      return;
    }
    navigate('visualizer');
    onDone();
  };

  const openInExperiment = async () => {
    setWorking(true);
    setProblem(null);
    const trace = traceStore().getState();
    const r = await trace.replayScenario(false);
    setWorking(false);
    if (typeof r === 'string') {
      setProblem(r);
      return;
    }
    const name = trace.source?.name ?? 'trace';
    const label = [
      name,
      trace.vcpu === null ? '' : `, vCPU ${trace.vcpu}`,
      trace.summary?.hardware === 'shadow' ? ' (guest virtual pages)' : '',
    ].join('');
    runCustomExperiment(r.scenario, label, r.gfns);
    navigate('experiment');
    onDone();
  };

  return (
    <div className="trace-actions">
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy || working || report.stepAccesses === 0}
        onClick={() => void stepThrough()}
      >
        Step through this trace
      </button>
      <button
        type="button"
        className="btn"
        disabled={busy || working}
        onClick={() => void openInExperiment()}
      >
        Open in experiment view
      </button>
      <span className="trace-hint" data-testid="step-note">
        {cut
          ? `Step mode holds at most ${formatCount(MAX_TIMELINE_STEPS)} steps: the visualizer gets the first ${formatCount(report.stepAccesses)} of ${formatCount(report.accesses)} faults; the numbers above are for the whole trace.`
          : `Loads all ${formatCount(report.accesses)} faults into the visualizer, replacing the current scenario.`}
      </span>
      {problem && (
        <p role="alert" className="problem-inline">
          Could not load the replay: {problem}. The current scenario is unchanged.
        </p>
      )}
    </div>
  );
}
