import { describe, expect, it } from 'vitest';
import { EngineSession } from '../worker/session.ts';
import type { EnginePort } from '../worker/client.ts';
import { createAppStore } from './store.ts';
import { applyLocation } from './urlSync.ts';

function localEngine(): EnginePort & { frames: number[] } {
  const s = new EngineSession();
  const frames: number[] = [];
  return {
    frames,
    load: async (scenario, mode, tick) => s.load(scenario, mode, tick),
    setMode: async (mode, from) => s.setMode(mode, from),
    frame: async (tick) => {
      frames.push(tick);
      return s.frame(tick);
    },
    validate: async (text) => s.validate(text),
    dispose: () => {},
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the entry frame', () => {
  it('opens the plain address on the end of the first fault: dropped beside installed 7', async () => {
    const engine = localEngine();
    const store = createAppStore(engine);
    await applyLocation(store, 'http://127.0.0.1/', { defaultEntry: true });
    await settle();
    const f = store.getState().frame!;
    expect(f.buggy!.walk.dropped).toEqual({ start: 9, end: 16 });
    expect(f.fixed!.walk.batches.at(-1)).toMatchObject({ start: 9, end: 16, installed: 7, result: 0 });
    expect(f.tick).toBe(store.getState().axis!.accessTicks[1]! - 1);
    // One frame asked for: the first screen is not drawn twice.
    expect(engine.frames).toEqual([f.tick]);
  });
  it('keeps a link on the step it names, and an embed on step 1', async () => {
    for (const [href, opts, tick] of [
      ['http://127.0.0.1/?v=2&step=1', { defaultEntry: true }, 0],
      ['http://127.0.0.1/?v=2&step=5&preset=seed', { defaultEntry: true }, 4],
      ['http://127.0.0.1/?embed', {}, 0],
      ['http://127.0.0.1/?view=paths', {}, 0],
    ] as const) {
      const engine = localEngine();
      const store = createAppStore(engine);
      await applyLocation(store, href, opts);
      await settle();
      expect(store.getState().frame?.tick, href).toBe(tick);
      expect(engine.frames, href).toEqual([tick]);
    }
  });
});
