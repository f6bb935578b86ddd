import { describe, expect, it } from 'vitest';
import { barScale } from './chartScale.ts';

const SEED = [1_572_864, 196_608, 196_608, 1_572_864, 3_072];

describe('barScale', () => {
  it('log: powers of ten up to the one above the largest count, labelled with separators', () => {
    const s = barScale(SEED, 400, 'log');
    expect(s.ticks.map((t) => t.label)).toEqual([
      '1',
      '10',
      '100',
      '1,000',
      '10,000',
      '100,000',
      '1,000,000',
      '10,000,000',
    ]);
    expect(s.ticks[0]!.x).toBe(0);
    expect(s.ticks.at(-1)!.x).toBe(400);
    // Each decade gets the same width.
    expect(s.ticks[1]!.x).toBeCloseTo(400 / 7);
    expect(s.length(1_000_000)).toBeCloseTo((400 * 6) / 7);
  });

  it('log: orders bars by count and draws none for 0, a hairline for 1', () => {
    const s = barScale(SEED, 400, 'log');
    expect(s.length(3_072)).toBeLessThan(s.length(196_608));
    expect(s.length(196_608)).toBeLessThan(s.length(1_572_864));
    expect(s.length(0)).toBe(0);
    expect(s.length(1)).toBe(1);
  });

  it('linear: from 0 with nice ticks, proportional lengths', () => {
    const s = barScale(SEED, 500, 'linear');
    expect(s.ticks[0]).toEqual({ value: 0, x: 0, label: '0' });
    expect(s.ticks.at(-1)!.value).toBeGreaterThanOrEqual(1_572_864);
    expect(s.ticks.some((t) => t.label === '1,000,000')).toBe(true);
    expect(s.length(1_572_864) / s.length(196_608)).toBeCloseTo(8);
  });

  it('all-zero counts still give a usable scale', () => {
    for (const kind of ['log', 'linear'] as const) {
      const s = barScale([0, 0], 100, kind);
      expect(s.length(0)).toBe(0);
      expect(s.ticks.length).toBeGreaterThan(1);
    }
  });
});
