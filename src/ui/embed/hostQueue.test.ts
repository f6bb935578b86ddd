import { describe, expect, it } from 'vitest';
import type { HostCommand } from './hostMessages.ts';
import { createCommandPump, enqueue, FRAME_BUDGET_MS, MAX_QUEUED_COMMANDS } from './hostQueue.ts';
import type { Scheduler } from './hostQueue.ts';

const goto = (step: number): HostCommand => ({ command: 'goto', step });
const next: HostCommand = { command: 'next' };

/** A scheduler driven by hand: `frame()` runs what was scheduled; `cost` ms pass per `now()`. */
function manualScheduler(cost = 0) {
  let pending: (() => void) | null = null;
  let t = 0;
  const s: Scheduler & { frame(): void; scheduled(): boolean } = {
    schedule(f) {
      pending = f;
      return () => {
        pending = null;
      };
    },
    now: () => (t += cost),
    frame() {
      const f = pending;
      pending = null;
      f?.();
    },
    scheduled: () => pending !== null,
  };
  return s;
}

describe('enqueue', () => {
  it('keeps only the latest of a run of position commands ending in an absolute one', () => {
    const q: HostCommand[] = [];
    for (let i = 0; i < 53_000; i++) enqueue(q, goto(i));
    expect(q).toEqual([goto(52_999)]);
    enqueue(q, next);
    enqueue(q, next);
    expect(q).toEqual([goto(52_999), next, next]);
    enqueue(q, { command: 'reset' });
    expect(q).toEqual([{ command: 'reset' }]);
  });

  it('treats first, last and a slide entry as positions set from scratch', () => {
    const q: HostCommand[] = [];
    enqueue(q, next);
    enqueue(q, { command: 'last' });
    enqueue(q, { command: 'enter', direction: 'prev' });
    expect(q).toEqual([{ command: 'enter', direction: 'prev' }]);
    enqueue(q, { command: 'first' });
    expect(q).toEqual([{ command: 'first' }]);
  });

  it('keeps the order of different kinds of commands', () => {
    const q: HostCommand[] = [];
    enqueue(q, { command: 'setVariant', variant: 'buggy' });
    enqueue(q, goto(3));
    enqueue(q, { command: 'setVariant', variant: 'fixed' });
    enqueue(q, { command: 'setVariant', variant: 'compare' });
    expect(q).toEqual([
      { command: 'setVariant', variant: 'buggy' },
      goto(3),
      { command: 'setVariant', variant: 'compare' },
    ]);
  });

  it('folds mode changes and moves before a position set from scratch into the last mode change', () => {
    const q: HostCommand[] = [];
    enqueue(q, { command: 'pick', gfn: 3 });
    enqueue(q, { command: 'setVariant', variant: 'buggy' });
    enqueue(q, goto(3));
    enqueue(q, { command: 'setVariant', variant: 'fixed' });
    enqueue(q, next);
    enqueue(q, goto(9));
    expect(q).toEqual([{ command: 'pick', gfn: 3 }, { command: 'setVariant', variant: 'fixed' }, goto(9)]);
    // A mixed flood stays two commands long.
    for (let i = 0; i < 10_000; i++) {
      enqueue(q, { command: 'setVariant', variant: i % 2 ? 'buggy' : 'compare' });
      enqueue(q, goto(i));
    }
    expect(q).toEqual([{ command: 'pick', gfn: 3 }, { command: 'setVariant', variant: 'buggy' }, goto(9999)]);
  });

  it('never merges quiz events, whose order and number matter', () => {
    const q: HostCommand[] = [];
    enqueue(q, { command: 'pick', gfn: 9 });
    enqueue(q, { command: 'pick', gfn: 9 });
    enqueue(q, { command: 'submitPrediction' });
    expect(q).toHaveLength(3);
  });

  it('merges play and pause into the latest', () => {
    const q: HostCommand[] = [];
    enqueue(q, { command: 'play' });
    enqueue(q, { command: 'pause' });
    enqueue(q, { command: 'play' });
    expect(q).toEqual([{ command: 'play' }]);
  });

  it('is bounded: the oldest commands go first', () => {
    const q: HostCommand[] = [];
    let dropped = 0;
    for (let i = 0; i < MAX_QUEUED_COMMANDS + 500; i++) dropped += enqueue(q, { command: 'pick', gfn: i });
    expect(q).toHaveLength(MAX_QUEUED_COMMANDS);
    expect(dropped).toBe(500);
    expect(q[0]).toEqual({ command: 'pick', gfn: 500 });
  });
});

describe('createCommandPump', () => {
  it('applies nothing until the frame, then the latest of a flood once', () => {
    const ran: HostCommand[] = [];
    const s = manualScheduler();
    const pump = createCommandPump((c) => void ran.push(c), s);
    for (let i = 0; i < 53_000; i++) pump.push(goto(i));
    expect(ran).toEqual([]);
    expect(pump.pending).toBe(1);
    s.frame();
    expect(ran).toEqual([goto(52_999)]);
    expect(s.scheduled()).toBe(false);
  });

  it('spreads a long queue over frames within the budget, and keeps its order', () => {
    const ran: number[] = [];
    // Each now() call advances 1 ms: about FRAME_BUDGET_MS commands per frame.
    const s = manualScheduler(1);
    const pump = createCommandPump((c) => void ran.push((c as { gfn: number }).gfn), s);
    for (let i = 0; i < 40; i++) pump.push({ command: 'pick', gfn: i });
    s.frame();
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.length).toBeLessThanOrEqual(FRAME_BUDGET_MS);
    let frames = 1;
    while (s.scheduled()) {
      s.frame();
      frames++;
    }
    expect(ran).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(frames).toBeGreaterThan(1);
  });

  it('stops on dispose', () => {
    const ran: HostCommand[] = [];
    const s = manualScheduler();
    const pump = createCommandPump((c) => void ran.push(c), s);
    pump.push(next);
    pump.dispose();
    s.frame();
    expect(ran).toEqual([]);
    expect(pump.pending).toBe(0);
  });
});

describe('createCommandPump with asynchronous commands', () => {
  it('holds the queue until a command that returns a promise settles', async () => {
    const ran: string[] = [];
    let finish = () => {};
    const s = manualScheduler();
    const pump = createCommandPump((c) => {
      ran.push(c.command);
      if (c.command === 'setVariant') return new Promise<void>((r) => (finish = r));
    }, s);
    pump.push({ command: 'setVariant', variant: 'buggy' });
    pump.push(goto(7));
    s.frame();
    expect(ran).toEqual(['setVariant']);
    expect(s.scheduled()).toBe(false);
    // A later setVariant still merges with nothing: the running one has left the queue.
    finish();
    await Promise.resolve();
    expect(s.scheduled()).toBe(true);
    s.frame();
    expect(ran).toEqual(['setVariant', 'goto']);
  });
});
