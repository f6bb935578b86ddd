import { escapeControls } from './quoting.ts';

/*
 * Where a value sits in JSON text, for error messages only. JSON.parse turns `1e309` into Infinity
 * and 9007199254740993 into ...992, so a message quoting the parsed number would show something
 * the user never wrote; this scanner finds the value's own text by its JSON path instead. It runs
 * once per error, over text JSON.parse has already accepted, in one linear pass without building
 * anything.
 */

export type PathSegment = string | number;

const IDENT = /^\.([A-Za-z_$][\w$]*)/;
const INDEX = /^\[(\d+)\]/;
const QUOTED_KEY = /^\[("(?:[^"\\]|\\.)*")\]/;

/**
 * `$.memslots[1].pages` -> ['memslots', 1, 'pages']; `$["a b"]` -> ['a b']. Null for a path that
 * is not one the parser writes (a key cut short in a message cannot be looked up).
 */
export function pathSegments(path: string): PathSegment[] | null {
  if (!path.startsWith('$')) return null;
  const out: PathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    let m = IDENT.exec(rest);
    if (m) out.push(m[1]!);
    else if ((m = INDEX.exec(rest))) out.push(Number(m[1]));
    else if ((m = QUOTED_KEY.exec(rest))) {
      try {
        out.push(JSON.parse(m[1]!) as string);
      } catch {
        return null;
      }
    } else return null;
    rest = rest.slice(m[0].length);
  }
  return out;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

class Scanner {
  constructor(private readonly text: string) {}

  ws(i: number): number {
    const t = this.text;
    while (i < t.length && WS.has(t.charCodeAt(i))) i++;
    return i;
  }

  /** Index just past the string literal starting at i (t[i] is `"`). */
  stringEnd(i: number): number {
    const t = this.text;
    for (let j = i + 1; j < t.length;) {
      const q = t.indexOf('"', j);
      if (q < 0) return t.length;
      // A quote preceded by an odd number of backslashes is escaped.
      let k = q - 1;
      while (t.charCodeAt(k) === 0x5c) k--;
      if ((q - 1 - k) % 2 === 0) return q + 1;
      j = q + 1;
    }
    return t.length;
  }

  /** Index just past the value starting at i. */
  valueEnd(i: number): number {
    const t = this.text;
    const c = t[i];
    if (c === '"') return this.stringEnd(i);
    if (c === '{' || c === '[') {
      let depth = 0;
      for (let j = i; j < t.length; j++) {
        const d = t[j];
        if (d === '"') j = this.stringEnd(j) - 1;
        else if (d === '{' || d === '[') depth++;
        else if ((d === '}' || d === ']') && --depth === 0) return j + 1;
      }
      return t.length;
    }
    let j = i;
    while (j < t.length && !WS.has(t.charCodeAt(j)) && !',]}'.includes(t[j]!)) j++;
    return j;
  }

  /** Start of element `index` of the array at i, or -1. */
  element(i: number, index: number): number {
    const t = this.text;
    if (t[i] !== '[') return -1;
    let j = this.ws(i + 1);
    if (t[j] === ']') return -1;
    for (let n = 0; ; n++) {
      if (n === index) return j;
      j = this.ws(this.valueEnd(j));
      if (t[j] !== ',') return -1;
      j = this.ws(j + 1);
    }
  }

  /** Start of the value of `key` in the object at i (the last one, as JSON.parse keeps), or -1. */
  member(i: number, key: string): number {
    const t = this.text;
    if (t[i] !== '{') return -1;
    let found = -1;
    let j = this.ws(i + 1);
    while (t[j] === '"') {
      const end = this.stringEnd(j);
      const raw = t.slice(j + 1, end - 1);
      let name = raw;
      if (raw.includes('\\')) {
        try {
          name = JSON.parse(t.slice(j, end)) as string;
        } catch {
          return -1;
        }
      }
      j = this.ws(end);
      if (t[j] !== ':') return -1;
      j = this.ws(j + 1);
      if (name === key) found = j;
      j = this.ws(this.valueEnd(j));
      if (t[j] !== ',') break;
      j = this.ws(j + 1);
    }
    return found;
  }
}

/** The source text of the value at `path` in JSON `text`, or null when it cannot be found. */
export function sourceTextAt(text: string, path: string): string | null {
  const segs = pathSegments(path);
  if (!segs) return null;
  const s = new Scanner(text);
  let i = s.ws(text.charCodeAt(0) === 0xfeff ? 1 : 0);
  for (const seg of segs) {
    i = typeof seg === 'number' ? s.element(i, seg) : s.member(i, seg);
    if (i < 0) return null;
  }
  return text.slice(i, s.valueEnd(i));
}

/** A UTF-8 byte order mark read as text: editors on Windows write one, and it is not JSON. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line and column (1-based) of a character offset, for "not JSON" messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * Offset of the first JSON syntax error in `text` (which JSON.parse refused), for a line and
 * column in the message: V8 names the position for some errors only. An explicit stack instead
 * of recursion, so deep nesting cannot overflow.
 */
export function syntaxErrorOffset(text: string): number {
  const stack: Array<'{' | '['> = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    STRING_BODY.lastIndex = i + 1;
    if (!STRING_BODY.test(text)) {
      // Point at the character that ends the string early (or the end of the text).
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text.charCodeAt(j) >= 0x20) {
        if (text[j] !== '\\') j++;
        else if (/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(j + 1, j + 6))) j += 2;
        else break;
      }
      i = Math.min(j, text.length);
      return false;
    }
    i = STRING_BODY.lastIndex;
    return true;
  };
  for (;;) {
    // A value is expected at i.
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else {
        if (c === '{') {
          if (!string()) return i;
          ws();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return i;
      i = NUMBER.lastIndex;
    }
    // After a value: close containers, or a comma and the next member.
    for (;;) {
      ws();
      const top = stack.at(-1);
      if (top === undefined) return i < text.length ? i : -1;
      if (text[i] === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return i;
      i++;
      if (top === '{') {
        ws();
        if (!string()) return i;
        ws();
        if (text[i] !== ':') return i;
        i++;
      }
      break;
    }
  }
}

export type JsonTextResult = { ok: true; value: unknown; text: string } | { ok: false; message: string };

/**
 * JSON.parse for text a user gave: a leading byte order mark is dropped, and a syntax error
 * names its line and column. `text` is what was parsed (without the mark), for sourceTextAt.
 */
export function parseJsonText(input: string): JsonTextResult {
  const text = stripBom(input);
  try {
    return { ok: true, value: JSON.parse(text) as unknown, text };
  } catch (e) {
    // V8 quotes the text around the error, raw newlines and all.
    const message = escapeControls(e instanceof Error ? e.message : String(e));
    const at = syntaxErrorOffset(text);
    if (at < 0) return { ok: false, message: `not JSON: ${message}` };
    const { line, column } = lineColumn(text, at);
    return { ok: false, message: `not JSON: ${message} (line ${line}, column ${column})` };
  }
}
