// Character scanners for the payload parsers. Payloads are read by hand, left to right, so a line
// costs time linear in its length whatever it contains (no regex backtracking).

const SPACE = 32;
const TAB = 9;

export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Value of each ASCII hex digit, -1 for every other code below 128. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 0; c < 128; c++) {
  if (c >= 48 && c <= 57) HEX_VALUE[c] = c - 48;
  else if (c >= 97 && c <= 102) HEX_VALUE[c] = c - 87;
  else if (c >= 65 && c <= 70) HEX_VALUE[c] = c - 55;
}

export function hexDigit(c: number): number {
  return c < 128 ? HEX_VALUE[c]! : -1;
}

/** End (exclusive) of the hex digits starting at pos. */
export function scanHex(s: string, pos: number, end: number): number {
  // A table look-up per character instead of three range tests: every fault and set_spte line
  // has 50-odd hex digits, and this loop is too hot to leave to the inliner.
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c >= 128 || HEX_VALUE[c]! < 0) break;
    pos++;
  }
  return pos;
}

/** End (exclusive) of the decimal digits starting at pos. */
export function scanDecimal(s: string, pos: number, end: number): number {
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    pos++;
  }
  return pos;
}

/** Value of the hex digits s[from, to). Exact while to - from <= 13 (52 bits). */
export function hexValue(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 16 + HEX_VALUE[s.charCodeAt(i) & 127]!;
  return v;
}

/** Value of the decimal digits s[from, to). Exact while to - from <= 15. */
export function decimalValue(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

export function skipBlanks(s: string, pos: number, end: number): number {
  while (pos < end && isBlank(s.charCodeAt(pos))) pos++;
  return pos;
}

/** 1-based column of pos, for error messages. */
export function column(pos: number): string {
  return `column ${pos + 1}`;
}

/**
 * What a payload parser returns: null when the payload is complete, INCOMPLETE when the text ran
 * out where more was expected (a hard-wrapped line whose rest may follow on the next line), or an
 * error message. INCOMPLETE is a string no message can equal.
 */
export const INCOMPLETE = '\u0000incomplete';
export type PayloadStatus = string | null;

/** Mismatch and "the text ends inside the literal" results of matchLiteral. */
export const NO_MATCH = -1;
export const ENDS_EARLY = -2;

/**
 * End of `literal` when line[pos, end) starts with it; ENDS_EARLY when what is left of the line is
 * a proper prefix of it (the line was cut inside or before it); NO_MATCH otherwise.
 */
export function matchLiteral(line: string, pos: number, end: number, literal: string): number {
  if (end - pos >= literal.length) return line.startsWith(literal, pos) ? pos + literal.length : NO_MATCH;
  for (let i = 0; pos + i < end; i++) {
    if (line.charCodeAt(pos + i) !== literal.charCodeAt(i)) return NO_MATCH;
  }
  return ENDS_EARLY;
}

/** End of the text with trailing blanks removed. */
export function trimEnd(line: string, end: number): number {
  while (end > 0 && isBlank(line.charCodeAt(end - 1))) end--;
  return end;
}

/** What scanHexValue read: the value (exact while `significant` <= 13, i.e. below 2^52). */
export const hexScan = { value: 0, significant: 0 };

/**
 * End (exclusive) of the hex digits starting at pos, reading their value on the way (one pass
 * instead of scanHex then hexValue: this runs twice on every fault line).
 */
export function scanHexValue(s: string, pos: number, end: number): number {
  let v = 0;
  let significant = 0;
  while (pos < end) {
    const c = s.charCodeAt(pos);
    const d = c < 128 ? HEX_VALUE[c]! : -1;
    if (d < 0) break;
    if (significant > 0 || d > 0) significant++;
    v = v * 16 + d;
    pos++;
  }
  hexScan.value = v;
  hexScan.significant = significant;
  return pos;
}
