import type { PathId, PathRow, Workload } from '../engine/comparePaths.ts';

/**
 * Messages between the comparison view and its worker, which runs one workload through every MMU
 * path in bulk mode. A `compare` request is answered by zero or more `progress` messages and then
 * exactly one `rows` or `error`, all carrying the request's id. `ready` is the only unsolicited one.
 */
export type PathsRequest = { id: number; type: 'compare'; workload: Workload };

export interface PathsProgress {
  type: 'progress';
  /** Paths finished so far, of `total`. */
  done: number;
  total: number;
  /** The path that just finished. */
  path: PathId;
}

export interface PathsRows {
  type: 'rows';
  rows: PathRow[];
  /** Engine time for the whole comparison, rounded to 0.1 ms. */
  engineMs: number;
}

export interface PathsError {
  type: 'error';
  /** Where (a JSON path of the scenario the workload became) and what. */
  path: string;
  message: string;
}

export type PathsReply = PathsProgress | PathsRows | PathsError;

export type PathsResponse = { type: 'ready' } | (PathsReply & { id: number });
