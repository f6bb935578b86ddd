import { profileRun } from '../engine/accessProfile.ts';
import { runBulk } from '../engine/bulk.ts';
import type { Scenario } from '../engine/types.ts';
import { overviewPixels } from '../viz/charts/overview.ts';
import { resultTransferables } from './experimentProtocol.ts';
import type { ExperimentResponse, RunKind, RunRequest, RunResult } from './experimentProtocol.ts';

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

function scenarioFor(base: Scenario, run: RunKind): Scenario {
  return run === 'tdp' ? { ...base, mmu: 'tdp', variant: 'fixed' } : { ...base, variant: run };
}

/**
 * Runs each kind twice: runBulk (timed: the engine figure shown in the table) and profileRun
 * (where faults happen, for the charts). Progress covers both passes of every kind in equal
 * shares. Returns false when cancelled.
 */
export function runExperiment(req: RunRequest, host: RunHost): boolean {
  const phases = req.runs.length * 2;
  let phase = 0;
  let lastPost = -Infinity;
  const progress = (done: number, total: number, label: string): boolean => {
    const t = host.now();
    if (t - lastPost >= PROGRESS_INTERVAL_MS) {
      lastPost = t;
      const fraction = Math.min(1, (phase + (total > 0 ? done / total : 0)) / phases);
      host.post({ type: 'progress', id: req.id, fraction, label });
    }
    return host.shouldCancel();
  };

  for (const run of req.runs) {
    const s = scenarioFor(req.scenario, run);
    const variant = s.variant;
    progress(0, 1, `${run}: engine`);
    const t0 = host.now();
    const bulk = runBulk(s, variant, {
      progressEvery: PROGRESS_EVERY,
      onProgress: (d, n) => progress(d, n, `${run}: engine`),
    });
    const engineMs = host.now() - t0;
    if (bulk.cancelled || host.shouldCancel()) return false;
    phase++;
    progress(0, 1, `${run}: charts`);
    const t1 = host.now();
    const p = profileRun(s, variant, {
      buckets: req.buckets,
      tableCount: req.tableCount,
      progressEvery: PROGRESS_EVERY,
      onProgress: (d, n) => progress(d, n, `${run}: charts`),
    });
    const profileMs = host.now() - t1;
    if (p.cancelled) return false;
    const { rgba, shares } = overviewPixels({ ...p, ramTables: req.ramTables }, req.overview);
    phase++;
    const result: RunResult = {
      run,
      totals: { ...bulk.totals },
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
