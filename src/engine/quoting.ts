/*
 * Quoting untrusted values in messages. Whatever a user (or a hostile file, link or parent page)
 * hands us may be megabytes long or carry terminal escape codes; a message repeats at most
 * QUOTE_MAX characters of it and never a raw control character, so an error stays one short
 * line in a terminal, a banner or a dialog.
 */

/** The most characters of a bad value a message repeats (the escapes it needs included). */
export const QUOTE_MAX = 80;

/**
 * What a terminal may act on or what hides text: C0 controls, DEL, C1 controls (0x9b is a
 * one-byte CSI to some terminals), line and paragraph separators, bidirectional overrides and
 * isolates ("Trojan Source"), and lone surrogates (which stderr would turn into U+FFFD).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT_ESCAPES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function escapeChar(c: string): string {
  return SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text with every unsafe character written as a JSON escape (`\u001b`, `\n`), on one line. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Text with every unsafe character replaced (by a space): for text shown on a page, not escaped. */
export function withoutControls(text: string, by = ' '): string {
  return text.replace(UNSAFE, by);
}

/** Inside a JSON-style quote: backslash and `"` escaped too. */
function escapeQuoted(text: string): string {
  return escapeControls(text.replace(/[\\"]/g, (c) => `\\${c}`));
}

/** 1073741824 -> "1,073,741,824". */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Cuts before a surrogate pair's second half never splits it. */
function cutAt(text: string, at: number): number {
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

/**
 * The longest escaped prefix (or suffix) of `text` within `budget` characters. Works on a window
 * of at most `budget` characters, so a 50 MB value costs no more than a short one.
 */
function escapedEnd(text: string, budget: number, fromStart: boolean, escape: (s: string) => string): string {
  let n = Math.min(text.length, budget);
  for (;;) {
    const part = fromStart ? text.slice(0, cutAt(text, n)) : text.slice(text.length - n);
    const out = escape(part);
    if (out.length <= budget || n === 0) return out.length <= budget ? out : '';
    // Escapes take up to 6 characters each: shrink by what overflowed, at least one.
    n = Math.max(0, n - Math.max(1, Math.ceil((out.length - budget) / 6)));
  }
}

/**
 * A bounded form of `text` (head…tail, at most `max` characters) written by `escape`. When cut,
 * `cut` is true and the caller says how long the whole was.
 */
function bounded(text: string, max: number, escape: (s: string) => string): { text: string; cut: boolean } {
  if (text.length <= max) {
    const whole = escape(text);
    if (whole.length <= max) return { text: whole, cut: false };
  }
  // Most of the budget to the head (where a typo or a prefix shows), a little to the tail.
  const room = max - 1;
  const tail = Math.floor(room / 4);
  return {
    text: `${escapedEnd(text, room - tail, true, escape)}…${escapedEnd(text, tail, false, escape)}`,
    cut: true,
  };
}

/** `"text"` with JSON escapes, at most `max` characters between the quotes, and its length when cut. */
export function quoteText(text: string, max = QUOTE_MAX, opts: { length?: boolean } = {}): string {
  const b = bounded(text, max, escapeQuoted);
  const quoted = `"${b.text}"`;
  return b.cut && opts.length !== false ? `${quoted} (${grouped(text.length)} characters)` : quoted;
}

/**
 * Untrusted text shown unquoted (a file name in a message): controls escaped (or however
 * `clean` makes text safe), head…tail beyond `max` characters.
 */
export function plainBounded(
  text: string,
  max = QUOTE_MAX,
  clean: (s: string) => string = escapeControls,
): string {
  return bounded(text, max, clean).text;
}

/**
 * A JSON value for a message, at most about `max` characters: strings quoted, numbers and
 * literals as JavaScript prints them, arrays and objects as JSON cut short with `…`. Never walks
 * more of a large array or object than it prints.
 */
export function previewValue(v: unknown, max = QUOTE_MAX): string {
  if (typeof v === 'string') return quoteText(v, max);
  if (typeof v !== 'object' || v === null) return String(v);
  const out: string[] = [];
  let used = 0;
  const emit = (s: string) => {
    out.push(s);
    used += s.length;
  };
  const walk = (x: unknown): void => {
    if (used > max) return;
    if (typeof x === 'string') emit(quoteText(x, Math.max(8, max - used), { length: false }));
    else if (typeof x !== 'object' || x === null) emit(String(x));
    else if (Array.isArray(x)) {
      emit('[');
      for (let i = 0; i < x.length && used <= max; i++) {
        if (i > 0) emit(', ');
        walk(x[i]);
      }
      emit(']');
    } else {
      emit('{');
      let first = true;
      for (const k in x) {
        if (used > max) break;
        if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
        if (!first) emit(', ');
        first = false;
        emit(`${quoteText(k, Math.max(8, max - used), { length: false })}: `);
        walk((x as Record<string, unknown>)[k]);
      }
      emit('}');
    }
  };
  walk(v);
  const text = out.join('');
  return text.length <= max ? text : `${text.slice(0, cutAt(text, max - 1))}…`;
}

/**
 * The exact source text of a JSON value (from jsonSource.ts) for a message: whitespace between
 * tokens folded to one space, head…tail beyond `max` characters. Valid JSON holds no raw control
 * characters besides that whitespace; they are escaped all the same in case it is not valid.
 */
export function quoteSource(source: string, max = QUOTE_MAX): string {
  const b = bounded(source, max, (s) => escapeControls(s.replace(/[ \t\r\n]*[\t\r\n][ \t\r\n]*/g, ' ')));
  return b.cut ? `${b.text} (${grouped(source.length)} characters)` : b.text;
}
