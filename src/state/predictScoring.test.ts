import { describe, expect, it } from 'vitest';
import {
  addRound,
  prefetchedBetween,
  rangesText,
  resultSentence,
  scorePrediction,
  scoreText,
  windowGfns,
} from './predictScoring.ts';

describe('windowGfns', () => {
  it('is the 8-aligned window holding the fault', () => {
    expect(windowGfns(8)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(windowGfns(0x20d)).toEqual([0x208, 0x209, 0x20a, 0x20b, 0x20c, 0x20d, 0x20e, 0x20f]);
  });
});

describe('prefetchedBetween', () => {
  it('takes entries that went from not present to prefetched, not the fault itself', () => {
    const before = new Uint8Array(16);
    before[3] = 2; // prefetched earlier: not this fault's
    const after = new Uint8Array(16);
    after[3] = 2;
    after[8] = 1; // the faulting entry, installed present
    for (let i = 9; i < 16; i++) after[i] = 2;
    expect(prefetchedBetween(before, after, 0x200)).toEqual([
      0x209, 0x20a, 0x20b, 0x20c, 0x20d, 0x20e, 0x20f,
    ]);
  });
  it('is empty when nothing was prefetched', () => {
    const before = new Uint8Array(8);
    const after = new Uint8Array(8);
    after[0] = 1;
    expect(prefetchedBetween(before, after, 0)).toEqual([]);
  });
});

describe('scorePrediction', () => {
  it('splits into correct, missed and wrong', () => {
    const r = scorePrediction([9, 10, 20], [9, 10, 11]);
    expect(r).toEqual({ correct: [9, 10], missed: [11], wrong: [20], exact: false });
  });
  it('counts "none" for an empty answer as exact', () => {
    expect(scorePrediction([], []).exact).toBe(true);
    expect(scorePrediction([], [9]).exact).toBe(false);
    expect(scorePrediction([9], []).wrong).toEqual([9]);
  });
  it('ignores duplicate picks and order', () => {
    expect(scorePrediction([11, 9, 9, 10], [9, 10, 11])).toEqual({
      correct: [9, 10, 11],
      missed: [],
      wrong: [],
      exact: true,
    });
  });
});

describe('running score', () => {
  it('counts exact rounds of rounds checked', () => {
    let s = { correct: 0, total: 0 };
    s = addRound(s, scorePrediction([], []));
    s = addRound(s, scorePrediction([9], [9, 10]));
    s = addRound(s, scorePrediction([9, 10], [9, 10]));
    expect(s).toEqual({ correct: 2, total: 3 });
    expect(scoreText(s)).toBe('2 of 3 correct');
  });
});

describe('sentences', () => {
  it('writes ranges compactly', () => {
    expect(rangesText([13, 9, 10, 11])).toBe('9–11, 13');
    expect(rangesText([])).toBe('');
  });
  it('says what happened and the score', () => {
    const r = scorePrediction([9, 20], [9, 10, 11]);
    expect(resultSentence(r, 'the old code', { correct: 0, total: 1 })).toBe(
      'Not quite: the old code prefetched 9–11. Missed 10–11. Wrongly picked 20. Score: 0 of 1 correct.',
    );
    expect(resultSentence(scorePrediction([], []), 'the old code', { correct: 1, total: 1 })).toBe(
      'Correct: the old code prefetched nothing. Score: 1 of 1 correct.',
    );
  });
});
