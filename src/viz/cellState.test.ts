import { describe, expect, it } from 'vitest';
import { CELL_STATES, cellLabel, cellStateOf, stateFill, stateHex, stateWord } from './cellState.ts';

describe('cellStateOf', () => {
  it('maps engine codes to states', () => {
    expect([0, 1, 2, 3, 4].map((c) => cellStateOf(c, 5, null))).toEqual([
      'not-present',
      'present',
      'prefetched',
      'huge',
      'hit',
    ]);
  });
  it('marks the faulting entry whatever its code', () => {
    expect(cellStateOf(1, 8, 8)).toBe('faulting');
    expect(cellStateOf(3, 8, 8)).toBe('faulting');
    expect(cellStateOf(1, 9, 8)).toBe('present');
  });
});

describe('stateWord', () => {
  it('uses the accessible words the tests query', () => {
    expect(CELL_STATES.map(stateWord)).toEqual([
      'not present',
      'present',
      'faulting',
      'prefetched',
      'present',
      '2M mapping',
      'prefetched, access-tracked',
    ]);
  });
});

describe('colour scales', () => {
  it('uses the Okabe–Ito colours of the design', () => {
    expect(stateHex('present')).toBe('#0072B2');
    expect(stateHex('faulting')).toBe('#D55E00');
    expect(stateHex('prefetched')).toBe('#009E73');
    expect(stateHex('huge')).toBe('#CC79A7');
    expect(stateHex('not-present')).toBe('none');
  });
  it('gives every state a distinct theme variable except the hit (blue like present) and the access-tracked entry (pale prefetched green)', () => {
    const fills = CELL_STATES.map((s) => stateFill(s));
    expect(stateFill('hit')).toBe(stateFill('present'));
    expect(stateFill('tracked')).toBe(stateFill('prefetched'));
    expect(new Set(fills).size).toBe(CELL_STATES.length - 2);
  });
});

describe('cellLabel', () => {
  it('starts with the exact "SPTE <index>: <state>" the tests query', () => {
    expect(cellLabel(9, 'hit', 9)).toBe('SPTE 9: present (prefetch hit), GFN 0x9');
    expect(cellLabel(8, 'faulting', 0x208)).toBe('SPTE 8: faulting, GFN 0x208');
    expect(cellLabel(3, 'huge', 3, ['host page not resident'])).toBe(
      'SPTE 3: 2M mapping, GFN 0x3, host page not resident',
    );
  });
});
