import { useCallback, useEffect, useRef, useState } from 'react';
import { createExperimentClient } from '../../worker/experimentClient.ts';
import type { ExperimentClient } from '../../worker/experimentClient.ts';
import type { RunKind, RunResult } from '../../worker/experimentProtocol.ts';
import { OVERVIEW_PANEL, overviewLayout } from '../../viz/charts/overview.ts';
import type { OverviewLayout } from '../../viz/charts/overview.ts';
import type { BuiltExperiment } from './experimentInput.ts';

export const CHART_BUCKETS = 512;

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** A finished experiment: what ran and every run kind's results. */
export interface ExperimentResults {
  built: BuiltExperiment;
  runs: RunKind[];
  overview: OverviewLayout;
  results: Partial<Record<RunKind, RunResult>>;
}

export interface RunState {
  status: RunStatus;
  fraction: number;
  label: string;
  message: string;
  /** The last experiment that ran to the end; kept while a newer one runs or fails. */
  shown: ExperimentResults | null;
}

const IDLE: RunState = { status: 'idle', fraction: 0, label: '', message: '', shown: null };

/** Runs experiments in the experiment worker; one at a time, a new one cancels the old. */
export function useExperimentRun() {
  const [state, setState] = useState<RunState>(IDLE);
  const client = useRef<ExperimentClient | null>(null);

  useEffect(() => {
    const c = createExperimentClient();
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
    };
  }, []);

  const start = useCallback((built: BuiltExperiment) => {
    const c = client.current;
    if (!c) return;
    const runs: RunKind[] = built.scenario.mmu === 'tdp' ? ['buggy', 'fixed'] : ['buggy', 'fixed', 'tdp'];
    const overview = overviewLayout(built.tableCount, OVERVIEW_PANEL.width, OVERVIEW_PANEL.maxHeight);
    const ramTables = built.memslots.map((s): [number, number] => [
      Math.floor(s.baseGfn / 512),
      Math.ceil((s.baseGfn + s.pages) / 512),
    ]);
    const pending: ExperimentResults = { built, runs, overview, results: {} };
    setState((s) => ({ ...s, status: 'running', fraction: 0, label: 'starting', message: '' }));
    c.run(
      {
        scenario: built.scenario,
        runs,
        buckets: CHART_BUCKETS,
        tableCount: built.tableCount,
        overview,
        ramTables,
      },
      {
        onProgress: (fraction, label) => setState((s) => ({ ...s, fraction, label })),
        onResult: (r) => {
          pending.results[r.run] = r;
        },
        onEnd: (end) =>
          setState((s) => {
            if (end.kind === 'done') return { ...s, status: 'done', fraction: 1, label: '', shown: pending };
            if (end.kind === 'cancelled') return { ...s, status: 'cancelled', label: '' };
            return { ...s, status: 'error', label: '', message: end.message };
          }),
      },
    );
  }, []);

  const cancel = useCallback(() => client.current?.cancel(), []);

  return { state, start, cancel };
}
