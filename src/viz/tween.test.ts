import { describe, expect, it } from 'vitest';
import { easeOutCubic, STEP_MS_AT_1X, stepTransitionMs, tweenNumber } from './tween.ts';
import type { Clock } from './tween.ts';

function fakeClock() {
  let t = 0;
  let pending: (() => void) | null = null;
  const clock: Clock = {
    now: () => t,
    frame: (cb) => {
      pending = cb;
      return 1;
    },
    cancel: () => {
      pending = null;
    },
  };
  const advance = (ms: number) => {
    t += ms;
    const cb = pending;
    pending = null;
    cb?.();
  };
  return { clock, advance, hasPending: () => pending !== null };
}

describe('stepTransitionMs', () => {
  it('is within the design range at 1× and capped when slowed down', () => {
    expect(stepTransitionMs(1)).toBe(160);
    expect(stepTransitionMs(0.5)).toBe(250);
    expect(stepTransitionMs(0.25)).toBe(250);
  });
  it('always ends before the next step starts, however fast the playback', () => {
    for (const speed of [0.25, 0.5, 1, 2, 4, 8]) {
      const stepMs = STEP_MS_AT_1X / speed;
      expect(stepTransitionMs(speed)).toBeLessThan(stepMs);
      expect(stepTransitionMs(speed)).toBeGreaterThan(0);
    }
    expect(stepTransitionMs(2)).toBe(80);
    expect(stepTransitionMs(4)).toBe(40);
  });
  it('is 0 with reduced motion', () => {
    expect(stepTransitionMs(1, true)).toBe(0);
    expect(stepTransitionMs(4, true)).toBe(0);
  });
});

describe('tweenNumber', () => {
  it('eases from start to exactly the target', () => {
    const { clock, advance, hasPending } = fakeClock();
    const seen: number[] = [];
    tweenNumber(0, 100, 200, (v) => seen.push(v), clock);
    advance(100);
    advance(150);
    expect(seen[0]).toBeCloseTo(100 * easeOutCubic(0.5));
    expect(seen.at(-1)).toBe(100);
    expect(hasPending()).toBe(false);
  });
  it('jumps at once with no duration', () => {
    const { clock, hasPending } = fakeClock();
    const seen: number[] = [];
    tweenNumber(3, 7, 0, (v) => seen.push(v), clock);
    expect(seen).toEqual([7]);
    expect(hasPending()).toBe(false);
  });
  it('stops when cancelled', () => {
    const { clock, advance } = fakeClock();
    const seen: number[] = [];
    const cancel = tweenNumber(0, 10, 200, (v) => seen.push(v), clock);
    cancel();
    advance(300);
    expect(seen).toEqual([]);
  });
});
