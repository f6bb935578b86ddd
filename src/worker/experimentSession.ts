import { profileRun } from '../engine/accessProfile.ts';
import { runBulk } from '../engine/bulk.ts';
import { resolveKernel } from '../engine/kernelVersion.ts';
import type { Scenario } from '../engine/types.ts';
import { overviewPixels } from '../engine/tableOverview.ts';
import { DEFAULT_KERNELS, resultTransferables } from './experimentProtocol.ts';
import type {
  ExperimentKernels,
  ExperimentResponse,
  RunKind,
  RunRequest,
  RunResult,
} from './experimentProtocol.ts';

/** What a run needs from its host: a clock, a way to post, and whether to stop. */
export interface RunHost {
  now(): number;
  post(msg: ExperimentResponse, transfer?: Transferable[]): void;
  shouldCancel(): boolean;
}

/** Progress posts at most this often (the bar needs >= 4 a second; more only costs the page). */
export const PROGRESS_INTERVAL_MS = 100;
/** Accesses between progress checks: about a millisecond of the slowest (random) pattern. */
export const PROGRESS_EVERY = 1 << 15;

function scenarioFor(base: Scenario, run: RunKind, kernels: ExperimentKernels): Scenario {
  if (run === 'tdp') return { ...base, mmu: 'tdp', variant: 'fixed' };
  const k = resolveKernel(kernels[run]);
  return { ...base, kernel: k.label, variant: k.variant };
}

/** How progress names a run: by its kind for the seed's pair, by its kernel otherwise. */
function runName(run: RunKind, kernels: ExperimentKernels): string {
  const pair = kernels.buggy === DEFAULT_KERNELS.buggy && kernels.fixed === DEFAULT_KERNELS.fixed;
  return run === 'tdp' || pair ? run : `v${kernels[run]}`;
}

/**
 * Runs each kind through profileRun (where faults happen, for the charts) and, when the request
 * asks to measure the engine, first through runBulk alone, timed: the engine figure of the table.
 *
 * Why one pass is enough otherwise: profileRun's totals are exactly runBulk's (accessProfile.test
 * holds them equal, and both to step mode), so the profiled run IS the measured run. The extra
 * runBulk pass only buys the engine's own wall time. For sequential patterns it is cheap
 * (profileRun memoises tables too), but for 1 TiB in random order the two passes cost about 2.5x
 * the profile alone (runBulk ~5-6 s, profileRun ~7-9 s per variant on the dev machine). So the
 * page measures the engine by default only up to 64 GiB and lets the user ask for it above.
 * Progress covers every pass of every kind in equal shares. Returns false when cancelled.
 */
export function runExperiment(req: RunRequest, host: RunHost): boolean {
  const passes = req.measureEngine ? 2 : 1;
  const phases = req.runs.length * passes;
  let phase = 0;
  let lastPost = -Infinity;
  // Called by the engine every PROGRESS_EVERY accesses (about a millisecond); posts at most every
  // PROGRESS_INTERVAL_MS, so the bar moves >= 4 times a second without flooding the page.
  const progress = (done: number, total: number, label: string): boolean => {
    const t = host.now();
    if (t - lastPost >= PROGRESS_INTERVAL_MS) {
      lastPost = t;
      const fraction = Math.min(1, (phase + (total > 0 ? done / total : 0)) / phases);
      host.post({ type: 'progress', id: req.id, fraction, label });
    }
    return host.shouldCancel();
  };
  // A trace's list arrives packed; the engine takes number[] (converted here, off the page).
  const base: Scenario = req.gfns ? { ...req.scenario, accesses: Array.from(req.gfns) } : req.scenario;

  const kernels = req.kernels ?? DEFAULT_KERNELS;
  for (const run of req.runs) {
    const s = scenarioFor(base, run, kernels);
    const kernel = run === 'tdp' ? s.variant : resolveKernel(kernels[run]);
    const name = runName(run, kernels);
    let engineMs: number | null = null;
    let engineTotals = null;
    if (req.measureEngine) {
      progress(0, 1, `${name}: engine`);
      const t0 = host.now();
      const bulk = runBulk(s, kernel, {
        progressEvery: PROGRESS_EVERY,
        onProgress: (d, n) => progress(d, n, `${name}: engine`),
      });
      engineMs = host.now() - t0;
      if (bulk.cancelled || host.shouldCancel()) return false;
      engineTotals = bulk.totals;
      phase++;
    }
    const label = req.measureEngine ? `${name}: charts` : name;
    progress(0, 1, label);
    const t1 = host.now();
    const p = profileRun(s, kernel, {
      buckets: req.buckets,
      tableCount: req.tableCount,
      progressEvery: PROGRESS_EVERY,
      onProgress: (d, n) => progress(d, n, label),
    });
    const profileMs = host.now() - t1;
    if (p.cancelled) return false;
    const { rgba, shares } = overviewPixels({ ...p, ramTables: req.ramTables }, req.overview);
    phase++;
    const result: RunResult = {
      run,
      totals: { ...(engineTotals ?? p.totals) },
      engineMs,
      profileMs,
      accessCount: p.accessCount,
      faultBuckets: p.faultBuckets,
      batchSizes: p.batchSizes,
      overviewRgba: rgba,
      overviewShares: shares,
    };
    host.post({ type: 'result', id: req.id, result }, resultTransferables(result));
  }
  return true;
}
