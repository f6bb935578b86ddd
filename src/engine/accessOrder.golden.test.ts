import { describe, expect, it } from 'vitest';
import { accessSequence, KeyedPermutation } from './accessOrder.ts';
import { runScenario } from './run.ts';
import { parseScenario } from './scenario.ts';
import { buildTimeline } from './timeline.ts';

/*
 * Seeded random orders are part of what users share: a scenario file or a link that says
 * `{"pattern": "random", "seed": 7}` must replay the same order, and the same totals, in every
 * later version. Any other bijection passes the permutation tests in accessOrder.test.ts; these
 * values, recorded on 2026-11-29 (commit d64f020), pin this one. Never update them to make a
 * change pass: a new order needs a new pattern or format version, with this one kept.
 */

/** FNV-1a over the whole order: one number that changes if any position does. */
function orderDigest(n: number, seed: number): string {
  const p = new KeyedPermutation(n, seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ p.at(i), 0x01000193) >>> 0;
  return h.toString(16);
}

describe('seeded random orders (golden)', () => {
  it.each([
    [3, 1, [2, 0, 1]],
    [1000, 0, [479, 345, 201, 719, 647, 623, 17, 163, 208, 868, 374, 24, 4, 293, 745, 415]],
    [1024, 7, [928, 530, 255, 58, 516, 403, 363, 969, 850, 691, 292, 435, 4, 376, 614, 411]],
    [
      2 ** 20,
      12345,
      [
        692872, 1005156, 81817, 372483, 826010, 901029, 768782, 467745, 577131, 898559, 764578, 56782, 385674,
        66646, 150690, 107605,
      ],
    ],
    [
      2 ** 32,
      4294967295,
      [
        3568521899, 2553957800, 331681487, 185729832, 1225949984, 3056682925, 4152398958, 391027189,
        1522473945, 2528591074, 3783119121, 3617297693, 175351234, 1800495878, 23989495, 2761786603,
      ],
    ],
  ])('n = %i, seed %i: the first positions', (n, seed, first) => {
    const p = new KeyedPermutation(n, seed);
    expect(first.map((_, i) => p.at(i))).toEqual(first);
    // The bulk engine reads the same order backwards.
    const out = new Uint32Array(first.length);
    for (let i = 0; i < first.length; i++) expect(p.inverse(first[i]!)).toBe(i);
    p.inverseRange(first[0]!, 1, out);
    expect(out[0]).toBe(0);
  });

  it('whole orders', () => {
    expect(orderDigest(4096, 7)).toBe('10c9aa83');
    expect(orderDigest(100_003, 2021)).toBe('eed52404');
  });

  it('the random pattern offsets the order by startGfn', () => {
    const seq = accessSequence({ pattern: 'random', startGfn: 5000, pages: 1024, seed: 7 });
    expect([seq.at(0), seq.at(1), seq.at(1023)]).toEqual([
      5928,
      5530,
      5000 + new KeyedPermutation(1024, 7).at(1023),
    ]);
  });
});

describe('totals of seeded random scenarios (golden)', () => {
  const scenario = (variant: 'buggy' | 'fixed', pages: number, seed: number, slotPages: number) => {
    const r = parseScenario({
      variant,
      memslots: [{ baseGfn: 0, pages: slotPages }],
      accesses: { pattern: 'random', startGfn: 0, pages, seed },
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it.each([
    [
      1024,
      7,
      1024,
      'buggy',
      {
        accesses: 1024,
        pfFixed: 349,
        prefetched: 675,
        prefetchCalls: 220,
        failedCalls: 0,
        prefetchHits: 675,
      },
    ],
    [
      1024,
      7,
      1024,
      'fixed',
      {
        accesses: 1024,
        pfFixed: 128,
        prefetched: 896,
        prefetchCalls: 225,
        failedCalls: 0,
        prefetchHits: 896,
      },
    ],
    [
      100_003,
      2021,
      2 ** 17,
      'buggy',
      {
        accesses: 100_003,
        pfFixed: 33_784,
        prefetched: 66_219,
        prefetchCalls: 21_486,
        failedCalls: 0,
        prefetchHits: 66_219,
      },
    ],
    [
      100_003,
      2021,
      2 ** 17,
      'fixed',
      {
        accesses: 100_003,
        pfFixed: 12_501,
        prefetched: 87_507,
        prefetchCalls: 21_892,
        failedCalls: 0,
        prefetchHits: 87_502,
      },
    ],
    [
      2 ** 20,
      1,
      2 ** 21,
      'buggy',
      {
        accesses: 1_048_576,
        pfFixed: 355_341,
        prefetched: 693_235,
        prefetchCalls: 225_031,
        failedCalls: 0,
        prefetchHits: 693_235,
      },
    ],
    [
      2 ** 20,
      1,
      2 ** 21,
      'fixed',
      {
        accesses: 1_048_576,
        pfFixed: 131_072,
        prefetched: 917_504,
        prefetchCalls: 229_473,
        failedCalls: 0,
        prefetchHits: 917_504,
      },
    ],
  ] as const)('%i pages, seed %i, slot of %i, %s', (pages, seed, slot, variant, totals) => {
    expect(runScenario(scenario(variant, pages, seed, slot)).totals).toEqual(totals);
  });

  it('step mode replays the same order to the same totals', () => {
    for (const variant of ['buggy', 'fixed'] as const) {
      const built = buildTimeline(scenario(variant, 1024, 7, 1024), variant);
      if (!built.ok) throw new Error(built.message);
      const firstFaults = built.timeline.steps
        .filter((s) => s.kind === 'fault')
        .slice(0, 4)
        .map((s) => s.gfn);
      expect(firstFaults.slice(0, 2)).toEqual([928, 530]);
      expect(built.timeline.totals.pfFixed).toBe(variant === 'buggy' ? 349 : 128);
    }
  });
});
