import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineColumn, parseJsonText, pathSegments, sourceTextAt, syntaxErrorOffset } from './jsonSource.ts';

describe('pathSegments', () => {
  it('reads the paths the parser writes', () => {
    expect(pathSegments('$')).toEqual([]);
    expect(pathSegments('$.memslots[1].pages')).toEqual(['memslots', 1, 'pages']);
    expect(pathSegments('$[2].accesses.seed')).toEqual([2, 'accesses', 'seed']);
    expect(pathSegments('$["a b"]["q\\"x"]')).toEqual(['a b', 'q"x']);
  });
  it('gives up on anything else (a key cut short in a message)', () => {
    expect(pathSegments('memslots')).toBeNull();
    expect(pathSegments('$["kkk…k"')).toBeNull();
    expect(pathSegments('$.a..b')).toBeNull();
  });
});

describe('sourceTextAt', () => {
  const text = ` {"a": [1, {"b": 1e309}, "x\\"]y"], "n": 9007199254740993,
    "c": {"d": [ 1.50 , [2]]}, "a\\u0020b": -0, "dup": 1, "dup": 2E3 } `;

  it('finds a value by its path, as written', () => {
    expect(sourceTextAt(text, '$.a[1].b')).toBe('1e309');
    expect(sourceTextAt(text, '$.n')).toBe('9007199254740993');
    expect(sourceTextAt(text, '$.c.d[0]')).toBe('1.50');
    expect(sourceTextAt(text, '$.c.d[1]')).toBe('[2]');
    expect(sourceTextAt(text, '$.a[2]')).toBe('"x\\"]y"');
    expect(sourceTextAt(text, '$["a b"]')).toBe('-0');
    expect(sourceTextAt(text, '$.c')).toBe('{"d": [ 1.50 , [2]]}');
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    expect(sourceTextAt(text, '$.dup')).toBe('2E3');
  });

  it('returns null for paths that are not there', () => {
    expect(sourceTextAt(text, '$.a[3]')).toBeNull();
    expect(sourceTextAt(text, '$.zz')).toBeNull();
    expect(sourceTextAt(text, '$.n.x')).toBeNull();
    expect(sourceTextAt(text, '$[0]')).toBeNull();
  });

  it('agrees with JSON.parse on generated documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const json = JSON.stringify(value, null, pretty ? 2 : undefined);
        // Every path into the value finds text that parses back to the same value.
        const visit = (v: unknown, path: string): void => {
          const found = sourceTextAt(json, path);
          expect(found).not.toBeNull();
          expect(JSON.parse(found!)).toEqual(v);
          if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
          else if (v && typeof v === 'object')
            for (const [k, x] of Object.entries(v)) {
              const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
              visit(x, p);
            }
        };
        visit(JSON.parse(json), '$');
      }),
      { numRuns: 200 },
    );
  });
});

describe('syntaxErrorOffset', () => {
  it.each([
    ['', 0],
    ['{', 1],
    ['[1,2,]', 5],
    ['{"a":1,}', 7],
    ['{"a" 1}', 5],
    ['"abc', 4],
    ['[1 2]', 3],
    ['01', 1],
    ['[]x', 2],
    ['{"a":[{"b":}]}', 11],
  ])('%j fails at %i', (text, at) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(syntaxErrorOffset(text)).toBe(at);
  });

  it('finds no error where JSON.parse finds none, and one where it does', () => {
    const damaged = fc
      .tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', 'x', ' '))
      .map(([v, at, ins]) => {
        const t = JSON.stringify(v);
        const i = at % (t.length + 1);
        return t.slice(0, i) + ins + t.slice(i);
      });
    fc.assert(
      fc.property(damaged, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(syntaxErrorOffset(text) < 0).toBe(parses);
      }),
      { numRuns: 500 },
    );
  });

  it('survives deep nesting without recursion', () => {
    expect(syntaxErrorOffset('['.repeat(200_000) + ']'.repeat(200_000))).toBe(-1);
    expect(syntaxErrorOffset('['.repeat(200_000))).toBe(200_000);
  });
});

describe('parseJsonText', () => {
  it('accepts a UTF-8 byte order mark', () => {
    expect(parseJsonText('\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 }, text: '{"a": 1}' });
  });
  it('names the line and column of a syntax error', () => {
    const r = parseJsonText('{\n  "memslots": [\n    {"baseGfn": 0,}\n  ]\n}');
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^not JSON: .* \(line 3, column 19\)$/),
    });
  });
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
