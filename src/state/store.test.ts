import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PRESET_ID, presetById } from '../engine/presets.ts';
import type { EnginePort } from '../worker/client.ts';
import type { FrameReply } from '../worker/protocol.ts';
import { EngineSession } from '../worker/session.ts';
import { BASE_STEP_MS } from './playbackSlice.ts';
import { currentAccess, selectTransport } from './selectors.ts';
import { createAppStore } from './store.ts';

/** The real engine session behind asynchronous calls, like the worker but in-process. */
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

async function ready(presetId = DEFAULT_PRESET_ID) {
  const engine = localEngine();
  const store = createAppStore(engine);
  expect(await store.getState().loadPreset(presetId)).toBe(true);
  await settle();
  return { store, engine };
}

function codes(f: FrameReply | null) {
  return {
    b: [...(f?.buggy?.codes ?? [])],
    f: [...(f?.fixed?.codes ?? [])],
    bs: f?.buggy?.step,
    fs: f?.fixed?.step,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('app store', () => {
  it('opens the default preset in compare mode at the first tick', async () => {
    const { store } = await ready();
    const s = store.getState();
    expect(s.mode).toBe('compare');
    expect(s.presetId).toBe(DEFAULT_PRESET_ID);
    expect(s.tick).toBe(0);
    expect(s.frame?.tick).toBe(0);
    expect(s.frame?.buggy?.step?.kind).toBe('fault');
    expect(s.frame?.fixed?.step?.gfn).toBe(8);
  });

  it('steps back to exactly the frame it stepped forward from', async () => {
    const { store } = await ready();
    for (let i = 0; i < 7; i++) store.getState().step(1);
    await settle();
    const before = codes(store.getState().frame);
    store.getState().step(1);
    await settle();
    expect(codes(store.getState().frame)).not.toEqual(before);
    store.getState().step(-1);
    await settle();
    expect(store.getState().tick).toBe(7);
    expect(codes(store.getState().frame)).toEqual(before);
  });

  it('jumps between faults and clamps at the ends', async () => {
    const { store } = await ready();
    const faults = store.getState().axis!.faultTicks;
    store.getState().fault(1);
    expect(store.getState().tick).toBe(faults[1]);
    store.getState().fault(1);
    expect(store.getState().tick).toBe(faults[2]);
    store.getState().fault(-1);
    expect(store.getState().tick).toBe(faults[1]);
    store.getState().end();
    expect(store.getState().tick).toBe(store.getState().axis!.count - 1);
    store.getState().step(1);
    expect(store.getState().tick).toBe(store.getState().axis!.count - 1);
    store.getState().home();
    store.getState().step(-1);
    expect(store.getState().tick).toBe(0);
    expect(selectTransport(store.getState()).atStart).toBe(true);
  });

  it('keeps the access on screen when switching mode', async () => {
    const { store } = await ready();
    store.getState().seek(store.getState().axis!.accessTicks[5]! + 1);
    await settle();
    expect(currentAccess(store.getState())).toBe(5);
    await store.getState().setMode('fixed');
    await settle();
    expect(store.getState().mode).toBe('fixed');
    expect(store.getState().frame?.buggy).toBeNull();
    expect(currentAccess(store.getState())).toBe(5);
  });

  it('refuses a bad import with the JSON path and leaves the scenario untouched', async () => {
    const { store } = await ready();
    const before = store.getState().scenario;
    const bad = JSON.stringify({ ...before, memslots: [{ baseGfn: 0, pages: 'many' }] });
    expect(await store.getState().importText(bad)).toBe(false);
    const s = store.getState();
    expect(s.problem).toMatchObject({ source: 'import', path: '$.memslots[0].pages' });
    expect(s.scenario).toBe(before);
    expect(s.presetId).toBe(DEFAULT_PRESET_ID);
  });

  it('imports a good scenario and starts it from the top', async () => {
    const { store } = await ready();
    store.getState().end();
    const text = JSON.stringify(presetById('split')!.scenario);
    expect(await store.getState().importText(text)).toBe(true);
    await settle();
    const s = store.getState();
    expect(s.presetId).toBeNull();
    expect(s.scenario?.present).toEqual([[11, 11]]);
    expect(s.tick).toBe(0);
    expect(s.problem).toBeNull();
  });

  it('toggles an entry present in the initial state and back', async () => {
    const { store } = await ready('seed');
    await store.getState().togglePresent(11);
    expect(store.getState().scenario?.present).toEqual([[11, 11]]);
    expect(store.getState().totals?.fixed.prefetched).toBe(6);
    await store.getState().togglePresent(11);
    expect(store.getState().scenario?.present).toEqual([]);
    expect(store.getState().totals?.fixed.prefetched).toBe(7);
  });

  it('inserts a fault right after the current access and moves to it', async () => {
    const { store } = await ready('seed');
    expect(await store.getState().faultNext(40)).toBe(true);
    await settle();
    const s = store.getState();
    expect(s.scenario?.accesses).toEqual([8, 40]);
    expect(currentAccess(s)).toBe(1);
    expect(s.frame?.fixed?.step?.gfn).toBe(40);
  });

  it('refuses an edit the format rejects and keeps the scenario', async () => {
    const { store } = await ready('seed');
    const before = store.getState().scenario;
    expect(await store.getState().faultNext(4096)).toBe(false);
    expect(store.getState().problem).toMatchObject({ source: 'edit', path: '$.accesses[1]' });
    expect(store.getState().scenario).toBe(before);
  });

  it('plays one tick per step time, never skipping a frame, and stops at the end', async () => {
    const { store, engine } = await ready('seed');
    vi.useFakeTimers();
    engine.frames.length = 0;
    store.getState().setSpeed(2);
    store.getState().play();
    const count = store.getState().axis!.count;
    for (let i = 0; i < count + 3; i++) await vi.advanceTimersByTimeAsync(BASE_STEP_MS / 2);
    expect(engine.frames).toEqual(Array.from({ length: count - 1 }, (_, k) => k + 1));
    expect(store.getState().tick).toBe(count - 1);
    expect(store.getState().playing).toBe(false);
  });

  it('pauses on a manual step and restarts from the top when played at the end', async () => {
    const { store } = await ready('seed');
    store.getState().play();
    store.getState().step(1);
    expect(store.getState().playing).toBe(false);
    store.getState().end();
    await settle();
    store.getState().play();
    expect(store.getState().tick).toBe(0);
    store.getState().pause();
  });
});
