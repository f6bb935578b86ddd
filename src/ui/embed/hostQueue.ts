import type { HostCommand } from './hostMessages.ts';

/*
 * Coalescing the parent page's commands. Each message used to run at once, and each run meant a
 * store update, a frame request and a React render: a parent posting 53,000 `goto`s held the
 * embed for ~18 s. Now messages are only queued; once per animation frame the queue is applied
 * in order, within a time budget, and React renders once. While queued, a command that sets
 * state replaces the same kind of command just before it (only the latest `goto` of a run
 * matters), and the queue is bounded, oldest dropped, so memory stays flat whatever a parent
 * sends.
 */

/** Commands waiting at most; a parent that outruns this loses its oldest ones. */
export const MAX_QUEUED_COMMANDS = 256;
/** Main-thread time spent applying commands per frame; the rest waits for the next frame. */
export const FRAME_BUDGET_MS = 8;

const POSITION = new Set([
  'goto',
  'reset',
  'first',
  'last',
  'enter',
  'next',
  'prev',
  'nextFault',
  'prevFault',
]);

/**
 * Whether `next`, arriving right after `last`, makes `last` pointless: `next` sets the same state
 * from scratch. Only neighbours merge, so the order of different kinds of commands is kept
 * (`setVariant` then `goto` is not `goto` then `setVariant`). Relative moves (`next`, `prev`)
 * and quiz events (`pick`, `submitPrediction`, `resetScore`) never replace anything.
 */
export function supersedes(next: HostCommand, last: HostCommand): boolean {
  switch (next.command) {
    case 'goto':
    case 'reset':
    case 'first':
    case 'last':
    case 'enter':
      return POSITION.has(last.command);
    case 'play':
    case 'pause':
      return last.command === 'play' || last.command === 'pause';
    case 'setVariant':
    case 'predict':
    case 'predictFor':
    case 'slide:start':
    case 'slide:stop':
      return last.command === next.command;
    default:
      return false;
  }
}

const ABSOLUTE = new Set(['goto', 'reset', 'first', 'last', 'enter']);

/**
 * Adds a command to the queue, dropping what it supersedes; returns how many were dropped to the
 * bound. A position set from scratch also folds the mode changes and moves queued just before it
 * into the last of those mode changes: `setVariant A, goto 5, setVariant B, goto 9` ends in mode
 * B at step 9 whichever way it goes, so it becomes `setVariant B, goto 9`.
 */
export function enqueue(queue: HostCommand[], c: HostCommand, max = MAX_QUEUED_COMMANDS): number {
  if (ABSOLUTE.has(c.command)) {
    let mode: HostCommand | null = null;
    for (let last = queue.at(-1); last; last = queue.at(-1)) {
      if (POSITION.has(last.command)) queue.pop();
      else if (last.command === 'setVariant') {
        queue.pop();
        mode ??= last; // the latest mode change is the first one met going back
      } else break;
    }
    if (mode) queue.push(mode);
  } else {
    while (queue.length > 0 && supersedes(c, queue[queue.length - 1]!)) queue.pop();
  }
  queue.push(c);
  const over = queue.length - max;
  if (over > 0) queue.splice(0, over);
  return Math.max(0, over);
}

export interface Scheduler {
  /** Calls `f` soon, once: the next animation frame, or a timer where frames do not run (hidden). */
  schedule(f: () => void): () => void;
  now(): number;
}

/** Animation frames where the page is drawn; a timer too, since a hidden iframe gets no frames. */
export const browserScheduler: Scheduler = {
  schedule(f) {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      cancelAnimationFrame(raf);
      clearTimeout(timer);
      f();
    };
    const raf = requestAnimationFrame(once);
    const timer = setTimeout(once, 100);
    return () => {
      done = true;
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  },
  now: () => performance.now(),
};

export interface CommandPump {
  push(c: HostCommand): void;
  /** Commands waiting now (for tests and diagnostics). */
  readonly pending: number;
  /** Commands dropped because the queue was full. */
  readonly dropped: number;
  dispose(): void;
}

/**
 * Queues commands and applies them with `run` once per frame, within FRAME_BUDGET_MS. A command
 * whose `run` returns a promise (a mode change, answered by the worker) holds the rest of the
 * queue until it settles, so commands take effect in the order they were sent.
 */
export function createCommandPump(
  run: (c: HostCommand) => Promise<unknown> | void,
  scheduler: Scheduler = browserScheduler,
): CommandPump {
  const queue: HostCommand[] = [];
  let cancel: (() => void) | null = null;
  let waiting = false;
  let disposed = false;
  let dropped = 0;

  const schedule = () => {
    if (!disposed && !waiting && cancel === null && queue.length > 0) cancel = scheduler.schedule(drain);
  };

  const drain = () => {
    cancel = null;
    const start = scheduler.now();
    // At least one command per frame, however slow, so the queue always moves.
    do {
      const done = run(queue.shift()!);
      if (done instanceof Promise) {
        waiting = true;
        const resume = () => {
          waiting = false;
          schedule();
        };
        done.then(resume, resume);
        return;
      }
    } while (queue.length > 0 && scheduler.now() - start < FRAME_BUDGET_MS);
    schedule();
  };

  return {
    push(c) {
      dropped += enqueue(queue, c);
      schedule();
    },
    get pending() {
      return queue.length;
    },
    get dropped() {
      return dropped;
    },
    dispose() {
      disposed = true;
      cancel?.();
      cancel = null;
      queue.length = 0;
    },
  };
}
