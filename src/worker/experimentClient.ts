import type { Scenario } from '../engine/types.ts';
import type {
  ExperimentRequest,
  ExperimentResponse,
  RunKind,
  RunRequest,
  RunResult,
} from './experimentProtocol.ts';

/** The part of a Worker the client uses, so tests can pass a fake. */
export interface ExperimentWorkerLike {
  postMessage(message: ExperimentRequest, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ExperimentResponse>) => void) | null;
  terminate(): void;
}

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
  private worker: ExperimentWorkerLike;
  private nextId = 1;
  private current: { id: number; handlers: RunHandlers; flag?: Int32Array } | null = null;

  constructor(private readonly spawn: () => ExperimentWorkerLike) {
    this.worker = this.attach(spawn());
  }

  get running(): boolean {
    return this.current !== null;
  }

  run(opts: RunOptions, handlers: RunHandlers): void {
    if (this.current) this.cancel();
    const id = this.nextId++;
    const flag = sharedFlag();
    this.current = flag ? { id, handlers, flag } : { id, handlers };
    const req: ExperimentRequest = { type: 'run', id, ...opts };
    if (flag) req.cancelFlag = flag;
    // The access list is moved, not cloned: the caller hands over a copy it will not use again.
    this.worker.postMessage(req, opts.gfns ? [opts.gfns.buffer] : []);
  }

  /** Stops the current run now; its handlers hear `cancelled` and nothing after it. */
  cancel(): void {
    const cur = this.current;
    if (!cur) return;
    this.current = null;
    if (cur.flag) Atomics.store(cur.flag, 0, 1);
    else {
      this.worker.terminate();
      this.worker = this.attach(this.spawn());
    }
    cur.handlers.onEnd({ kind: 'cancelled' });
  }

  dispose(): void {
    this.current = null;
    this.worker.terminate();
  }

  private attach(w: ExperimentWorkerLike): ExperimentWorkerLike {
    w.onmessage = (e) => this.receive(e.data);
    return w;
  }

  private receive(msg: ExperimentResponse): void {
    if (msg.type === 'ready') return;
    const cur = this.current;
    // Messages of a cancelled run (flag mode) arrive after cancel(): nobody is listening.
    if (!cur || msg.id !== cur.id) return;
    switch (msg.type) {
      case 'progress':
        cur.handlers.onProgress(msg.fraction, msg.label);
        return;
      case 'result':
        cur.handlers.onResult(msg.result);
        return;
      case 'done':
        this.current = null;
        cur.handlers.onEnd(msg.cancelled ? { kind: 'cancelled' } : { kind: 'done' });
        return;
      case 'error':
        this.current = null;
        cur.handlers.onEnd({ kind: 'error', message: msg.message });
        return;
    }
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
