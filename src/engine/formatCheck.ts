import { grouped, previewValue, quoteSource, quoteText } from './quoting.ts';
import type { Memslot } from './types.ts';

// Shared pieces of the scenario parser: limits, JSON-path errors and value checks. scenario.ts
// and shadow/guestFormat.ts both validate with these, so every error reads the same way.

/*
 * Limits of the scenario format (version 1). They exist so that a scenario that validates also
 * runs: anything the engine materialises, or that the UI holds in memory, is capped.
 *
 * - MAX_GFN (exclusive): 2^40 GFNs, i.e. 52-bit guest physical addresses, the x86 architectural
 *   maximum. Every GFN, range end and memslot end must lie below it.
 * - MAX_MEMSLOTS: 512 slots; enough for any real VM layout, and keeps overlap checks trivial.
 * - MAX_PATTERN_PAGES: 2^30 pages (4 TiB) per access pattern. Patterns are not materialised, but
 *   tables grow with the page tables touched (about 320 MB at this size) and run time is linear.
 * - MAX_EXPLICIT_ACCESSES: 1,000,000 GFNs in an explicit list (they arrive as JSON text).
 * - MAX_PRESENT_PAGES: 2^24 pages in total over the `present` ranges, which are materialised one
 *   SPTE at a time before the first access.
 * - MAX_RANGES: 100,000 ranges in `nonResident` and in `present` each.
 * - MAX_SEED: the random pattern's seed is a 32-bit unsigned integer (the engine uses 32 bits).
 */
export const SCENARIO_VERSION = 1;
export const MAX_GFN = 2 ** 40;
export const MAX_MEMSLOTS = 512;
export const MAX_PATTERN_PAGES = 2 ** 30;
export const MAX_EXPLICIT_ACCESSES = 1_000_000;
export const MAX_PRESENT_PAGES = 2 ** 24;
export const MAX_RANGES = 100_000;
export const MAX_SEED = 2 ** 32 - 1;

export interface ParseError {
  /** JSON path of the offending value, e.g. `$.memslots[1].pages` or `$[2].variant`. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

/**
 * A message that quotes the bad value: `message(quoted)` builds it around the value's rendering,
 * so that `attempt` can quote the value's exact source text instead when it has the JSON text.
 */
interface Quoting {
  value: unknown;
  message(quoted: string): string;
}

/** Validation throws this internally; the exported functions never throw. */
export class Invalid {
  constructor(
    readonly error: ParseError,
    readonly quoting?: Quoting,
  ) {}
}

export function fail(path: string, message: string): never {
  throw new Invalid({ path, message });
}

/** Fails at `path` with a message quoting `value` (bounded, and as written when the source is known). */
export function failQuoting(path: string, value: unknown, message: (quoted: string) => string): never {
  throw new Invalid({ path, message: message(previewValue(value)) }, { value, message });
}

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** 1073741824 -> "1,073,741,824": limits are easier to read with separators. */
export { grouped };

/** A key in a JSON path; a long or odd key is quoted and cut short, like any quoted value. */
export function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) && key.length <= 40
    ? `${path}.${key}`
    : `${path}[${quoteText(key, 40, { length: false })}]`;
}

/** Levenshtein distance; callers keep both strings short (see unknownKey). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function unknownKey(key: string, allowed: readonly string[]): string {
  // Two edits is too loose for short keys ("step" is not a typo of "seed").
  const limit = key.length <= 4 ? 1 : 2;
  // Lengths further apart than the limit are further apart than the limit in edits too. Checking
  // that first keeps the distance (quadratic in the lengths) to keys of plausible length: a
  // megabyte-long key is never compared, lower-cased or copied.
  const near = allowed.find(
    (k) =>
      Math.abs(k.length - key.length) <= limit && editDistance(k.toLowerCase(), key.toLowerCase()) <= limit,
  );
  return `unknown key ${quoteText(key)}` + (near ? ` (did you mean "${near}"?)` : '');
}

export function object(v: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
  const o = v as Record<string, unknown>;
  // Unknown keys first: a misspelt key would otherwise surface as a confusing "is required".
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(keyPath(path, k), unknownKey(k, allowed));
  return o;
}

export function required(o: Record<string, unknown>, key: string, path: string): unknown {
  const v = o[key];
  if (v === undefined) fail(keyPath(path, key), 'is required');
  return v;
}

export function integer(v: unknown, path: string, min: 0 | 1 = 0): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    fail(path, min === 0 ? 'must be a non-negative integer' : 'must be a positive integer');
  }
  return v + 0; // normalises -0
}

export function gfn(v: unknown, path: string): number {
  const n = integer(v, path);
  if (n >= MAX_GFN) fail(path, `must be below ${hex(MAX_GFN)} (52-bit guest physical addresses)`);
  return n;
}

export function flag(v: unknown, path: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
  return v;
}

export function choice<T extends string>(v: unknown, path: string, what: string, options: readonly T[]): T {
  if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
  const expected =
    options.length === 2 ? options.join(' or ') : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
  return failQuoting(path, v, (q) => `unknown ${what} ${q} (expected ${expected})`);
}

/** The union of the memslots, for "is this GFN (range) backed by some slot" checks. */
export class Coverage {
  private readonly slots: Memslot[];

  constructor(slots: readonly Memslot[]) {
    this.slots = [...slots].sort((a, b) => a.baseGfn - b.baseGfn);
  }

  private slotEnd(g: number): number {
    let lo = 0;
    let hi = this.slots.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.slots[mid]!;
      if (g < s.baseGfn) hi = mid - 1;
      else if (g >= s.baseGfn + s.pages) lo = mid + 1;
      else return s.baseGfn + s.pages;
    }
    return -1;
  }

  /** First GFN of [lo, end) outside every memslot, or -1 (adjacent slots count as covering). */
  firstGap(lo: number, end: number): number {
    let g = lo;
    while (g < end) {
      const next = this.slotEnd(g);
      if (next < 0) return g;
      g = next;
    }
    return -1;
  }
}

/**
 * Runs a validation. With `sourceAt`, which finds the JSON text of the value at a path (see
 * jsonSource.ts), a message quoting a number or a container shows its text as written (`1e309`,
 * not Infinity; 9007199254740993, not ...992); strings are quoted from the value, which is exact.
 */
export function attempt<T>(f: () => T, sourceAt?: (path: string) => string | null): ParseResult<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const q = e.quoting;
    if (!sourceAt || !q || typeof q.value === 'string') return { ok: false, error: e.error };
    const text = sourceAt(e.error.path);
    if (text === null) return { ok: false, error: e.error };
    return { ok: false, error: { path: e.error.path, message: q.message(quoteSource(text)) } };
  }
}

/**
 * What accesses and `present` ranges count in: GFNs (legacy, TDP, shadow with guest paging off) or
 * GVA pages (shadow with guest paging on, see shadow/guestFormat.ts). The parser asks it to read
 * one number and to check that every address of a range may be accessed (or be present).
 */
export interface AddressSpace {
  number(v: unknown, path: string): number;
  /** Fails at `path` unless every address of [lo, end) may be accessed. */
  check(lo: number, end: number, path: string): void;
}

export function gfnSpace(cover: Coverage): AddressSpace {
  return {
    number: gfn,
    check(lo, end, path) {
      const gap = cover.firstGap(lo, end);
      if (gap >= 0) fail(path, `GFN ${hex(gap)} is outside every memslot`);
    },
  };
}
