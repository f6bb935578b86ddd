import { describe, expect, it } from 'vitest';
import { formatCount, formatDelta, hex, runText, shortHex } from './format.ts';

describe('format', () => {
  it('writes GFNs in hex with 0x', () => {
    expect(hex(9)).toBe('0x9');
    expect(hex(0x1ff)).toBe('0x1ff');
  });
  it('shortens long GFNs to their last three digits', () => {
    expect(shortHex(0x1ff)).toBe('0x1ff');
    expect(shortHex(0x1000)).toBe('1000');
    expect(shortHex(0xfffff)).toBe('fffff');
    expect(shortHex(0x100009)).toBe('…0009');
    for (const n of [0, 0xf, 0x1ff, 0x1f3a8, 0x7fffffffff]) expect(shortHex(n).length).toBeLessThanOrEqual(5);
  });
  it('uses thousands separators and a signed difference', () => {
    expect(formatCount(1572864)).toBe('1,572,864');
    expect(formatDelta(7)).toBe('+7');
    expect(formatDelta(-1376256)).toBe('−1,376,256');
  });
  it('names runs by their inclusive entries', () => {
    expect(runText(9, 16)).toBe('9–15');
    expect(runText(11, 12)).toBe('11');
  });
});
