import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { presetById } from '../engine/presets.ts';
import type { AppStore } from './store.ts';
import { startUrlSync } from './urlSync.ts';

/** Just the part of the app state a link carries; the sync reads nothing else. */
function fakeStore(): AppStore {
  const scenario = presetById('seed')!.scenario;
  return createStore(() => ({
    scenario,
    presetId: 'seed',
    mode: 'compare',
    tick: 0,
    speed: 1,
  })) as unknown as AppStore;
}

/** A window with a location, a history that records its writes, and page events. */
function fakeWindow() {
  const listeners = new Map<string, () => void>();
  const writes: string[] = [];
  const win = {
    location: { href: 'http://127.0.0.1/' },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, href: string) => {
        writes.push(href);
        win.location.href = href;
      },
    },
    addEventListener: (name: string, fn: () => void) => listeners.set(name, fn),
    removeEventListener: (name: string) => listeners.delete(name),
  };
  vi.stubGlobal('window', win);
  // Node's deflate finishes on a thread pool, in real time, which fake timers cannot advance; the
  // uncompressed payload form keeps the whole write on the fake clock.
  vi.stubGlobal('CompressionStream', undefined);
  return { writes, fire: (name: string) => listeners.get(name)?.() };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('URL sync', () => {
  it('writes once stepping pauses, not on every step', async () => {
    vi.useFakeTimers();
    const { writes } = fakeWindow();
    const store = fakeStore();
    const stop = startUrlSync(store, 300, 2000);
    await vi.advanceTimersByTimeAsync(400);
    expect(writes).toHaveLength(1);
    // Five steps 200 ms apart: each one pushes the write back.
    for (let t = 1; t <= 5; t++) {
      store.setState({ tick: t });
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(writes).toHaveLength(2);
    // Tick 5 is written as the app shows it: step 6.
    expect(writes[1]).toContain('v=2&variant=compare&step=6&');
    stop();
  });

  it('still writes every maxWait while changes keep coming (playback)', async () => {
    vi.useFakeTimers();
    const { writes } = fakeWindow();
    const store = fakeStore();
    const stop = startUrlSync(store, 300, 2000);
    await vi.advanceTimersByTimeAsync(400);
    writes.length = 0;
    for (let t = 1; t <= 40; t++) {
      store.setState({ tick: t });
      await vi.advanceTimersByTimeAsync(100);
    }
    // 4 s of steps every 100 ms: a write every 2 s, not one per step.
    expect(writes).toHaveLength(2);
    stop();
  });

  it('writes the frame on screen at once when the page is left', async () => {
    vi.useFakeTimers();
    const { writes, fire } = fakeWindow();
    const store = fakeStore();
    const stop = startUrlSync(store, 300, 2000);
    await vi.advanceTimersByTimeAsync(400);
    store.setState({ tick: 7 });
    fire('pagehide');
    expect(writes.at(-1)).toContain('step=8');
    stop();
  });
});
