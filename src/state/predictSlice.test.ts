import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET_ID, presetById } from '../engine/presets.ts';
import type { EnginePort } from '../worker/client.ts';
import { EngineSession } from '../worker/session.ts';
import { createAppStore } from './store.ts';
import type { AppStore } from './store.ts';

function localEngine(): EnginePort {
  const s = new EngineSession();
  return {
    load: async (scenario, mode, tick) => s.load(scenario, mode, tick),
    setMode: async (mode, from) => s.setMode(mode, from),
    frame: async (tick) => s.frame(tick),
    validate: async (text) => s.validate(text),
    dispose: () => {},
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

async function until(store: AppStore, ok: () => boolean) {
  for (let i = 0; i < 50 && !ok(); i++) await settle();
  expect(ok()).toBe(true);
}

async function ready() {
  const store = createAppStore(localEngine());
  expect(await store.getState().loadPreset(DEFAULT_PRESET_ID)).toBe(true);
  await until(store, () => store.getState().frame !== null);
  return store;
}

describe('predict slice', () => {
  it('asks at the seed fault and grades the old code prefetching nothing', async () => {
    const store = await ready();
    store.getState().setPredict(true);
    const p = store.getState().predict;
    expect(p.phase).toBe('asking');
    expect(p.question).toMatchObject({
      variant: 'buggy',
      faultGfn: 8,
      window: [8, 9, 10, 11, 12, 13, 14, 15],
    });
    store.getState().submitPrediction([]);
    await until(store, () => store.getState().predict.phase === 'revealed');
    expect(store.getState().predict.result).toEqual({ correct: [], missed: [], wrong: [], exact: true });
    expect(store.getState().predict.score).toEqual({ correct: 1, total: 1 });
    expect(store.getState().tick).toBe(p.question!.endTick);
  });

  it('grades the fixed code: 9–15 prefetched, picks outside the window ignored', async () => {
    const store = await ready();
    store.getState().setPredictVariant('fixed');
    store.getState().setPredict(true);
    store.getState().togglePick(9);
    store.getState().togglePick(99); // not in the window: ignored
    expect(store.getState().predict.picks).toEqual([9]);
    store.getState().submitPrediction();
    await until(store, () => store.getState().predict.phase === 'revealed');
    expect(store.getState().predict.result).toEqual({
      correct: [9],
      missed: [10, 11, 12, 13, 14, 15],
      wrong: [],
      exact: false,
    });
    expect(store.getState().predict.score).toEqual({ correct: 0, total: 1 });
    expect(store.getState().predict.announcement).toContain('the fixed code prefetched 9–15');
  });

  it('does not ask again for an answered fault, and drops a question the learner steps past', async () => {
    const store = await ready();
    store.getState().setPredict(true);
    store.getState().submitPrediction([]);
    await until(store, () => store.getState().predict.phase === 'revealed');
    store.getState().seek(0);
    await until(store, () => store.getState().frame?.tick === 0);
    // Back on the answered fault: the answer stays on show, no second question.
    expect(store.getState().predict.phase).toBe('revealed');
    expect(store.getState().predict.score.total).toBe(1);
    // The next old-code fault (on 9) asks; moving on to the following access drops it unscored.
    store.getState().fault(1);
    await until(store, () => store.getState().predict.phase === 'asking');
    expect(store.getState().predict.question?.faultGfn).toBe(9);
    const end = store.getState().predict.question!.endTick;
    store.getState().seek(end + 1);
    await until(store, () => store.getState().frame?.tick === end + 1);
    expect(store.getState().predict.score).toEqual({ correct: 1, total: 1 });
    expect(store.getState().predict.question?.faultGfn).not.toBe(9);
  });

  it('asks about the kernels compared by name: "v3.8", not "the fixed code"', async () => {
    const store = createAppStore(localEngine());
    const seed = presetById(DEFAULT_PRESET_ID)!.scenario;
    expect(
      await store.getState().loadScenario({ ...seed, kernel: '3.8', variant: 'buggy', compareKernel: '3.7' }),
    ).toBe(true);
    await until(store, () => store.getState().frame !== null);
    store.getState().setPredictVariant('fixed');
    store.getState().setPredict(true);
    expect(store.getState().predict.announcement).toMatch(
      / will v3\.8 prefetch after the fault on entry 8\?/,
    );
    store.getState().submitPrediction([]);
    await until(store, () => store.getState().predict.phase === 'revealed');
    // v3.8 predates c6cecc4b9324: the trailing run 9-15 is dropped, nothing prefetched.
    expect(store.getState().predict.announcement).toMatch(/v3\.8 prefetched nothing/);
  });
});
