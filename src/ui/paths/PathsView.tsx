import { useCallback, useEffect, useRef, useState } from 'react';
import type { PathRow } from '../../engine/comparePaths.ts';
import { createPathsClient } from '../../worker/pathsClient.ts';
import type { PathsClient } from '../../worker/pathsClient.ts';
import type { PathsProgress } from '../../worker/pathsProtocol.ts';
import { PathsChart } from './PathsChart.tsx';
import { StepPathLink } from './StepPathLink.tsx';
import { PathsTable } from './PathsTable.tsx';
import { PATH_SHORT } from './pathStyle.ts';
import { WorkloadForm } from './WorkloadForm.tsx';
import { describeWorkload, SEED_FIELDS, workloadFromFields } from './workloadForm.ts';
import type { WorkloadFields } from './workloadForm.ts';
import './paths.css';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; progress: PathsProgress | null }
  | { kind: 'done'; rows: PathRow[]; title: string; engineMs: number }
  | { kind: 'failed'; message: string };

export interface PathsViewProps {
  /** Embed mode: no intro, tighter layout. Defaults to whether the URL has `?embed`. */
  embed?: boolean;
}

function embedFromUrl(): boolean {
  return typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('embed');
}

/** One workload through every MMU path the seed names (issue 7), in a worker. */
export function PathsView({ embed = embedFromUrl() }: PathsViewProps) {
  const [fields, setFields] = useState<WorkloadFields>(SEED_FIELDS);
  const [problem, setProblem] = useState<{ field: keyof WorkloadFields; message: string } | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // The last finished result stays on screen while a new run is in progress.
  const [shown, setShown] = useState<Extract<Status, { kind: 'done' }> | null>(null);
  const client = useRef<PathsClient | null>(null);

  const run = useCallback(async (f: WorkloadFields) => {
    const parsed = workloadFromFields(f);
    if (!parsed.ok) {
      setProblem({ field: parsed.field, message: parsed.message });
      return;
    }
    setProblem(null);
    client.current ??= createPathsClient();
    setStatus({ kind: 'running', progress: null });
    const reply = await client.current.compare(parsed.workload, (p) =>
      setStatus({ kind: 'running', progress: p }),
    );
    if (reply === null) return; // superseded by a newer run
    if (reply.type === 'error') {
      setStatus({ kind: 'failed', message: `${reply.path}: ${reply.message}` });
      return;
    }
    const done = {
      kind: 'done' as const,
      rows: reply.rows,
      title: describeWorkload(parsed.workload),
      engineMs: reply.engineMs,
    };
    setStatus(done);
    setShown(done);
  }, []);

  useEffect(() => {
    void run(SEED_FIELDS);
    return () => {
      client.current?.dispose();
      client.current = null;
    };
  }, [run]);

  const running = status.kind === 'running';
  // Embedded, the shell already has the page's <main>; a slide shows the seed's result, not the form.
  const Root = embed ? 'div' : 'main';
  return (
    <Root className={embed ? 'paths-view is-embed' : 'app-main paths-view'} aria-busy={running}>
      {!embed && (
        <div className="paths-intro">
          <h2>All MMU paths, one workload</h2>
          <p>
            The seed names four paths: the legacy direct MMU (before and after c6cecc4b9324), shadow paging,
            the TDP MMU and hugepage-backed memory. Each runs the same accesses here in bulk mode; shadow
            paging gets a guest page table mapping every page linearly. The kernels are 5.15 and 5.16 (the
            other paths run 5.16): on this workload every release behaves like one of the two, since the rest
            of the prefetch code’s history needs bad guest PTEs, nested EPT without A/D bits or invalidations.
            To compare two chosen kernels, use the experiment’s Kernels fields or the kernel history strip.
          </p>
        </div>
      )}
      {!embed && (
        <WorkloadForm
          fields={fields}
          onChange={setFields}
          onRun={() => void run(fields)}
          problem={problem}
          running={running}
        />
      )}
      <div className="paths-status" role="status" aria-live="polite">
        {status.kind === 'running' && (
          <>
            <progress
              max={status.progress?.total ?? 5}
              value={status.progress?.done ?? 0}
              aria-label="Paths run"
            />
            <span>
              {status.progress
                ? `${status.progress.done} of ${status.progress.total} paths run (${PATH_SHORT[status.progress.path]} done)…`
                : 'Running every path…'}
            </span>
          </>
        )}
        {status.kind === 'failed' && <span className="field-error">Not run: {status.message}</span>}
        {status.kind === 'done' && !embed && (
          <span className="field-hint">
            All 5 paths run in {status.engineMs.toLocaleString('en-US')} ms of engine time.
          </span>
        )}
      </div>
      {shown && (
        <section className={`paths-results${running ? ' is-stale' : ''}`} aria-label="Results">
          <h3 className="paths-title">{shown.title}</h3>
          <PathsTable
            rows={shown.rows}
            compact={embed}
            {...(embed ? {} : { action: (row: PathRow) => <StepPathLink row={row} /> })}
          />
          {!embed && <PathsChart rows={shown.rows} />}
        </section>
      )}
    </Root>
  );
}
