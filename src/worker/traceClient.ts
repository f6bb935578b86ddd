import type { TraceHardware } from '../engine/trace/types.ts';
import type { Memslot } from '../engine/types.ts';
import { RpcChannel } from './rpcChannel.ts';
import type { WorkerPort } from './rpcChannel.ts';
import type { TraceReplyFor, TraceRequest, TraceResponse } from './traceProtocol.ts';

/** The part of a Worker the client uses, so tests can pass a fake. */
export type TraceWorkerLike = WorkerPort<TraceRequest, TraceResponse>;

export interface ParseHandle {
  /** The request id, for cancel(). */
  id: number;
  done: Promise<TraceReplyFor['parse']>;
}

/** Talks to the trace worker: queues requests until it is ready and matches replies by id. */
export class TraceClient {
  private readonly channel: RpcChannel<TraceRequest, TraceResponse, TraceReplyFor>;

  constructor(worker: TraceWorkerLike) {
    this.channel = new RpcChannel(worker, {
      interimTypes: ['progress'],
      stoppedMessage: 'trace worker stopped',
    });
  }

  parse(
    source: Blob,
    opts: { name: string; vcpu: number | null; hardware: TraceHardware | null },
    onProgress: (bytes: number, totalBytes: number) => void,
  ): ParseHandle {
    const { id, reply } = this.channel.request<'parse'>(
      { type: 'parse', source, ...opts },
      {
        onInterim: (m) => {
          if (m.type === 'progress') onProgress(m.bytes, m.totalBytes);
        },
      },
    );
    return { id, done: reply };
  }

  cancel(parseId: number): Promise<TraceReplyFor['cancel']> {
    return this.channel.request<'cancel'>({ type: 'cancel', parseId }).reply;
  }

  replay(memslots: Memslot[]): Promise<TraceReplyFor['replay']> {
    return this.channel.request<'replay'>({ type: 'replay', memslots }).reply;
  }

  scenario(memslots: Memslot[], fitStepMode: boolean): Promise<TraceReplyFor['scenario']> {
    return this.channel.request<'scenario'>({ type: 'scenario', memslots, fitStepMode }).reply;
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** The real thing: a module worker of its own, apart from the visualizer's engine worker. */
export function createTraceClient(): TraceClient {
  const worker = new Worker(new URL('./trace.worker.ts', import.meta.url), {
    type: 'module',
    name: 'trace',
  });
  return new TraceClient(worker as unknown as TraceWorkerLike);
}
