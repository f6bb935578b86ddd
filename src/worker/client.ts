import type { ViewMode } from '../engine/ticks.ts';
import type { Scenario } from '../engine/types.ts';
import type { EngineRequest, EngineRequestType, EngineResponse, FrameReply, ReplyFor } from './protocol.ts';

/** The part of a Worker the client uses, so tests can pass a fake. */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  onmessage: ((e: MessageEvent<EngineResponse>) => void) | null;
  terminate(): void;
}

type Body<T extends EngineRequestType> = Omit<Extract<EngineRequest, { type: T }>, 'id'>;

/** What the store needs from the engine; the worker client implements it, tests fake it. */
export interface EnginePort {
  load(scenario: Scenario, mode: ViewMode, tick: number): Promise<ReplyFor['load']>;
  setMode(mode: ViewMode, fromTick: number): Promise<ReplyFor['setMode']>;
  /** Resolves null when a newer frame request superseded this one. */
  frame(tick: number): Promise<ReplyFor['frame'] | null>;
  validate(text: string): Promise<ReplyFor['validate']>;
  dispose(): void;
}

interface Pending {
  resolve: (r: never) => void;
  reject: (e: Error) => void;
}

/**
 * Talks to the engine worker: queues requests until the worker says it is ready, matches replies
 * to requests by id, and keeps at most one frame request in flight. While one is in flight only
 * the latest further request waits; anything older is answered null without reaching the worker,
 * and an in-flight reply that a newer request superseded is dropped, so scrubbing never queues
 * up work nobody will see.
 */
export class EngineClient implements EnginePort {
  private nextId = 1;
  private ready = false;
  private readonly queue: EngineRequest[] = [];
  private readonly pending = new Map<number, Pending>();
  private frameInFlight: number | null = null;
  private frameWaiting: { tick: number; resolve: (r: FrameReply | ReplyFor['frame'] | null) => void } | null =
    null;
  private frameSuperseded = false;

  constructor(private readonly worker: WorkerLike) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  load(scenario: Scenario, mode: ViewMode, tick: number): Promise<ReplyFor['load']> {
    return this.request<'load'>({ type: 'load', scenario, mode, tick });
  }

  setMode(mode: ViewMode, fromTick: number): Promise<ReplyFor['setMode']> {
    return this.request<'setMode'>({ type: 'setMode', mode, fromTick });
  }

  validate(text: string): Promise<ReplyFor['validate']> {
    return this.request<'validate'>({ type: 'validate', text });
  }

  frame(tick: number): Promise<ReplyFor['frame'] | null> {
    if (this.frameInFlight === null) return this.sendFrame(tick);
    this.frameSuperseded = true;
    this.frameWaiting?.resolve(null);
    return new Promise((resolve) => {
      this.frameWaiting = { tick, resolve };
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('engine stopped'));
    this.pending.clear();
    this.frameWaiting?.resolve(null);
    this.frameWaiting = null;
  }

  private sendFrame(tick: number): Promise<ReplyFor['frame'] | null> {
    this.frameSuperseded = false;
    const p = this.request<'frame'>({ type: 'frame', tick });
    this.frameInFlight = this.nextId - 1;
    return p.then((r) => {
      this.frameInFlight = null;
      const stale = this.frameSuperseded;
      const waiting = this.frameWaiting;
      this.frameWaiting = null;
      if (waiting) void this.sendFrame(waiting.tick).then(waiting.resolve);
      return stale ? null : r;
    });
  }

  private request<T extends EngineRequestType>(body: Body<T>): Promise<ReplyFor[T]> {
    const id = this.nextId++;
    // Body<T> plus an id is exactly the request of type T; TypeScript cannot see through the Omit.
    const msg = { ...body, id } as unknown as EngineRequest;
    return new Promise<ReplyFor[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: never) => void, reject });
      if (this.ready) this.worker.postMessage(msg);
      else this.queue.push(msg);
    });
  }

  private receive(msg: EngineResponse): void {
    if (msg.type === 'ready') {
      this.ready = true;
      for (const m of this.queue.splice(0)) this.worker.postMessage(m);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    const { id: _id, ...reply } = msg;
    (p.resolve as (r: unknown) => void)(reply);
  }
}

/** The real thing: a module worker running the engine. */
export function createWorkerEngine(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  });
  return new EngineClient(worker as unknown as WorkerLike);
}
