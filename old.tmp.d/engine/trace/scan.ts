// Character scanners for the payload parsers. Payloads are read by hand, left to right, so a line
// costs time linear in its length whatever it contains (no regex backtracking).

const SPACE = 32;
const TAB = 9;

export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

export function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** End (exclusive) of the hex digits starting at pos. */
export function scanHex(s: string, pos: number, end: number): number {
  while (pos < end && hexDigit(s.charCodeAt(pos)) >= 0) pos++;
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
  for (let i = from; i < to; i++) v = v * 16 + hexDigit(s.charCodeAt(i));
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
