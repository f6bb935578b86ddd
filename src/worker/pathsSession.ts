import { comparePaths } from '../engine/comparePaths.ts';
import type { Workload } from '../engine/comparePaths.ts';
import { parseScenario } from '../engine/scenario.ts';
import type { PathsProgress, PathsReply } from './pathsProtocol.ts';

/**
 * One comparison, Node-testable: validates the workload as a legacy scenario first (so bad input
 * gets the format's own message and JSON path), then runs every path, reporting each as it ends.
 */
export function runComparison(w: Workload, progress: (p: PathsProgress) => void): PathsReply {
  const check = parseScenario({
    mmu: 'legacy',
    memslots: w.memslots,
    accesses: w.accesses,
    nonResident: w.nonResident ?? [],
    present: w.present ?? [],
  });
  if (!check.ok) return { type: 'error', path: check.error.path, message: check.error.message };
  const t0 = performance.now();
  const rows = comparePaths(w, (done, total, path) => progress({ type: 'progress', done, total, path }));
  return { type: 'rows', rows, engineMs: Math.round((performance.now() - t0) * 10) / 10 };
}
