import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeControls, plainBounded, previewValue, QUOTE_MAX, quoteSource, quoteText } from './quoting.ts';

/** The part between the quotes (and before a length note). */
const inner = (q: string) => /^"(.*)"(?: \([\d,]+ characters\))?$/s.exec(q)![1]!;

describe('escapeControls', () => {
  it('writes terminal controls, separators and bidi overrides as JSON escapes', () => {
    expect(escapeControls('a\u001b[31mb\n\tc\r')).toBe('a\\u001b[31mb\\n\\tc\\r');
    expect(escapeControls('\u009b2J \u007f \u2028 \u202e \u2066')).toBe(
      '\\u009b2J \\u007f \\u2028 \\u202e \\u2066',
    );
    // A lone surrogate would reach a terminal as U+FFFD; a proper pair is left alone.
    expect(escapeControls('x\ud800y \ud83d\ude00')).toBe('x\\ud800y \ud83d\ude00');
    expect(escapeControls('plain é ü 日本')).toBe('plain é ü 日本');
  });
});

describe('quoteText', () => {
  it('quotes short text whole, with JSON escapes', () => {
    expect(quoteText('varient')).toBe('"varient"');
    expect(quoteText('a"b\\c\u001b')).toBe('"a\\"b\\\\c\\u001b"');
  });

  it('cuts long text to head…tail within the bound and says how long it was', () => {
    const q = quoteText('k'.repeat(1_000_000));
    expect(inner(q).length).toBeLessThanOrEqual(QUOTE_MAX);
    expect(q).toMatch(/^"k+…k+" \(1,000,000 characters\)$/);
    expect(quoteText('x'.repeat(100), 40, { length: false })).toMatch(/^"x+…x+"$/);
  });

  it('stays within the bound however many characters need escaping, and never splits a pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 8, max: 120 }),
        (s, max) => {
          const q = inner(quoteText(s, max));
          expect(q.length).toBeLessThanOrEqual(max);
          // eslint-disable-next-line no-control-regex -- what must never reach a terminal
          expect(q).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
          expect(q).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('plainBounded', () => {
  it('keeps a file name readable: escaped, and head…tail when long', () => {
    expect(plainBounded('nope\u001b[31m.json')).toBe('nope\\u001b[31m.json');
    const long = `/very/${'d/'.repeat(200)}file.json`;
    const b = plainBounded(long);
    expect(b.length).toBeLessThanOrEqual(QUOTE_MAX);
    expect(b.endsWith('file.json')).toBe(true);
  });
});

describe('previewValue', () => {
  it('prints small values as JSON', () => {
    expect(previewValue(null)).toBe('null');
    expect(previewValue(2)).toBe('2');
    expect(previewValue(Infinity)).toBe('Infinity');
    expect(previewValue([1, 'a', { b: true }])).toBe('[1, "a", {"b": true}]');
  });

  it('cuts large arrays, objects and deep nesting short without walking all of them', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(previewValue(big).length).toBeLessThanOrEqual(QUOTE_MAX);
    expect(previewValue(big)).toMatch(/^\[0, 1, 2, .*…$/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(previewValue(deep)).toMatch(/^\[\[\[\[.*…$/);
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key${i}`, 'v'.repeat(1000)]));
    expect(previewValue(wide).length).toBeLessThanOrEqual(QUOTE_MAX);
  });
});

describe('quoteSource', () => {
  it('shows the text as written, whitespace folded, bounded', () => {
    expect(quoteSource('1e309')).toBe('1e309');
    expect(quoteSource('[\n    1,\n    2.50\n  ]')).toBe('[ 1, 2.50 ]');
    const long = `[${Array(100_000).fill('1').join(',')}]`;
    expect(quoteSource(long)).toMatch(/^\[1,1,.*….*1,1\] \(200,001 characters\)$/);
    expect(quoteSource(long).length).toBeLessThan(QUOTE_MAX + 30);
  });
});
