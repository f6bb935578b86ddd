// Messages between the experiment view and its own worker (experiment.worker.ts). A separate
// worker from the visualizer's, so a long bulk run never delays a frame request.
import type { Scenario, Totals } from '../engine/types.ts';
import type { RunKind } from '../engine/runKinds.ts';
import type { OverviewLayout, OverviewShares } from '../engine/tableOverview.ts';

export type { RunKind };

/** The kernel each run kind models (labels such as "5.15", "4.18"); TDP runs have no prefetch. */
export interface ExperimentKernels {
  buggy: string;
  fixed: string;
}

/** The seed's pair: before and after c6cecc4b9324. */
export const DEFAULT_KERNELS: ExperimentKernels = { buggy: '5.15', fixed: '5.16' };

export interface RunRequest {
  type: 'run';
  id: number;
  /** A validated legacy or TDP scenario; each run kind overrides its kernel (and MMU for tdp). */
  scenario: Scenario;
  /**
   * The kernels of the `buggy` and `fixed` run kinds (the first and the second run); absent means
   * the seed's pair, 5.15 and 5.16.
   */
  kernels?: ExperimentKernels;
  /**
   * An explicit access list (a trace replay: a million GFNs and more), transferred; it replaces
   * scenario.accesses, which is then empty. Float64Array: GFNs of a 52-bit GPA exceed 32 bits.
   */
  gfns?: Float64Array;
  /** Also time runBulk alone (a second pass) for the table's engine time. */
  measureEngine: boolean;
  runs: RunKind[];
  /** Fault-count buckets over the accesses, for the cumulative chart. */
  buckets: number;
  /** Page tables [0, tableCount) that the overview shows. */
  tableCount: number;
  /** The overview's cells; the worker draws them (RGBA), the page only puts the pixels up. */
  overview: OverviewLayout;
  /** Table ranges [first, end) backed by memslots. */
  ramTables: Array<[number, number]>;
  /** When the page is cross-origin isolated: Int32Array flag; 1 asks the run to stop. */
  cancelFlag?: Int32Array;
}

export type ExperimentRequest = RunRequest;

/** One run kind's results; the typed arrays are transferred, not copied. */
export interface RunResult {
  run: RunKind;
  totals: Totals;
  /** Wall time of runBulk alone (the engine), measured in the worker; null when not asked for. */
  engineMs: number | null;
  /** Wall time of the profile pass (the charts' data), measured in the worker. */
  profileMs: number;
  accessCount: number;
  faultBuckets: Float64Array;
  batchSizes: Float64Array;
  /** ImageData-ready pixels of the overview layout (cols x rows). */
  overviewRgba: Uint8ClampedArray;
  overviewShares: OverviewShares;
}

export type ExperimentResponse =
  | { type: 'ready' }
  | { type: 'progress'; id: number; fraction: number; label: string }
  | { type: 'result'; id: number; result: RunResult }
  | { type: 'done'; id: number; cancelled: boolean }
  | { type: 'error'; id: number; message: string };

export function resultTransferables(r: RunResult): Transferable[] {
  return [r.faultBuckets.buffer, r.batchSizes.buffer, r.overviewRgba.buffer] as Transferable[];
}
