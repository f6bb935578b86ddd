import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario, parseScenarioText } from './scenario.ts';
import type { ParseResult } from './scenario.ts';

// What the parser says about bad values: bounded, escaped, and quoting numbers as written.

const minimal = { memslots: [{ baseGfn: 0, pages: 8 }], accesses: [1] };
/** The whole line a user sees: `path: message`. */
function line<T>(r: ParseResult<T>): string {
  if (r.ok) throw new Error('expected an error');
  return `${r.error.path}: ${r.error.message}`;
}
const withField = (field: string, rawJson: string) =>
  `{"memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1], "${field}": ${rawJson}}`;
// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('unknown keys', () => {
  it('suggests near matches for keys of plausible length', () => {
    expect(line(parseScenario({ ...minimal, variantt: 'x' }))).toBe(
      '$.variantt: unknown key "variantt" (did you mean "variant"?)',
    );
    expect(line(parseScenario({ ...minimal, nonresident: [] }))).toMatch(/did you mean "nonResident"/);
  });

  it('quotes a megabyte-long key in a bounded line, without comparing it to every key', () => {
    const key = 'k'.repeat(2_000_000);
    const r = parseScenarioText(`{"${key}": 1, "memslots": [], "accesses": []}`);
    const text = line(r);
    expect(text.length).toBeLessThan(250);
    expect(text).toMatch(/^\$\["k+…k+"\]: unknown key "k+…k+" \(2,000,000 characters\)$/);
  });

  it('escapes control characters in the key, in the path and the message', () => {
    const text = line(parseScenarioText(withField('x\\u001b[31m\\n', '1')));
    expect(text).toBe('$["x\\u001b[31m\\n"]: unknown key "x\\u001b[31m\\n"');
    expect(text).not.toMatch(RAW_CONTROL);
  });
});

describe('bad values are quoted to about 80 characters', () => {
  it('a 5 MB variant', () => {
    const text = line(parseScenarioText(withField('variant', JSON.stringify('v'.repeat(5_000_000)))));
    expect(text).toMatch(
      /^\$\.variant: unknown variant "v+…v+" \(5,000,000 characters\) \(expected buggy or fixed\)$/,
    );
    expect(text.length).toBeLessThan(200);
  });

  it('a million-element array, from text and from a value', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => i);
    const fromText = line(parseScenarioText(withField('mmu', JSON.stringify(big))));
    expect(fromText).toMatch(
      /^\$\.mmu: unknown mmu \[0,1,2,.*….*999999\] \(6,888,891 characters\) \(expected/,
    );
    expect(fromText.length).toBeLessThan(200);
    const fromValue = line(parseScenario({ ...minimal, mmu: big }));
    expect(fromValue).toMatch(/^\$\.mmu: unknown mmu \[0, 1, 2, .*…/);
    expect(fromValue.length).toBeLessThan(200);
  });

  it('any JSON value in any quoted field gives a short line without raw control characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('version', 'mmu', 'variant', 'backing'),
        fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== 1 && typeof v !== 'string'),
        fc.string({ unit: 'binary', minLength: 0, maxLength: 3000 }),
        (field, value, text) => {
          for (const v of [value, text]) {
            const r = parseScenarioText(withField(field, JSON.stringify(v)));
            if (r.ok) continue; // e.g. variant "fixed"
            const l = line(r);
            expect(l.length).toBeLessThan(260);
            expect(l).not.toMatch(RAW_CONTROL);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('numbers are quoted as written', () => {
  it.each([
    ['1e309', '$.version: unsupported version 1e309 (expected 1)'],
    ['9007199254740993', '$.version: unsupported version 9007199254740993 (expected 1)'],
    ['-1E+400', '$.version: unsupported version -1E+400 (expected 1)'],
    ['1.50', '$.version: unsupported version 1.50 (expected 1)'],
  ])('version %s', (raw, expected) => {
    expect(line(parseScenarioText(withField('version', raw)))).toBe(expected);
  });

  it('inside an array of scenarios, pretty-printed, and inside containers', () => {
    const text = `[\n  ${JSON.stringify(minimal)},\n  {\n    "memslots": [{"baseGfn": 0, "pages": 8}],\n    "accesses": [1],\n    "variant": [\n      1e999,\n      18446744073709551617\n    ]\n  }\n]`;
    expect(line(parseScenarioText(text))).toBe(
      '$[1].variant: unknown variant [ 1e999, 18446744073709551617 ] (expected buggy or fixed)',
    );
  });

  it('follows JSON.parse when a key is repeated (the last one counts)', () => {
    const text = '{"memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1], "mmu": 1e400, "mmu": 2e400}';
    expect(line(parseScenarioText(text))).toBe('$.mmu: unknown mmu 2e400 (expected legacy, tdp or shadow)');
  });

  it('without the text (a value from a worker message), as JavaScript prints it', () => {
    expect(line(parseScenario({ ...minimal, version: Infinity }))).toBe(
      '$.version: unsupported version Infinity (expected 1)',
    );
  });
});

describe('text', () => {
  it('accepts a UTF-8 byte order mark', () => {
    const r = parseScenarioText(`\ufeff${JSON.stringify(minimal)}`);
    expect(r.ok).toBe(true);
  });

  it('names the line and column of a syntax error', () => {
    const text = '{\n  "memslots": [{"baseGfn": 0, "pages": 8}],\n  "accesses": [1, 2,]\n}';
    const l = line(parseScenarioText(text));
    expect(l).toMatch(/^\$: not JSON: .* \(line 3, column 21\)$/);
    // V8 quotes the text around the error, newline included: escaped, the message stays one line.
    expect(l).not.toMatch(RAW_CONTROL);
  });
});
