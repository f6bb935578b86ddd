import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineReader, MAX_LINE_CHARS } from './lineReader.ts';

function lines(chunks: string[]): Array<string | null> {
  const out: Array<string | null> = [];
  const r = new LineReader((text, overlong) => out.push(overlong ? null : text));
  for (const c of chunks) r.push(c);
  r.end();
  return out;
}

describe('LineReader', () => {
  it('ends lines at LF, CRLF and a lone CR (old Mac files), also mixed in one file', () => {
    expect(lines(['a\nb\r\nc\rd'])).toEqual(['a', 'b', 'c', 'd']);
    expect(lines(['a\r\rb\n\nc'])).toEqual(['a', '', 'b', '', 'c']);
    expect(lines(['a\r'])).toEqual(['a']);
    expect(lines(['\r\n'])).toEqual(['']);
  });

  it('gives the same lines however the text is cut into chunks, even between CR and LF', () => {
    const text = 'one\r\ntwo\rthree\n\r\nfour\r\r\nfive';
    const whole = lines([text]);
    expect(whole).toEqual(['one', 'two', 'three', '', 'four', '', 'five']);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 8 }), (cuts) => {
        const at = [0, ...[...cuts].sort((a, b) => a - b), text.length];
        const chunks = at.slice(1).map((end, i) => text.slice(at[i], end));
        expect(lines(chunks)).toEqual(whole);
      }),
    );
  });

  it('hands over a line longer than the limit as overlong, without holding it, wherever it is cut', () => {
    const long = 'x'.repeat(MAX_LINE_CHARS + 1);
    expect(lines([`a\n${long}\nb`])).toEqual(['a', null, 'b']);
    expect(lines(['a\n', long.slice(0, 10), long.slice(10), '\rb'])).toEqual(['a', null, 'b']);
    expect(lines([long])).toEqual([null]);
    expect(lines(['y'.repeat(MAX_LINE_CHARS)])).toEqual(['y'.repeat(MAX_LINE_CHARS)]);
  });
});
