import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toggleInRanges } from '../../state/scenarioSlice.ts';
import { formatAccessList, formatRanges, parseAccessList, parseRanges } from './ranges.ts';

describe('range text', () => {
  it('parses GFNs, ranges and hex', () => {
    expect(parseRanges('8, 11-12 0x20')).toEqual({
      ok: true,
      value: [
        [8, 8],
        [11, 12],
        [32, 32],
      ],
    });
    expect(parseRanges('')).toEqual({ ok: true, value: [] });
    expect(parseRanges('12-8')).toMatchObject({ ok: false });
    expect(parseRanges('eight')).toMatchObject({ ok: false, message: expect.stringContaining('"eight"') });
    expect(
      formatRanges([
        [8, 8],
        [11, 12],
      ]),
    ).toBe('8, 11-12');
  });

  it('expands access lists in both directions', () => {
    expect(parseAccessList('8-11, 3, 15-13')).toEqual({ ok: true, value: [8, 9, 10, 11, 3, 15, 14, 13] });
    expect(parseAccessList(' ')).toMatchObject({ ok: false });
  });

  it('formats an access list so it parses back to the same list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }), (list) => {
        expect(parseAccessList(formatAccessList(list))).toEqual({ ok: true, value: list });
      }),
    );
    expect(formatAccessList([8, 9, 10, 11, 31, 30, 29, 5, 6])).toBe('8-11, 31-29, 5, 6');
  });

  it('toggles a GFN in a range list, splitting and merging', () => {
    expect(toggleInRanges([[8, 12]], 10)).toEqual([
      [8, 9],
      [11, 12],
    ]);
    expect(
      toggleInRanges(
        [
          [8, 9],
          [11, 12],
        ],
        10,
      ),
    ).toEqual([[8, 12]]);
    expect(toggleInRanges([], 5)).toEqual([[5, 5]]);
    expect(toggleInRanges([[5, 5]], 5)).toEqual([]);
  });
});
