import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accessSequence, KeyedPermutation } from './accessOrder.ts';

/**
 * Checks that at() hits every value of [0, n) exactly once and that both inverses undo it.
 * Mismatches are counted in plain loops (one expect per check keeps the test fast).
 */
function checkPermutation(n: number, seed: number): void {
  const perm = new KeyedPermutation(n, seed);
  const seen = new Uint8Array(n);
  const times = new Uint32Array(n);
  let outOfRange = 0;
  for (let i = 0; i < n; i++) {
    const v = perm.at(i);
    if (!(Number.isInteger(v) && v >= 0 && v < n)) outOfRange++;
    else {
      seen[v]!++;
      times[v] = i;
    }
  }
  expect(outOfRange).toBe(0);
  expect(seen.every((c) => c === 1)).toBe(true);
  let badInverse = 0;
  for (let v = 0; v < n; v++) if (perm.inverse(v) !== times[v]) badInverse++;
  expect(badInverse).toBe(0);
  // The bulk engine's batched inverse, over runs that start anywhere and have any length.
  let badRange = 0;
  for (const [from, count] of [
    [0, n],
    [Math.floor(n / 3), Math.min(n - Math.floor(n / 3), 513)],
    [n - 1, 1],
  ] as const) {
    const out = new Uint32Array(count);
    perm.inverseRange(from, count, out);
    for (let k = 0; k < count; k++) if (out[k] !== times[from + k]) badRange++;
  }
  expect(badRange).toBe(0);
}

describe('KeyedPermutation', () => {
  it('is a true permutation for small n, powers of 4 and not', () => {
    for (let n = 1; n <= 70; n++) checkPermutation(n, n * 7);
    for (const n of [255, 256, 257, 1000, 1023, 1024, 1025, 4096, 5000, 65_535, 65_536, 100_003]) {
      checkPermutation(n, 12345);
    }
  });

  it('is a true permutation for random n and seeds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (n, seed) => {
          checkPermutation(n, seed);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stays a bijection near the top of its range (no overflow above 2^31)', () => {
    const perm = new KeyedPermutation(2 ** 32, 5);
    const out = new Uint32Array(64);
    perm.inverseRange(2 ** 32 - 64, 64, out);
    for (let k = 0; k < 64; k++) {
      expect(perm.at(out[k]!)).toBe(2 ** 32 - 64 + k);
      expect(perm.inverse(2 ** 32 - 64 + k)).toBe(out[k]);
    }
  });

  it('different seeds give different orders', () => {
    const a = Array.from({ length: 64 }, (_, i) => new KeyedPermutation(1 << 16, 1).at(i));
    const b = Array.from({ length: 64 }, (_, i) => new KeyedPermutation(1 << 16, 2).at(i));
    expect(a).not.toEqual(b);
  });

  it('random pattern touches every GFN of its range once', () => {
    const seq = accessSequence({ pattern: 'random', startGfn: 1000, pages: 3001, seed: 9 });
    const got = Array.from({ length: seq.count }, (_, i) => seq.at(i)).sort((x, y) => x - y);
    expect(got).toEqual(Array.from({ length: 3001 }, (_, i) => 1000 + i));
  });
});
