import type { Scenario } from '../engine/types.ts';
import type {
  ExperimentRequest,
  ExperimentResponse,
  RunKind,
  RunRequest,
  RunResult,
} from './experimentProtocol.ts';
import { RpcChannel } from './rpcChannel.ts';
import type { ReplyOf, WorkerPort } from './rpcChannel.ts';

/** The part of a Worker the client uses, so tests can pass a fake. */
export type ExperimentWorkerLike = WorkerPort<ExperimentRequest, ExperimentResponse>;

type ExperimentChannel = RpcChannel<
  ExperimentRequest,
  ExperimentResponse,
  { run: ReplyOf<ExperimentResponse, 'done' | 'error'> }
>;

export interface RunHandlers {
  onProgress(fraction: number, label: string): void;
  onResult(result: RunResult): void;
  /** Once per run: finished, cancelled, or failed (message). */
  onEnd(outcome: { kind: 'done' } | { kind: 'cancelled' } | { kind: 'error'; message: string }): void;
}

export type RunOptions = Omit<RunRequest, 'type' | 'id' | 'cancelFlag'> & {
  scenario: Scenario;
  runs: RunKind[];
};

/**
 * Talks to the experiment worker: one run at a time. Cancel must take effect within 200 ms while
 * the worker is deep in a synchronous bulk run that cannot read messages. With a
 * SharedArrayBuffer (cross-origin isolated page) a flag stops the run at its next progress check
 * and the worker lives on; otherwise the worker is terminated and a fresh one started.
 */
export class ExperimentClient {
  private channel: ExperimentChannel;
  private current: { id: number; handlers: RunHandlers; flag?: Int32Array } | null = null;

  constructor(private readonly spawn: () => ExperimentWorkerLike) {
    this.channel = this.open();
  }

  get running(): boolean {
    return this.current !== null;
  }

  run(opts: RunOptions, handlers: RunHandlers): void {
    if (this.current) this.cancel();
    const flag = sharedFlag();
    const { id, reply } = this.channel.request<'run'>(
      { type: 'run', ...opts, ...(flag ? { cancelFlag: flag } : {}) },
      {
        // The access list is moved, not cloned: the caller hands over a copy it will not use again.
        transfer: opts.gfns ? [opts.gfns.buffer] : [],
        onInterim: (msg) => {
          if (msg.type === 'progress') handlers.onProgress(msg.fraction, msg.label);
          else if (msg.type === 'result') handlers.onResult(msg.result);
        },
      },
    );
    this.current = flag ? { id, handlers, flag } : { id, handlers };
    void reply.then((end) => {
      if (this.current?.id === id) this.current = null;
      handlers.onEnd(
        end.type === 'error'
          ? { kind: 'error', message: end.message }
          : { kind: end.cancelled ? 'cancelled' : 'done' },
      );
    });
  }

  /** Stops the current run now; its handlers hear `cancelled` and nothing after it. */
  cancel(): void {
    const cur = this.current;
    if (!cur) return;
    this.current = null;
    // Messages of a cancelled run (flag mode) arrive after this: nobody is listening.
    this.channel.forget(cur.id);
    if (cur.flag) Atomics.store(cur.flag, 0, 1);
    else {
      this.channel.dispose();
      this.channel = this.open();
    }
    cur.handlers.onEnd({ kind: 'cancelled' });
  }

  dispose(): void {
    if (this.current) this.channel.forget(this.current.id);
    this.current = null;
    this.channel.dispose();
  }

  private open(): ExperimentChannel {
    return new RpcChannel(this.spawn(), {
      interimTypes: ['progress', 'result'],
      stoppedMessage: 'experiment worker stopped',
    });
  }
}

function sharedFlag(): Int32Array | undefined {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (!isolated || typeof SharedArrayBuffer === 'undefined') return undefined;
  return new Int32Array(new SharedArrayBuffer(4));
}

/** The real thing: a module worker of its own. */
export function createExperimentClient(): ExperimentClient {
  return new ExperimentClient(
    () =>
      new Worker(new URL('./experiment.worker.ts', import.meta.url), {
        type: 'module',
        name: 'experiment',
      }) as unknown as ExperimentWorkerLike,
  );
}
