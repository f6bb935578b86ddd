import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  MAX_EXPLICIT_ACCESSES,
  MAX_GFN,
  MAX_MEMSLOTS,
  MAX_PATTERN_PAGES,
  MAX_PRESENT_PAGES,
  MAX_RANGES,
  parseScenario,
  parseScenarioText,
  serializeScenario,
} from './scenario.ts';
import type { ParseResult } from './scenario.ts';
import type { Scenario } from './types.ts';

const slot8 = [{ baseGfn: 0, pages: 8 }];
const minimal = { memslots: slot8, accesses: [1] };

function errorOf<T>(r: ParseResult<T>): { path: string; message: string } {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

function valueOf<T>(r: ParseResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.message}`);
  return r.value;
}

describe('parseScenario defaults', () => {
  it('fills every default of a minimal scenario', () => {
    expect(valueOf(parseScenario(minimal))).toEqual({
      version: 1,
      mmu: 'legacy',
      variant: 'fixed',
      backing: '4k',
      adBits: true,
      memslots: [{ baseGfn: 0, pages: 8, readonly: false, dirtyLog: false }],
      nonResident: [],
      present: [],
      accesses: [1],
    });
  });

  it('keeps explicit values and the name', () => {
    const s = valueOf(
      parseScenario({
        version: 1,
        name: 'n',
        mmu: 'tdp',
        variant: 'buggy',
        backing: '2m',
        adBits: false,
        memslots: [{ baseGfn: 16, pages: 4, readonly: true, dirtyLog: true }],
        nonResident: [[3, 5]],
        present: [[16, 17]],
        accesses: [16, 19],
      }),
    );
    expect(s).toMatchObject({ name: 'n', mmu: 'tdp', variant: 'buggy', backing: '2m', adBits: false });
    expect(s.memslots).toEqual([{ baseGfn: 16, pages: 4, readonly: true, dirtyLog: true }]);
    expect(s.nonResident).toEqual([[3, 5]]);
    expect(s.present).toEqual([[16, 17]]);
  });

  it('defaults stride to 1 and seed to 0, only on their own patterns', () => {
    const p = (accesses: object) => valueOf(parseScenario({ memslots: slot8, accesses })).accesses;
    expect(p({ pattern: 'stride', startGfn: 0, pages: 8 })).toEqual({
      pattern: 'stride',
      startGfn: 0,
      pages: 8,
      stride: 1,
    });
    expect(p({ pattern: 'random', startGfn: 0, pages: 8 })).toEqual({
      pattern: 'random',
      startGfn: 0,
      pages: 8,
      seed: 0,
    });
    expect(p({ pattern: 'reverse', startGfn: 2, pages: 6 })).toEqual({
      pattern: 'reverse',
      startGfn: 2,
      pages: 6,
    });
    expect(p({ pattern: 'stride', startGfn: 0, pages: 8, stride: 3 })).toMatchObject({ stride: 3 });
    expect(p({ pattern: 'random', startGfn: 0, pages: 8, seed: 2 ** 32 - 1 })).toMatchObject({
      seed: 2 ** 32 - 1,
    });
  });

  it('accepts a pattern spanning adjacent memslots and an empty explicit list', () => {
    const memslots = [
      { baseGfn: 8, pages: 8 },
      { baseGfn: 0, pages: 8 },
    ];
    expect(parseScenario({ memslots, accesses: { pattern: 'sequential', startGfn: 0, pages: 16 } }).ok).toBe(
      true,
    );
    expect(parseScenario({ memslots, accesses: [] }).ok).toBe(true);
  });

  it('accepts one-page ranges and lists of ranges', () => {
    const s = valueOf(
      parseScenario({
        ...minimal,
        nonResident: [
          [9, 9],
          [2, 3],
        ],
        present: [[4, 4]],
      }),
    );
    expect(s.nonResident).toEqual([
      [9, 9],
      [2, 3],
    ]);
    expect(s.present).toEqual([[4, 4]]);
  });

  it('accepts values at the limits', () => {
    const memslots = [{ baseGfn: MAX_GFN - 8, pages: 8 }];
    expect(parseScenario({ memslots, accesses: [MAX_GFN - 1] }).ok).toBe(true);
    const huge = [{ baseGfn: 0, pages: MAX_PATTERN_PAGES }];
    expect(
      parseScenario({
        memslots: huge,
        accesses: { pattern: 'random', startGfn: 0, pages: MAX_PATTERN_PAGES },
      }).ok,
    ).toBe(true);
  });
});

// [description, scenario, expected path, expected message (exact string or pattern)]
const bad: Array<[string, unknown, string, string | RegExp]> = [
  ['not an object', 42, '$', 'must be an object'],
  ['array given to parseScenario', [minimal], '$', 'must be an object'],
  [
    'unknown top-level key',
    { ...minimal, varient: 'buggy' },
    '$.varient',
    'unknown key "varient" (did you mean "variant"?)',
  ],
  ['unknown key, no suggestion', { ...minimal, colour: 1 }, '$.colour', 'unknown key "colour"'],
  ['odd key name', { ...minimal, 'a b': 1 }, '$["a b"]', 'unknown key "a b"'],
  [
    'unknown memslot key',
    { memslots: [{ baseGfn: 0, pages: 8, readOnly: true }], accesses: [1] },
    '$.memslots[0].readOnly',
    /did you mean "readonly"/,
  ],
  [
    'unknown pattern key',
    { memslots: slot8, accesses: { pattern: 'sequential', startGfn: 0, pages: 1, step: 2 } },
    '$.accesses.step',
    'unknown key "step"',
  ],
  ['bad version', { ...minimal, version: 2 }, '$.version', 'unsupported version 2 (expected 1)'],
  ['name not a string', { ...minimal, name: 7 }, '$.name', 'must be a string'],
  [
    'unknown variant',
    { ...minimal, variant: 'foo' },
    '$.variant',
    'unknown variant "foo" (expected buggy or fixed)',
  ],
  ['unknown mmu', { ...minimal, mmu: 'ept' }, '$.mmu', 'unknown mmu "ept" (expected legacy, tdp or shadow)'],
  ['unknown backing', { ...minimal, backing: '1g' }, '$.backing', 'unknown backing "1g" (expected 4k or 2m)'],
  [
    'null variant',
    { ...minimal, variant: null },
    '$.variant',
    'unknown variant null (expected buggy or fixed)',
  ],
  ['adBits not boolean', { ...minimal, adBits: 'yes' }, '$.adBits', 'must be true or false'],
  [
    'memslot flag not boolean',
    { memslots: [{ baseGfn: 0, pages: 8, dirtyLog: 1 }], accesses: [1] },
    '$.memslots[0].dirtyLog',
    'must be true or false',
  ],
  ['memslots missing', { accesses: [1] }, '$.memslots', 'is required'],
  ['memslots empty', { memslots: [], accesses: [1] }, '$.memslots', 'must be a non-empty array of memslots'],
  [
    'memslots not array',
    { memslots: { baseGfn: 0, pages: 8 }, accesses: [1] },
    '$.memslots',
    'must be a non-empty array of memslots',
  ],
  ['memslot not object', { memslots: [[0, 8]], accesses: [1] }, '$.memslots[0]', 'must be an object'],
  [
    'memslot pages missing',
    { memslots: [{ baseGfn: 0 }], accesses: [1] },
    '$.memslots[0].pages',
    'is required',
  ],
  [
    'memslot pages zero',
    { memslots: [{ baseGfn: 0, pages: 0 }], accesses: [1] },
    '$.memslots[0].pages',
    'must be a positive integer',
  ],
  [
    'fraction',
    { memslots: [{ baseGfn: 0, pages: 1.5 }], accesses: [1] },
    '$.memslots[0].pages',
    'must be a positive integer',
  ],
  [
    'negative',
    { memslots: [{ baseGfn: -1, pages: 8 }], accesses: [1] },
    '$.memslots[0].baseGfn',
    'must be a non-negative integer',
  ],
  [
    'numeric string',
    { memslots: [{ baseGfn: '3', pages: 8 }], accesses: [1] },
    '$.memslots[0].baseGfn',
    'must be a non-negative integer',
  ],
  [
    '1e300',
    { memslots: [{ baseGfn: 1e300, pages: 8 }], accesses: [1] },
    '$.memslots[0].baseGfn',
    'must be a non-negative integer',
  ],
  [
    'unsafe integer',
    { memslots: slot8, accesses: [2 ** 53] },
    '$.accesses[0]',
    'must be a non-negative integer',
  ],
  [
    'GFN beyond 52 bits',
    { memslots: [{ baseGfn: MAX_GFN, pages: 1 }], accesses: [1] },
    '$.memslots[0].baseGfn',
    /must be below 0x10000000000/,
  ],
  [
    'memslot ending beyond 52 bits',
    { memslots: [{ baseGfn: MAX_GFN - 1, pages: 2 }], accesses: [1] },
    '$.memslots[0].pages',
    /ends beyond GFN 0xffffffffff/,
  ],
  [
    'overlapping memslots',
    {
      memslots: [
        { baseGfn: 0, pages: 0x2000 },
        { baseGfn: 0x3000, pages: 8 },
        { baseGfn: 0x1fff, pages: 2 },
      ],
      accesses: [1],
    },
    '$.memslots[2]',
    'overlaps memslot 0 (GFN 0x0..0x1fff)',
  ],
  [
    'too many memslots',
    {
      memslots: Array.from({ length: MAX_MEMSLOTS + 1 }, (_, i) => ({ baseGfn: i, pages: 1 })),
      accesses: [1],
    },
    '$.memslots',
    /too many memslots: at most 512/,
  ],
  ['accesses missing', { memslots: slot8 }, '$.accesses', 'is required'],
  [
    'accesses wrong type',
    { memslots: slot8, accesses: 'all' },
    '$.accesses',
    'must be an array of GFNs or a pattern object',
  ],
  [
    'explicit access outside memslots',
    { memslots: slot8, accesses: [1, 0x5000] },
    '$.accesses[1]',
    'GFN 0x5000 is outside every memslot',
  ],
  [
    'explicit access not integer',
    { memslots: slot8, accesses: [1, '2'] },
    '$.accesses[1]',
    'must be a non-negative integer',
  ],
  [
    'too many explicit accesses',
    { memslots: slot8, accesses: new Array<number>(MAX_EXPLICIT_ACCESSES + 1).fill(1) },
    '$.accesses',
    'too large: at most 1,000,000 accesses (engine limit)',
  ],
  [
    'pattern missing',
    { memslots: slot8, accesses: { startGfn: 0, pages: 1 } },
    '$.accesses.pattern',
    'is required',
  ],
  [
    'unknown pattern',
    { memslots: slot8, accesses: { pattern: 'zigzag', startGfn: 0, pages: 1 } },
    '$.accesses.pattern',
    'unknown pattern "zigzag" (expected sequential, reverse, stride or random)',
  ],
  [
    'pattern pages zero',
    { memslots: slot8, accesses: { pattern: 'sequential', startGfn: 0, pages: 0 } },
    '$.accesses.pages',
    'must be a positive integer',
  ],
  [
    'pattern too large',
    { memslots: slot8, accesses: { pattern: 'sequential', startGfn: 0, pages: MAX_PATTERN_PAGES + 1 } },
    '$.accesses.pages',
    'too large: at most 1,073,741,824 pages (engine limit)',
  ],
  [
    'pattern past the memslot',
    { memslots: slot8, accesses: { pattern: 'sequential', startGfn: 4, pages: 5 } },
    '$.accesses',
    'GFN 0x8 is outside every memslot',
  ],
  [
    'pattern over a hole',
    {
      memslots: [
        { baseGfn: 0, pages: 8 },
        { baseGfn: 9, pages: 8 },
      ],
      accesses: { pattern: 'reverse', startGfn: 0, pages: 16 },
    },
    '$.accesses',
    'GFN 0x8 is outside every memslot',
  ],
  [
    'pattern start outside',
    { memslots: [{ baseGfn: 0x1000, pages: 8 }], accesses: { pattern: 'random', startGfn: 0, pages: 1 } },
    '$.accesses',
    'GFN 0x0 is outside every memslot',
  ],
  [
    'stride on sequential',
    { memslots: slot8, accesses: { pattern: 'sequential', startGfn: 0, pages: 8, stride: 2 } },
    '$.accesses.stride',
    'only allowed with pattern "stride"',
  ],
  [
    'stride zero',
    { memslots: slot8, accesses: { pattern: 'stride', startGfn: 0, pages: 8, stride: 0 } },
    '$.accesses.stride',
    'must be a positive integer',
  ],
  [
    'seed on stride',
    { memslots: slot8, accesses: { pattern: 'stride', startGfn: 0, pages: 8, seed: 1 } },
    '$.accesses.seed',
    'only allowed with pattern "random"',
  ],
  [
    'seed beyond 32 bits',
    { memslots: slot8, accesses: { pattern: 'random', startGfn: 0, pages: 8, seed: 2 ** 32 } },
    '$.accesses.seed',
    /must be at most 4294967295/,
  ],
  [
    'ranges not array',
    { ...minimal, nonResident: [3, 4] },
    '$.nonResident[0]',
    'must be a [lo, hi] pair of GFNs (inclusive)',
  ],
  [
    'range of three',
    { ...minimal, nonResident: [[1, 2, 3]] },
    '$.nonResident[0]',
    'must be a [lo, hi] pair of GFNs (inclusive)',
  ],
  [
    'ranges object',
    { ...minimal, present: { lo: 1, hi: 2 } },
    '$.present',
    'must be an array of [lo, hi] GFN ranges',
  ],
  [
    'inverted range',
    {
      ...minimal,
      nonResident: [
        [0, 1],
        [20, 10],
      ],
    },
    '$.nonResident[1]',
    'inverted range: 20 > 10',
  ],
  ['inverted by one', { ...minimal, present: [[5, 4]] }, '$.present[0]', 'inverted range: 5 > 4'],
  [
    'range bound not integer',
    { ...minimal, present: [[1, 2.5]] },
    '$.present[0][1]',
    'must be a non-negative integer',
  ],
  [
    'present outside memslots',
    { ...minimal, present: [[6, 9]] },
    '$.present[0]',
    'GFN 0x8 is outside every memslot',
  ],
  [
    'too many ranges',
    { ...minimal, nonResident: Array.from({ length: MAX_RANGES + 1 }, () => [1, 1]) },
    '$.nonResident',
    'too many ranges: at most 100,000',
  ],
  [
    'present too large',
    {
      memslots: [{ baseGfn: 0, pages: 2 ** 25 }],
      present: [
        [0, 2 ** 23],
        [2 ** 24, 2 ** 24 + 2 ** 23],
      ],
      accesses: [1],
    },
    '$.present',
    'too large: at most 16,777,216 pages (engine limit)',
  ],
];

describe('parseScenario rejects', () => {
  it.each(bad)('%s', (_what, input, path, message) => {
    const e = errorOf(parseScenario(input));
    expect(e.path).toBe(path);
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
  });

  it('accepts present ranges totalling exactly the limit', () => {
    const memslots = [{ baseGfn: 0, pages: MAX_PRESENT_PAGES }];
    expect(parseScenario({ memslots, present: [[0, MAX_PRESENT_PAGES - 1]], accesses: [1] }).ok).toBe(true);
  });

  it('uses the given root path', () => {
    expect(errorOf(parseScenario({ ...minimal, mmu: 1 }, '$[4]')).path).toBe('$[4].mmu');
  });
});

describe('parseScenarioText', () => {
  it('turns JSON.parse errors into a $ error', () => {
    const e = errorOf(parseScenarioText('{"memslots": ['));
    expect(e.path).toBe('$');
    expect(e.message).toMatch(/^not JSON: \S/);
  });

  it('parses one object', () => {
    expect(valueOf(parseScenarioText(JSON.stringify(minimal)))).toMatchObject({
      variant: 'fixed',
      accesses: [1],
    });
  });

  it('parses an array in order and reports errors with $[i] paths', () => {
    const text = JSON.stringify([minimal, { ...minimal, variant: 'buggy' }]);
    const value = valueOf(parseScenarioText(text)) as Scenario[];
    expect(value.map((s) => s.variant)).toEqual(['fixed', 'buggy']);
    const badText = JSON.stringify([minimal, minimal, { ...minimal, variant: 'foo' }]);
    expect(errorOf(parseScenarioText(badText))).toEqual({
      path: '$[2].variant',
      message: 'unknown variant "foo" (expected buggy or fixed)',
    });
    expect(errorOf(parseScenarioText(JSON.stringify([minimal, 3]))).path).toBe('$[1]');
  });

  it('rejects an empty array and non-object JSON', () => {
    expect(errorOf(parseScenarioText('[]')).path).toBe('$');
    expect(errorOf(parseScenarioText('null'))).toEqual({ path: '$', message: 'must be an object' });
  });

  it('does not let __proto__ through as a key', () => {
    expect(
      errorOf(
        parseScenarioText('{"__proto__": {}, "memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1]}'),
      ).path,
    ).toBe('$.__proto__');
  });
});

const gfnArb = fc.integer({ min: 0, max: 4095 });
const scenarioArb = fc
  .record({
    name: fc.option(fc.string(), { nil: undefined }),
    mmu: fc.constantFrom('legacy', 'tdp'),
    variant: fc.constantFrom('buggy', 'fixed'),
    backing: fc.constantFrom('4k', '2m'),
    adBits: fc.boolean(),
    readonly: fc.boolean(),
    dirtyLog: fc.boolean(),
    nonResident: fc.array(fc.tuple(gfnArb, gfnArb).map(([a, b]) => [Math.min(a, b), Math.max(a, b)])),
    present: fc.array(
      fc.tuple(gfnArb, fc.integer({ min: 0, max: 20 })).map(([a, n]) => [a, Math.min(a + n, 4095)]),
    ),
    accesses: fc.oneof(
      fc.array(gfnArb, { maxLength: 300 }),
      fc.record({
        pattern: fc.constantFrom('sequential', 'reverse'),
        startGfn: gfnArb,
        pages: fc.constant(1),
      }),
      fc.record({
        pattern: fc.constant('stride'),
        startGfn: fc.constant(0),
        pages: gfnArb.map((n) => n + 1),
        stride: fc.integer({ min: 1, max: 9 }),
      }),
      fc.record({
        pattern: fc.constant('random'),
        startGfn: fc.constant(0),
        pages: fc.constant(4096),
        seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      }),
    ),
  })
  .map(({ readonly, dirtyLog, ...rest }) => ({
    ...rest,
    memslots: [
      { baseGfn: 2048, pages: 2048, readonly, dirtyLog },
      { baseGfn: 0, pages: 2048 },
    ],
  }));

describe('serializeScenario', () => {
  it('round-trips through parseScenarioText', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const s = valueOf(parseScenario(input));
        const text = serializeScenario(s);
        expect(valueOf(parseScenarioText(text))).toEqual(s);
        // Canonical: serialising the parsed text again gives the same bytes.
        expect(serializeScenario(valueOf(parseScenarioText(text)) as Scenario)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('writes every field explicitly, in a fixed order, and wraps long GFN lists', () => {
    const s = valueOf(
      parseScenario({
        name: 'x',
        memslots: [{ baseGfn: 0, pages: 4096 }],
        accesses: Array.from({ length: 400 }, (_, i) => i),
      }),
    );
    const text = serializeScenario(s);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'version',
      'name',
      'mmu',
      'variant',
      'backing',
      'adBits',
      'memslots',
      'nonResident',
      'present',
      'accesses',
    ]);
    expect(text).toContain('"readonly": false');
    expect(text.endsWith('}\n')).toBe(true);
    const lines = text.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines.length).toBeLessThan(40);
  });
});
