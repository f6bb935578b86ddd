/** The one unsolicited message every worker of this app posts, once its handlers are in place. */
export interface ReadyMessage {
  type: 'ready';
}

/** The part of a Worker a channel uses, so tests can pass a fake. */
export interface WorkerPort<Req, Res> {
  postMessage(message: Req, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<Res>) => void) | null;
  terminate(): void;
}

/** A worker message that belongs to a request: everything but `ready`. */
export type RequestMessage<Res> = Exclude<Res, ReadyMessage>;

type WithoutId<M> = M extends unknown ? Omit<M, 'id'> : never;

/** The worker's messages of the given types as a request's promise resolves with them: without the id. */
export type ReplyOf<Res, T extends string> = WithoutId<Extract<Res, { type: T }>>;

type Body<Req, T> = Omit<Extract<Req, { type: T }>, 'id'>;

export interface ChannelOptions<Res extends { type: string }> {
  /** Message types that report on a request without ending it (progress, partial results). */
  interimTypes?: readonly RequestMessage<Res>['type'][];
  /** The message pending requests are rejected with when the worker is stopped. */
  stoppedMessage: string;
}

export interface RequestOptions<Res> {
  /** Hears the request's interim messages, in order, before its promise settles. */
  onInterim?: (msg: RequestMessage<Res>) => void;
  /** Buffers moved to the worker instead of copied. */
  transfer?: Transferable[];
}

export interface SentRequest<R> {
  /** The request id: the worker echoes it, and forget() takes it. */
  id: number;
  reply: Promise<R>;
}

interface Pending<Res> {
  resolve: (reply: never) => void;
  reject: (e: Error) => void;
  onInterim: ((msg: RequestMessage<Res>) => void) | undefined;
}

/**
 * Request/reply over a worker. Requests are queued until the worker posts `ready`; each gets an
 * id, and the worker's messages carrying that id go to it: interim ones to its callback, the first
 * other one settles its promise. Generic over the protocol's request union `Req`, response union
 * `Res` and `Replies`, the map from request type to what its promise resolves with.
 */
export class RpcChannel<
  Req extends { id: number; type: string },
  Res extends { type: string; id?: number },
  Replies extends Record<Req['type'], unknown>,
> {
  private nextId = 1;
  private ready = false;
  private readonly queue: Array<{ msg: Req; transfer: Transferable[] }> = [];
  private readonly pending = new Map<number, Pending<Res>>();
  private readonly interimTypes: ReadonlySet<string>;

  constructor(
    private readonly worker: WorkerPort<Req, Res>,
    private readonly options: ChannelOptions<Res>,
  ) {
    this.interimTypes = new Set(options.interimTypes ?? []);
    worker.onmessage = (e) => this.receive(e.data);
  }

  request<T extends Req['type']>(
    body: Body<Req, T>,
    opts: RequestOptions<Res> = {},
  ): SentRequest<Replies[T]> {
    const id = this.nextId++;
    // Body<T> plus an id is exactly the request of type T; TypeScript cannot see through the Omit.
    const msg = { ...body, id } as unknown as Req;
    const transfer = opts.transfer ?? [];
    const reply = new Promise<Replies[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: never) => void, reject, onInterim: opts.onInterim });
      if (this.ready) this.worker.postMessage(msg, transfer);
      else this.queue.push({ msg, transfer });
    });
    return { id, reply };
  }

  /**
   * Stops listening to request `id`: its promise never settles and its later messages are dropped.
   * A request still queued is never sent.
   */
  forget(id: number): void {
    this.pending.delete(id);
    const queued = this.queue.findIndex((q) => q.msg.id === id);
    if (queued >= 0) this.queue.splice(queued, 1);
  }

  /** Terminates the worker and rejects every pending request. */
  dispose(): void {
    this.worker.terminate();
    this.queue.length = 0;
    for (const p of this.pending.values()) p.reject(new Error(this.options.stoppedMessage));
    this.pending.clear();
  }

  private receive(msg: Res): void {
    if (msg.type === 'ready') {
      this.ready = true;
      for (const q of this.queue.splice(0)) this.worker.postMessage(q.msg, q.transfer);
      return;
    }
    if (msg.id === undefined) return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (this.interimTypes.has(msg.type)) {
      p.onInterim?.(msg as RequestMessage<Res>);
      return;
    }
    this.pending.delete(msg.id);
    const { id: _id, ...reply } = msg;
    (p.resolve as (r: unknown) => void)(reply);
  }
}

/**
 * For views that only show the latest answer: each request made through it answers the one
 * before it null, stops listening to it and, if it is still queued, never sends it (the worker
 * still finishes one already sent, which costs at most one run). A disposed channel answers null
 * too, so a view hears the same thing whether its request was replaced or its worker stopped.
 */
export class LatestOnly {
  private supersede: (() => void) | null = null;

  track<R>(channel: { forget(id: number): void }, sent: SentRequest<R>): Promise<R | null> {
    this.supersede?.();
    return new Promise((resolve) => {
      this.supersede = () => {
        channel.forget(sent.id);
        resolve(null);
      };
      sent.reply.then(resolve, () => resolve(null));
    });
  }
}
