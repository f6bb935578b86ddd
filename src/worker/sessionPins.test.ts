import { describe, expect, it } from 'vitest';
import { presetById } from '../engine/presets.ts';
import { EngineSession } from './session.ts';

// A session asked for a tick past the end (an old link, a deck's `goto`) shows the last frame.

describe('EngineSession at a tick past the end', () => {
  const seed = presetById('seed')!.scenario;

  it.each(['compare', 'buggy', 'fixed'] as const)('loads at the last tick in %s mode', (mode) => {
    const s = new EngineSession();
    const r = s.load(seed, mode, Number.MAX_SAFE_INTEGER);
    if (r.type !== 'loaded') throw new Error(r.type);
    expect(r.tick).toBe(r.axis.count - 1);
    const last = s.frame(r.axis.count - 1);
    const past = s.frame(1e9);
    expect(past).toEqual(last);
    if (past.type !== 'frame') throw new Error(past.type);
    expect(past.tick).toBe(r.axis.count - 1);
    // The last frame is the end of the walk: the buggy loop ends, the fixed one adds its batch.
    if (past.buggy) expect(past.buggy.step?.kind).toBe('loop-end');
    if (past.fixed) expect(past.fixed.step?.kind).toBe('batch');
  });

  it('clamps a negative tick to the first', () => {
    const s = new EngineSession();
    const r = s.load(seed, 'compare', -5);
    expect(r).toMatchObject({ type: 'loaded', tick: 0 });
  });
});
