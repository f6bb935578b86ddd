import { scenarioKernel } from './kernelVersion.ts';
import { runAnyBulk } from './shadow/bulkShadow.ts';
import type { FaultDetail, RunResult, Scenario } from './types.ts';

export interface RunOptions {
  /** Include every fault's batch calls (memory grows with the number of faults). */
  detail?: boolean;
  /** Hand every fault's detail here instead, in access order (constant memory; see BulkOptions). */
  onFault?: (fault: FaultDetail) => void;
}

// The engine is compiled against ES2022 only (no DOM or Node types), yet runs where `performance`
// exists (browser, worker, Node >= 16); Date.now() is a coarse fallback for anything else.
const clock = (globalThis as { performance?: { now(): number } }).performance;
const now = (): number => (clock ? clock.now() : Date.now());

/** Runs a validated scenario in bulk mode for its own kernel (or variant) and times the engine. */
export function runScenario(s: Scenario, opts: RunOptions = {}): RunResult {
  const t0 = now();
  const r = runAnyBulk(s, scenarioKernel(s), { detail: opts.detail === true, onFault: opts.onFault });
  const engineMs = Math.round((now() - t0) * 100) / 100;
  const out: RunResult = { totals: r.totals, engineMs };
  if (opts.detail === true && !opts.onFault) out.faults = r.faults ?? [];
  return out;
}
