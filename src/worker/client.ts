import type { ViewMode } from '../engine/ticks.ts';
import type { Scenario } from '../engine/types.ts';
import type { EngineRequest, EngineResponse, FrameReply, ReplyFor } from './protocol.ts';
import { RpcChannel } from './rpcChannel.ts';
import type { WorkerPort } from './rpcChannel.ts';

/** The part of a Worker the client uses, so tests can pass a fake. */
export type WorkerLike = WorkerPort<EngineRequest, EngineResponse>;

/** What the store needs from the engine; the worker client implements it, tests fake it. */
export interface EnginePort {
  load(scenario: Scenario, mode: ViewMode, tick: number): Promise<ReplyFor['load']>;
  setMode(mode: ViewMode, fromTick: number): Promise<ReplyFor['setMode']>;
  /** Resolves null when a newer frame request superseded this one. */
  frame(tick: number): Promise<ReplyFor['frame'] | null>;
  validate(text: string): Promise<ReplyFor['validate']>;
  /** Decodes a share link's payload off the main thread; without it the page decodes in place. */
  decodeLink?(payload: string): Promise<ReplyFor['decodeLink']>;
  dispose(): void;
}

/**
 * Talks to the engine worker over an RpcChannel (queued until ready, replies matched by id), and
 * keeps at most one frame request in flight. While one is in flight only the latest further
 * request waits; anything older is answered null without reaching the worker, and an in-flight
 * reply that a newer request superseded is dropped, so scrubbing never queues up work nobody
 * will see.
 */
export class EngineClient implements EnginePort {
  private readonly channel: RpcChannel<EngineRequest, EngineResponse, ReplyFor>;
  private frameInFlight = false;
  private frameWaiting: { tick: number; resolve: (r: FrameReply | ReplyFor['frame'] | null) => void } | null =
    null;
  private frameSuperseded = false;

  constructor(worker: WorkerLike) {
    this.channel = new RpcChannel(worker, { stoppedMessage: 'engine stopped' });
  }

  load(scenario: Scenario, mode: ViewMode, tick: number): Promise<ReplyFor['load']> {
    return this.channel.request<'load'>({ type: 'load', scenario, mode, tick }).reply;
  }

  setMode(mode: ViewMode, fromTick: number): Promise<ReplyFor['setMode']> {
    return this.channel.request<'setMode'>({ type: 'setMode', mode, fromTick }).reply;
  }

  validate(text: string): Promise<ReplyFor['validate']> {
    return this.channel.request<'validate'>({ type: 'validate', text }).reply;
  }

  decodeLink(payload: string): Promise<ReplyFor['decodeLink']> {
    return this.channel.request<'decodeLink'>({ type: 'decodeLink', payload }).reply;
  }

  frame(tick: number): Promise<ReplyFor['frame'] | null> {
    if (!this.frameInFlight) return this.sendFrame(tick);
    this.frameSuperseded = true;
    this.frameWaiting?.resolve(null);
    return new Promise((resolve) => {
      this.frameWaiting = { tick, resolve };
    });
  }

  dispose(): void {
    this.channel.dispose();
    this.frameWaiting?.resolve(null);
    this.frameWaiting = null;
  }

  private sendFrame(tick: number): Promise<ReplyFor['frame'] | null> {
    this.frameSuperseded = false;
    this.frameInFlight = true;
    return this.channel.request<'frame'>({ type: 'frame', tick }).reply.then((r) => {
      this.frameInFlight = false;
      const stale = this.frameSuperseded;
      const waiting = this.frameWaiting;
      this.frameWaiting = null;
      if (waiting) void this.sendFrame(waiting.tick).then(waiting.resolve);
      return stale ? null : r;
    });
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
