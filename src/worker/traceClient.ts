import type { TraceHardware } from '../engine/trace/types.ts';
import type { Memslot } from '../engine/types.ts';
import type { TraceReplyFor, TraceRequest, TraceRequestType, TraceResponse } from './traceProtocol.ts';

/** The part of a Worker the client uses, so tests can pass a fake. */
export interface TraceWorkerLike {
  postMessage(message: TraceRequest): void;
  onmessage: ((e: MessageEvent<TraceResponse>) => void) | null;
  terminate(): void;
}

type Body<T extends TraceRequestType> = Omit<Extract<TraceRequest, { type: T }>, 'id'>;

export interface ParseHandle {
  /** The request id, for cancel(). */
  id: number;
  done: Promise<TraceReplyFor['parse']>;
}

interface Pending {
  resolve: (r: never) => void;
  reject: (e: Error) => void;
  onProgress?: (bytes: number, totalBytes: number) => void;
}

/** Talks to the trace worker: queues requests until it is ready and matches replies by id. */
export class TraceClient {
  private nextId = 1;
  private ready = false;
  private readonly queue: TraceRequest[] = [];
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: TraceWorkerLike) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  parse(
    source: Blob,
    opts: { name: string; vcpu: number | null; hardware: TraceHardware },
    onProgress: (bytes: number, totalBytes: number) => void,
  ): ParseHandle {
    const id = this.nextId;
    const done = this.request<'parse'>({ type: 'parse', source, ...opts }, onProgress);
    return { id, done };
  }

  cancel(parseId: number): Promise<TraceReplyFor['cancel']> {
    return this.request<'cancel'>({ type: 'cancel', parseId });
  }

  replay(memslots: Memslot[]): Promise<TraceReplyFor['replay']> {
    return this.request<'replay'>({ type: 'replay', memslots });
  }

  scenario(memslots: Memslot[], fitStepMode: boolean): Promise<TraceReplyFor['scenario']> {
    return this.request<'scenario'>({ type: 'scenario', memslots, fitStepMode });
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('trace worker stopped'));
    this.pending.clear();
  }

  private request<T extends TraceRequestType>(
    body: Body<T>,
    onProgress?: Pending['onProgress'],
  ): Promise<TraceReplyFor[T]> {
    const id = this.nextId++;
    // Body<T> plus an id is exactly the request of type T; TypeScript cannot see through the Omit.
    const msg = { ...body, id } as unknown as TraceRequest;
    return new Promise<TraceReplyFor[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: never) => void, reject, onProgress });
      if (this.ready) this.worker.postMessage(msg);
      else this.queue.push(msg);
    });
  }

  private receive(msg: TraceResponse): void {
    if (msg.type === 'ready') {
      this.ready = true;
      for (const m of this.queue.splice(0)) this.worker.postMessage(m);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.bytes, msg.totalBytes);
      return;
    }
    this.pending.delete(msg.id);
    const { id: _id, ...reply } = msg;
    (p.resolve as (r: unknown) => void)(reply);
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
