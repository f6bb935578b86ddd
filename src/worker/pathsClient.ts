import type { Workload } from '../engine/comparePaths.ts';
import type { PathsError, PathsProgress, PathsRequest, PathsResponse, PathsRows } from './pathsProtocol.ts';
import { LatestOnly, RpcChannel } from './rpcChannel.ts';
import type { WorkerPort } from './rpcChannel.ts';

/** The part of a Worker the client uses, so tests can pass a fake. */
export type PathsWorkerLike = WorkerPort<PathsRequest, PathsResponse>;

/**
 * Talks to the comparison worker: queues until ready, matches replies by id. Only the latest
 * comparison matters to the view, so a newer request answers the older one null (its late
 * progress and result are dropped, and it is never sent if still queued); the worker still
 * finishes one already sent, which costs at most one run.
 */
export class PathsClient {
  private readonly channel: RpcChannel<PathsRequest, PathsResponse, { compare: PathsRows | PathsError }>;
  private readonly latest = new LatestOnly();

  constructor(worker: PathsWorkerLike) {
    this.channel = new RpcChannel(worker, {
      interimTypes: ['progress'],
      stoppedMessage: 'paths worker stopped',
    });
  }

  compare(
    workload: Workload,
    onProgress: (p: PathsProgress) => void,
  ): Promise<PathsRows | PathsError | null> {
    const sent = this.channel.request<'compare'>(
      { type: 'compare', workload },
      {
        onInterim: ({ id: _id, ...m }) => {
          if (m.type === 'progress') onProgress(m);
        },
      },
    );
    return this.latest.track(this.channel, sent);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** The real thing: a module worker running comparePaths. */
export function createPathsClient(): PathsClient {
  const worker = new Worker(new URL('./paths.worker.ts', import.meta.url), { type: 'module', name: 'paths' });
  return new PathsClient(worker as unknown as PathsWorkerLike);
}
