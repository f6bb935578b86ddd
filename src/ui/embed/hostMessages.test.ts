import { describe, expect, it } from 'vitest';
import type { AppState } from '../../state/types.ts';
import { embedKeyMove, movePassesToHost } from './embedKeys.ts';
import { readEmbedOptions } from './embedOptions.ts';
import { fitCanvas } from './embedFit.ts';
import { parseHostMessage } from './hostMessages.ts';

describe('parseHostMessage', () => {
  it('accepts every command of the API', () => {
    for (const command of [
      'next',
      'prev',
      'nextFault',
      'prevFault',
      'first',
      'last',
      'reset',
      'play',
      'pause',
    ])
      expect(parseHostMessage({ type: 'spte-viz', command })).toEqual({ command });
    expect(parseHostMessage({ type: 'spte-viz', command: 'goto', step: 12 })).toEqual({
      command: 'goto',
      step: 12,
    });
    expect(parseHostMessage({ type: 'spte-viz', command: 'setVariant', variant: 'buggy' })).toEqual({
      command: 'setVariant',
      variant: 'buggy',
    });
    expect(parseHostMessage({ type: 'spte-viz', command: 'predict', on: true })).toEqual({
      command: 'predict',
      on: true,
    });
    expect(parseHostMessage({ type: 'spte-viz', command: 'predictFor', variant: 'fixed' })).toEqual({
      command: 'predictFor',
      variant: 'fixed',
    });
    expect(parseHostMessage({ type: 'spte-viz', command: 'pick', gfn: 9 })).toEqual({
      command: 'pick',
      gfn: 9,
    });
    expect(parseHostMessage({ type: 'spte-viz', command: 'submitPrediction' })).toEqual({
      command: 'submitPrediction',
    });
    expect(parseHostMessage({ type: 'spte-viz', command: 'submitPrediction', gfns: [] })).toEqual({
      command: 'submitPrediction',
      gfns: [],
    });
    expect(parseHostMessage({ type: 'spte-viz', command: 'submitPrediction', gfns: [9, 10] })).toEqual({
      command: 'submitPrediction',
      gfns: [9, 10],
    });
    expect(parseHostMessage({ type: 'spte-viz', command: 'resetScore' })).toEqual({ command: 'resetScore' });
    expect(parseHostMessage({ type: 'spte-viz', command: 'enter', direction: 'prev' })).toEqual({
      command: 'enter',
      direction: 'prev',
    });
    expect(parseHostMessage('slide:start')).toEqual({ command: 'slide:start' });
    expect(parseHostMessage('slide:stop')).toEqual({ command: 'slide:stop' });
  });
  it('ignores messages of the wrong shape', () => {
    const bad: unknown[] = [
      null,
      undefined,
      42,
      'next',
      ['spte-viz', 'next'],
      { command: 'next' },
      { type: 'other', command: 'next' },
      { type: 'spte-viz', command: 'explode' },
      { type: 'spte-viz', command: 'toString' },
      { type: 'spte-viz', command: 'goto' },
      { type: 'spte-viz', command: 'goto', step: '3' },
      { type: 'spte-viz', command: 'goto', step: -1 },
      { type: 'spte-viz', command: 'goto', step: 1.5 },
      { type: 'spte-viz', command: 'goto', step: Number.NaN },
      { type: 'spte-viz', command: 'goto', step: Infinity },
      { type: 'spte-viz', command: 'setVariant', variant: 'both' },
      { type: 'spte-viz', command: 'setVariant' },
      { type: 'spte-viz', command: 'enter' },
      { type: 'spte-viz', command: 'enter', direction: 'up' },
      { type: 'spte-viz', event: 'state' },
      { type: 'spte-viz', command: 'predict' },
      { type: 'spte-viz', command: 'predict', on: 1 },
      { type: 'spte-viz', command: 'predict', on: 'true' },
      { type: 'spte-viz', command: 'predictFor', variant: 'compare' },
      { type: 'spte-viz', command: 'predictFor' },
      { type: 'spte-viz', command: 'pick' },
      { type: 'spte-viz', command: 'pick', gfn: -1 },
      { type: 'spte-viz', command: 'pick', gfn: 9.5 },
      { type: 'spte-viz', command: 'pick', gfn: '9' },
      { type: 'spte-viz', command: 'submitPrediction', gfns: null },
      { type: 'spte-viz', command: 'submitPrediction', gfns: 9 },
      { type: 'spte-viz', command: 'submitPrediction', gfns: '9,10' },
      { type: 'spte-viz', command: 'submitPrediction', gfns: [9, '10'] },
      { type: 'spte-viz', command: 'submitPrediction', gfns: [9, -1] },
      { type: 'spte-viz', command: 'submitPrediction', gfns: { 0: 9, length: 1 } },
      { type: 'spte-viz', command: 'submitPrediction', gfns: [0, 1, 2, 3, 4, 5, 6, 7, 8] },
    ];
    for (const m of bad) expect(parseHostMessage(m)).toBeNull();
  });
});

describe('embed keys', () => {
  const key = (k: string, shiftKey = false) => ({
    key: k,
    shiftKey,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
  });
  it('maps clicker and arrow keys to steps', () => {
    expect(embedKeyMove(key('PageDown'))).toBe('next');
    expect(embedKeyMove(key('PageUp'))).toBe('prev');
    expect(embedKeyMove(key(' '))).toBe('next');
    expect(embedKeyMove(key(' ', true))).toBe('prev');
    expect(embedKeyMove(key('ArrowRight', true))).toBe('nextFault');
    expect(embedKeyMove({ ...key('ArrowRight'), ctrlKey: true })).toBeNull();
    expect(embedKeyMove(key('a'))).toBeNull();
  });
  it('passes a key to the deck only at an end of the range', () => {
    const axis = { mode: 'compare', count: 20, faultTicks: [0], accessTicks: [0] } as const;
    const s = (tick: number, range: AppState['range'] = null) =>
      ({ axis: { ...axis, faultTicks: [0], accessTicks: [0] }, range, tick }) as Pick<
        AppState,
        'axis' | 'range' | 'tick'
      >;
    expect(movePassesToHost('next', s(19))).toBe(true);
    expect(movePassesToHost('next', s(18))).toBe(false);
    expect(movePassesToHost('prev', s(0))).toBe(true);
    expect(movePassesToHost('next', s(9, { from: 4, to: 9 }))).toBe(true);
    expect(movePassesToHost('prev', s(4, { from: 4, to: 9 }))).toBe(true);
    expect(movePassesToHost('prev', s(5, { from: 4, to: 9 }))).toBe(false);
  });
});

describe('embed options', () => {
  it('reads flags, the range and a plain-text title', () => {
    const { options, problems } = readEmbedOptions(
      '?embed&v=2&from=3&to=9&autoplay&controls=0&title=%3Cb%3Ehi%3C%2Fb%3E',
    );
    expect(problems).toEqual([]);
    // Steps 3–9 as the app shows them are ticks 2–8.
    expect(options).toEqual({
      fromTick: 2,
      toTick: 8,
      autoplay: true,
      controls: false,
      title: '<b>hi</b>',
      predict: false,
      predictFor: null,
    });
  });
  it('reads predict mode and its variant, refusing an unknown one', () => {
    expect(readEmbedOptions('?embed&predict=1&predictFor=fixed').options).toMatchObject({
      predict: true,
      predictFor: 'fixed',
    });
    expect(readEmbedOptions('?embed&predict=0').options.predict).toBe(false);
    const bad = readEmbedOptions('?embed&predict&predictFor=%3Cimg%3E');
    expect(bad.options).toMatchObject({ predict: true, predictFor: null });
    expect(bad.problems[0]).toMatch(/predictFor .* is not buggy or fixed/);
  });
  it('reads a range written before format 2 as it always was (from 0)', () => {
    expect(readEmbedOptions('?embed&from=3&to=9').options).toMatchObject({ fromTick: 3, toTick: 9 });
  });
  it('refuses a reversed or malformed range, and step 0 in format 2', () => {
    expect(readEmbedOptions('?embed&from=9&to=3').problems[0]).toMatch(/after/);
    expect(readEmbedOptions('?embed&from=x').options.fromTick).toBeNull();
    const zero = readEmbedOptions('?embed&v=2&from=0&to=4');
    expect(zero.options).toMatchObject({ fromTick: null, toTick: 3 });
    expect(zero.problems).toEqual(['from 0: steps count from 1']);
  });
});

describe('fitCanvas', () => {
  it('fills 16:9 frames exactly at any size', () => {
    for (const [w, h] of [
      [320, 180],
      [1280, 720],
      [3840, 2160],
    ] as const) {
      const f = fitCanvas(w, h);
      expect(f.width * f.scale).toBeCloseTo(w, 5);
      expect(720 * f.scale).toBeCloseTo(h, 5);
    }
    expect(fitCanvas(1280, 720).scale).toBe(1);
  });
  it('never overflows an odd frame', () => {
    for (const [w, h] of [
      [300, 900],
      [3000, 200],
      [1024, 768],
    ] as const) {
      const f = fitCanvas(w, h);
      expect(f.width * f.scale).toBeLessThanOrEqual(w + 1e-9);
      expect(f.height * f.scale).toBeLessThanOrEqual(h + 1e-9);
      expect(f.x).toBeGreaterThanOrEqual(0);
      expect(f.y).toBeGreaterThanOrEqual(0);
    }
  });
  it('lays a phone held upright out in portrait, filling it at a legible scale', () => {
    const f = fitCanvas(390, 844);
    expect(f.portrait).toBe(true);
    expect(f.width * f.scale).toBeCloseTo(390, 5);
    expect(f.height * f.scale).toBeCloseTo(844, 5);
    // 18 px design text shows at 16 px, not at the 8 px of the landscape slide squeezed in.
    expect(18 * f.scale).toBeGreaterThan(15.5);
    expect(fitCanvas(1280, 720).portrait).toBe(false);
    expect(fitCanvas(800, 800).portrait).toBe(false);
  });
});
