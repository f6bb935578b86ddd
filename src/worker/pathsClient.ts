import type { Workload } from '../engine/comparePaths.ts';
import type { PathsError, PathsProgress, PathsRequest, PathsResponse, PathsRows } from './pathsProtocol.ts';

/** The part of a Worker the client uses, so tests can pass a fake. */
export interface PathsWorkerLike {
  postMessage(message: PathsRequest): void;
  onmessage: ((e: MessageEvent<PathsResponse>) => void) | null;
  terminate(): void;
}

interface Pending {
  onProgress: (p: PathsProgress) => void;
  resolve: (r: PathsRows | PathsError | null) => void;
}

/**
 * Talks to the comparison worker: queues until ready, matches replies by id. Only the latest
 * comparison matters to the view, so a newer request answers the older one null (its late
 * progress and result are dropped); the worker still finishes it, which costs at most one run.
 */
export class PathsClient {
  private nextId = 1;
  private ready = false;
  private readonly queue: PathsRequest[] = [];
  private pending: { id: number; p: Pending } | null = null;

  constructor(private readonly worker: PathsWorkerLike) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  compare(
    workload: Workload,
    onProgress: (p: PathsProgress) => void,
  ): Promise<PathsRows | PathsError | null> {
    const id = this.nextId++;
    this.pending?.p.resolve(null);
    const msg: PathsRequest = { id, type: 'compare', workload };
    return new Promise((resolve) => {
      this.pending = { id, p: { onProgress, resolve } };
      if (this.ready) this.worker.postMessage(msg);
      else this.queue.push(msg);
    });
  }

  dispose(): void {
    this.worker.terminate();
    this.pending?.p.resolve(null);
    this.pending = null;
  }

  private receive(msg: PathsResponse): void {
    if (msg.type === 'ready') {
      this.ready = true;
      // Only the latest queued request is still wanted.
      const last = this.queue.splice(0).pop();
      if (last) this.worker.postMessage(last);
      return;
    }
    if (!this.pending || msg.id !== this.pending.id) return;
    const { id: _id, ...reply } = msg;
    if (reply.type === 'progress') {
      this.pending.p.onProgress(reply);
      return;
    }
    const p = this.pending.p;
    this.pending = null;
    p.resolve(reply);
  }
}

/** The real thing: a module worker running comparePaths. */
export function createPathsClient(): PathsClient {
  const worker = new Worker(new URL('./paths.worker.ts', import.meta.url), { type: 'module', name: 'paths' });
  return new PathsClient(worker as unknown as PathsWorkerLike);
}
