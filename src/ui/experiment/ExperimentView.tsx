import { useEffect, useRef, useState } from 'react';
import { BatchHistogram } from './BatchHistogram.tsx';
import { ChartFrame } from './ChartFrame.tsx';
import { CumulativeChart } from './CumulativeChart.tsx';
import { ExperimentForm } from './ExperimentForm.tsx';
import { buildExperiment, SEED_INPUT } from './experimentInput.ts';
import type { ExperimentInput, InputField } from './experimentInput.ts';
import { ResultsTable } from './ResultsTable.tsx';
import { RunProgress } from './RunProgress.tsx';
import { TableOverview } from './TableOverview.tsx';
import { useExperimentRun } from './useExperimentRun.ts';
import './experiment.css';

/** The seed's experiment at scale (issue 4): inputs, a run in the experiment worker, results and charts. */
export function ExperimentView() {
  const [input, setInput] = useState<ExperimentInput>(SEED_INPUT);
  const [problem, setProblem] = useState<{ field: InputField; message: string } | null>(null);
  const { state, start, cancel } = useExperimentRun();
  const ranDefault = useRef(false);

  const run = (what: ExperimentInput) => {
    const built = buildExperiment(what);
    if (!built.ok) {
      // Bad input never replaces the last good results.
      setProblem({ field: built.field, message: built.message });
      return;
    }
    setProblem(null);
    start(built.value);
  };

  // The seed's experiment runs on arrival: it takes well under a second.
  useEffect(() => {
    if (ranDefault.current) return;
    ranDefault.current = true;
    run(SEED_INPUT);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  const shown = state.shown;
  return (
    <main className="app-main xp">
      <section className="xp-intro">
        <h2>Experiment: the seed's measurement at scale</h2>
        <p>
          A guest touches the first byte of every 4 KiB page of a range; the bulk engine counts the faults KVM
          fixes (pf_fixed) before and after c6cecc4b9324, with the TDP MMU for reference. Runs happen in a
          worker of their own, so the page stays responsive up to 1 TiB.
        </p>
      </section>
      <ExperimentForm
        input={input}
        onChange={(next) => {
          setInput(next);
          setProblem(null);
        }}
        onRun={() => run(input)}
        problem={problem}
        running={state.status === 'running'}
      />
      <RunProgress state={state} onCancel={cancel} />
      {shown && (
        <div className={`xp-output${state.status === 'running' ? ' is-stale' : ''}`}>
          <ResultsTable shown={shown} />
          <div className="xp-charts">
            <ChartFrame
              title="Cumulative pf_fixed"
              name="cumulative-pf-fixed"
              caption="Faults counted at the access that caused them (512 time buckets, exact at each bucket edge)."
            >
              {(ref) => <CumulativeChart shown={shown} svgRef={ref} />}
            </ChartFrame>
            <ChartFrame
              title="Batch sizes"
              name="batch-sizes"
              caption="Each direct_pte_prefetch_many() call by the number of SPTEs it covers. The bug drops the trailing run, the long batch of 7 after a fault at the start of a window."
            >
              {(ref) => <BatchHistogram shown={shown} svgRef={ref} />}
            </ChartFrame>
            <ChartFrame
              title="Every page table"
              name="page-table-overview"
              caption="Colour mixes faulted, prefetched and not-present SPTEs by their share of the cell."
            >
              {(ref) => <TableOverview shown={shown} svgRef={ref} />}
            </ChartFrame>
          </div>
        </div>
      )}
    </main>
  );
}
