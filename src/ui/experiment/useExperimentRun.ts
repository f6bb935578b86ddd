import { useCallback, useEffect, useRef, useState } from 'react';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { createExperimentClient } from '../../worker/experimentClient.ts';
import type { ExperimentClient } from '../../worker/experimentClient.ts';
import type { RunKind, RunResult } from '../../worker/experimentProtocol.ts';
import { OVERVIEW_PANEL, overviewLayout } from '../../engine/tableOverview.ts';
import type { OverviewLayout } from '../../engine/tableOverview.ts';
import type { BuiltExperiment } from './experimentInput.ts';
import { runNames } from './runLabels.ts';
import type { RunNames } from './runLabels.ts';

export const CHART_BUCKETS = 512;

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** A finished experiment: what ran and every run kind's results. */
export interface ExperimentResults {
  built: BuiltExperiment;
  runs: RunKind[];
  overview: OverviewLayout;
  results: Partial<Record<RunKind, RunResult>>;
  /** What each run is called (by the fix, or by kernel version) in the table, legends and files. */
  names: RunNames;
}

/** The progress of the current run: in a store of its own, so its updates re-render only the bar. */
export interface RunProgressState {
  fraction: number;
  label: string;
}

export interface RunState {
  status: RunStatus;
  message: string;
  /** The last experiment that ran to the end; kept while a newer one runs or fails. */
  shown: ExperimentResults | null;
}

const IDLE: RunState = { status: 'idle', message: '', shown: null };

/** Runs experiments in the experiment worker; one at a time, a new one cancels the old. */
export function useExperimentRun() {
  const [state, setState] = useState<RunState>(IDLE);
  const [progress] = useState<StoreApi<RunProgressState>>(() =>
    createStore<RunProgressState>()(() => ({ fraction: 0, label: '' })),
  );
  const client = useRef<ExperimentClient | null>(null);

  useEffect(() => {
    const c = createExperimentClient();
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
    };
  }, []);

  const start = useCallback(
    (built: BuiltExperiment, measureEngine: boolean) => {
      const c = client.current;
      if (!c) return;
      const runs: RunKind[] = built.scenario.mmu === 'tdp' ? ['buggy', 'fixed'] : ['buggy', 'fixed', 'tdp'];
      const overview = overviewLayout(built.tableCount, OVERVIEW_PANEL.width, OVERVIEW_PANEL.maxHeight);
      const ramTables = built.memslots.map((s): [number, number] => [
        Math.floor(s.baseGfn / 512),
        Math.ceil((s.baseGfn + s.pages) / 512),
      ]);
      const pending: ExperimentResults = {
        built,
        runs,
        overview,
        results: {},
        names: runNames(built.kernels),
      };
      progress.setState({ fraction: 0, label: 'starting' });
      setState((s) => ({ ...s, status: 'running', message: '' }));
      c.run(
        {
          scenario: built.scenario,
          ...(built.kernels ? { kernels: built.kernels } : {}),
          // A copy goes to the worker (transferred): the workload keeps its own for the next run.
          ...(built.gfns ? { gfns: built.gfns.slice() } : {}),
          measureEngine,
          runs,
          buckets: CHART_BUCKETS,
          tableCount: built.tableCount,
          overview,
          ramTables,
        },
        {
          onProgress: (fraction, label) => progress.setState({ fraction, label }),
          onResult: (r) => {
            pending.results[r.run] = r;
          },
          onEnd: (end) =>
            setState((s) => {
              if (end.kind === 'done') return { ...s, status: 'done', shown: pending };
              if (end.kind === 'cancelled') return { ...s, status: 'cancelled' };
              return { ...s, status: 'error', message: end.message };
            }),
        },
      );
    },
    [progress],
  );

  const cancel = useCallback(() => client.current?.cancel(), []);

  return { state, progress, start, cancel };
}
