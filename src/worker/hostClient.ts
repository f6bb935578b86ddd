import type { HostInput } from '../engine/hostCheck.ts';
import type { HostAnswerReply, HostError, HostRequest, HostResponse } from './hostProtocol.ts';
import { LatestOnly, RpcChannel } from './rpcChannel.ts';
import type { WorkerPort } from './rpcChannel.ts';

export type HostWorkerLike = WorkerPort<HostRequest, HostResponse>;

/** Talks to the host worker; only the latest question matters, so an older one answers null. */
export class HostClient {
  private readonly channel: RpcChannel<HostRequest, HostResponse, { check: HostAnswerReply | HostError }>;
  private readonly latest = new LatestOnly();

  constructor(worker: HostWorkerLike) {
    this.channel = new RpcChannel(worker, { stoppedMessage: 'host worker stopped' });
  }

  check(input: HostInput): Promise<HostAnswerReply | HostError | null> {
    return this.latest.track(this.channel, this.channel.request<'check'>({ type: 'check', input }));
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export function createHostClient(): HostClient {
  const worker = new Worker(new URL('./host.worker.ts', import.meta.url), { type: 'module', name: 'host' });
  return new HostClient(worker as unknown as HostWorkerLike);
}
