import { useCallback, useEffect, useRef, useState } from 'react';
import { buildCustomExperiment, clearCustomExperiment, useCustomWorkload } from './customWorkload.ts';
import type { CustomWorkload } from './customWorkload.ts';
import { CustomWorkloadBar } from './CustomWorkloadBar.tsx';
import { ExperimentForm } from './ExperimentForm.tsx';
import {
  buildExperiment,
  experimentAccessCount,
  MEASURE_ENGINE_MAX_ACCESSES,
  SEED_INPUT,
} from './experimentInput.ts';
import type { BuiltExperiment, ExperimentInput, InputField } from './experimentInput.ts';
import { ExperimentOutput } from './ExperimentOutput.tsx';
import { MeasureEngineToggle } from './MeasureEngineToggle.tsx';
import type { MeasureEngine } from './MeasureEngineToggle.tsx';
import { RunProgress } from './RunProgress.tsx';
import { useExperimentRun } from './useExperimentRun.ts';
import './experiment.css';

const autoMeasure = (b: BuiltExperiment | null): boolean =>
  b !== null && experimentAccessCount(b) <= MEASURE_ENGINE_MAX_ACCESSES;

/**
 * The seed's experiment at scale (issue 4), or a trace replay sent here by the trace dialog
 * (issue 6): inputs, a run in the experiment worker, results and charts.
 */
export function ExperimentView() {
  const [input, setInput] = useState<ExperimentInput>(SEED_INPUT);
  const [problem, setProblem] = useState<{ field: InputField; message: string } | null>(null);
  const [measure, setMeasure] = useState<MeasureEngine>('auto');
  const workload = useCustomWorkload();
  const { state, progress, start, cancel } = useExperimentRun();
  const lastRun = useRef<{ synthetic: boolean; serial: number } | null>(null);

  const measureFor = (b: BuiltExperiment) => measure === 'on' || (measure === 'auto' && autoMeasure(b));

  const runSynthetic = (what: ExperimentInput) => {
    lastRun.current = { synthetic: true, serial: 0 };
    const built = buildExperiment(what);
    if (!built.ok) {
      // Bad input never replaces the last good results.
      setProblem({ field: built.field, message: built.message });
      return;
    }
    setProblem(null);
    start(built.value, measureFor(built.value));
  };

  const runCustom = (w: CustomWorkload) => {
    lastRun.current = { synthetic: false, serial: w.serial };
    const built = buildCustomExperiment(w);
    start(built, measureFor(built));
  };

  // On arrival, and whenever the trace dialog sends a workload: the seed's experiment takes well
  // under a second; a trace replay runs as sent.
  useEffect(() => {
    const last = lastRun.current;
    if (workload) {
      if (!last || last.synthetic || last.serial !== workload.serial) runCustom(workload);
    } else if (!last) runSynthetic(input);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new workload starts a run
  }, [workload]);

  const onChange = useCallback((next: ExperimentInput) => {
    setInput(next);
    setProblem(null);
  }, []);

  const running = state.status === 'running';
  const built = workload ? buildCustomExperiment(workload) : null;
  const synthetic = workload ? null : buildExperiment(input);
  const toggle = (
    <MeasureEngineToggle
      mode={measure}
      autoOn={autoMeasure(built ?? (synthetic?.ok ? synthetic.value : null))}
      onChange={setMeasure}
    />
  );
  return (
    <main className="app-main xp">
      <section className="xp-intro">
        <h2>
          {workload ? 'Experiment: a trace replayed at scale' : "Experiment: the seed's measurement at scale"}
        </h2>
        <p>
          {workload
            ? 'The faults of a KVM trace, in trace order, replayed by the bulk engine: pf_fixed before and after c6cecc4b9324, with the TDP MMU for reference. '
            : 'A guest touches the first byte of every 4 KiB page of a range; the bulk engine counts the faults KVM fixes (pf_fixed) in two kernels, by default before and after c6cecc4b9324 (5.15 and 5.16), with the TDP MMU for reference. '}
          Runs happen in a worker of their own, so the page stays responsive up to 1 TiB.
        </p>
      </section>
      {workload ? (
        <CustomWorkloadBar
          workload={workload}
          running={running}
          onRun={() => runCustom(workload)}
          onBack={() => {
            clearCustomExperiment();
            runSynthetic(input);
          }}
        >
          {toggle}
        </CustomWorkloadBar>
      ) : (
        <ExperimentForm
          input={input}
          onChange={onChange}
          onRun={() => runSynthetic(input)}
          problem={problem}
          running={running}
        >
          {toggle}
        </ExperimentForm>
      )}
      <RunProgress state={state} progress={progress} onCancel={cancel} />
      {state.shown && (
        <div className={`xp-output${running ? ' is-stale' : ''}`}>
          <ExperimentOutput shown={state.shown} />
        </div>
      )}
    </main>
  );
}
