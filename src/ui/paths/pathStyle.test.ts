import { describe, expect, it } from 'vitest';
import { ratioToFixed } from './pathStyle.ts';

describe('ratioToFixed', () => {
  it("reads the seed's rows", () => {
    expect(ratioToFixed(1_572_864, 196_608)).toBe('×8 fixed');
    expect(ratioToFixed(196_608, 196_608)).toBe('= fixed');
    expect(ratioToFixed(3_072, 196_608)).toBe('×1/64 fixed');
    expect(ratioToFixed(300, 200)).toBe('×1.5 fixed');
    // No ratio to speak of when either side is 0.
    expect(ratioToFixed(0, 200)).toBe('');
    expect(ratioToFixed(5, 0)).toBe('');
  });
});
