import type {
  AccessPattern,
  Backing,
  GfnRange,
  Memslot,
  MmuKind,
  PatternKind,
  Scenario,
  Variant,
} from './types.ts';

/*
 * Limits of the scenario format (version 1). They exist so that a scenario that validates also
 * runs: anything the engine materialises, or that the UI holds in memory, is capped.
 *
 * - MAX_GFN (exclusive): 2^40 GFNs, i.e. 52-bit guest physical addresses, the x86 architectural
 *   maximum. Every GFN, range end and memslot end must lie below it.
 * - MAX_MEMSLOTS: 512 slots; enough for any real VM layout, and keeps overlap checks trivial.
 * - MAX_PATTERN_PAGES: 2^30 pages (4 TiB) per access pattern. Patterns are not materialised, but
 *   shadow tables grow with the touched tables (about 270 MB at this size) and run time is linear.
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

const TOP_KEYS = [
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
] as const;
const MEMSLOT_KEYS = ['baseGfn', 'pages', 'readonly', 'dirtyLog'] as const;
const PATTERN_KEYS = ['pattern', 'startGfn', 'pages', 'stride', 'seed'] as const;
const MMUS: readonly MmuKind[] = ['legacy', 'tdp'];
const VARIANTS: readonly Variant[] = ['buggy', 'fixed'];
const BACKINGS: readonly Backing[] = ['4k', '2m'];
const PATTERNS: readonly PatternKind[] = ['sequential', 'reverse', 'stride', 'random'];

/** Validation throws this internally; the exported functions never throw. */
class Invalid {
  constructor(readonly error: ParseError) {}
}

function fail(path: string, message: string): never {
  throw new Invalid({ path, message });
}

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** 1073741824 -> "1,073,741,824": limits are easier to read with separators. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

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
  const near = allowed.find(
    (k) => k.toLowerCase() === key.toLowerCase() || editDistance(k.toLowerCase(), key.toLowerCase()) <= 2,
  );
  return `unknown key ${JSON.stringify(key)}` + (near ? ` (did you mean "${near}"?)` : '');
}

function object(v: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
  const o = v as Record<string, unknown>;
  // Unknown keys first: a misspelt key would otherwise surface as a confusing "is required".
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(keyPath(path, k), unknownKey(k, allowed));
  return o;
}

function required(o: Record<string, unknown>, key: string, path: string): unknown {
  const v = o[key];
  if (v === undefined) fail(keyPath(path, key), 'is required');
  return v;
}

function integer(v: unknown, path: string, min: 0 | 1 = 0): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    fail(path, min === 0 ? 'must be a non-negative integer' : 'must be a positive integer');
  }
  return v + 0; // normalises -0
}

function gfn(v: unknown, path: string): number {
  const n = integer(v, path);
  if (n >= MAX_GFN) fail(path, `must be below ${hex(MAX_GFN)} (52-bit guest physical addresses)`);
  return n;
}

function flag(v: unknown, path: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
  return v;
}

function choice<T extends string>(v: unknown, path: string, what: string, options: readonly T[]): T {
  if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
  const expected =
    options.length === 2 ? options.join(' or ') : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
  return fail(path, `unknown ${what} ${JSON.stringify(v)} (expected ${expected})`);
}

/** The union of the memslots, for "is this GFN (range) backed by some slot" checks. */
class Coverage {
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

function memslots(v: unknown, path: string): Memslot[] {
  if (!Array.isArray(v) || v.length === 0) fail(path, 'must be a non-empty array of memslots');
  if (v.length > MAX_MEMSLOTS) fail(path, `too many memslots: at most ${MAX_MEMSLOTS}`);
  const out: Memslot[] = [];
  v.forEach((item: unknown, i) => {
    const p = `${path}[${i}]`;
    const o = object(item, p, MEMSLOT_KEYS);
    const baseGfn = gfn(required(o, 'baseGfn', p), `${p}.baseGfn`);
    const pages = integer(required(o, 'pages', p), `${p}.pages`, 1);
    if (baseGfn + pages > MAX_GFN) {
      fail(`${p}.pages`, `memslot ends beyond GFN ${hex(MAX_GFN - 1)} (52-bit guest physical addresses)`);
    }
    out.forEach((t, j) => {
      if (baseGfn < t.baseGfn + t.pages && t.baseGfn < baseGfn + pages) {
        fail(p, `overlaps memslot ${j} (GFN ${hex(t.baseGfn)}..${hex(t.baseGfn + t.pages - 1)})`);
      }
    });
    const readonly = flag(o.readonly, `${p}.readonly`, false);
    const dirtyLog = flag(o.dirtyLog, `${p}.dirtyLog`, false);
    out.push({ baseGfn, pages, readonly, dirtyLog });
  });
  return out;
}

function ranges(v: unknown, path: string): GfnRange[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(path, 'must be an array of [lo, hi] GFN ranges');
  if (v.length > MAX_RANGES) fail(path, `too many ranges: at most ${grouped(MAX_RANGES)}`);
  return v.map((r: unknown, i): GfnRange => {
    const p = `${path}[${i}]`;
    if (!Array.isArray(r) || r.length !== 2) fail(p, 'must be a [lo, hi] pair of GFNs (inclusive)');
    const lo = gfn(r[0], `${p}[0]`);
    const hi = gfn(r[1], `${p}[1]`);
    if (lo > hi) fail(p, `inverted range: ${lo} > ${hi}`);
    return [lo, hi];
  });
}

function presentRanges(v: unknown, path: string, cover: Coverage): GfnRange[] {
  const out = ranges(v, path);
  let total = 0;
  out.forEach(([lo, hi], i) => {
    total += hi - lo + 1;
    if (total > MAX_PRESENT_PAGES)
      fail(path, `too large: at most ${grouped(MAX_PRESENT_PAGES)} pages (engine limit)`);
    // A present SPTE maps guest memory; a GFN outside every slot could only be MMIO, never present.
    const gap = cover.firstGap(lo, hi + 1);
    if (gap >= 0) fail(`${path}[${i}]`, `GFN ${hex(gap)} is outside every memslot`);
  });
  return out;
}

function accesses(v: unknown, path: string, cover: Coverage): number[] | AccessPattern {
  if (Array.isArray(v)) {
    if (v.length > MAX_EXPLICIT_ACCESSES) {
      fail(path, `too large: at most ${grouped(MAX_EXPLICIT_ACCESSES)} accesses (engine limit)`);
    }
    return v.map((item: unknown, i) => {
      const g = gfn(item, `${path}[${i}]`);
      if (cover.firstGap(g, g + 1) >= 0) fail(`${path}[${i}]`, `GFN ${hex(g)} is outside every memslot`);
      return g;
    });
  }
  if (typeof v !== 'object' || v === null) fail(path, 'must be an array of GFNs or a pattern object');
  const o = object(v, path, PATTERN_KEYS);
  const pattern = choice(required(o, 'pattern', path), `${path}.pattern`, 'pattern', PATTERNS);
  const startGfn = gfn(required(o, 'startGfn', path), `${path}.startGfn`);
  const pages = integer(required(o, 'pages', path), `${path}.pages`, 1);
  if (pages > MAX_PATTERN_PAGES) {
    fail(`${path}.pages`, `too large: at most ${grouped(MAX_PATTERN_PAGES)} pages (engine limit)`);
  }
  const out: AccessPattern = { pattern, startGfn, pages };
  // stride and seed mean nothing to the other patterns; accepting them would hide a mistake.
  if (o.stride !== undefined && pattern !== 'stride')
    fail(`${path}.stride`, 'only allowed with pattern "stride"');
  if (o.seed !== undefined && pattern !== 'random')
    fail(`${path}.seed`, 'only allowed with pattern "random"');
  if (pattern === 'stride') out.stride = o.stride === undefined ? 1 : integer(o.stride, `${path}.stride`, 1);
  if (pattern === 'random') {
    const seed = o.seed === undefined ? 0 : integer(o.seed, `${path}.seed`);
    if (seed > MAX_SEED) fail(`${path}.seed`, `must be at most ${MAX_SEED} (32 bits)`);
    out.seed = seed;
  }
  const gap = cover.firstGap(startGfn, startGfn + pages);
  if (gap >= 0) fail(path, `GFN ${hex(gap)} is outside every memslot`);
  return out;
}

function scenario(v: unknown, path: string): Scenario {
  const o = object(v, path, TOP_KEYS);
  if (o.version !== undefined && o.version !== SCENARIO_VERSION) {
    fail(
      `${path}.version`,
      `unsupported version ${JSON.stringify(o.version)} (expected ${SCENARIO_VERSION})`,
    );
  }
  if (o.name !== undefined && typeof o.name !== 'string') fail(`${path}.name`, 'must be a string');
  const mmu = o.mmu === undefined ? 'legacy' : choice(o.mmu, `${path}.mmu`, 'mmu', MMUS);
  const variant =
    o.variant === undefined ? 'fixed' : choice(o.variant, `${path}.variant`, 'variant', VARIANTS);
  const backing = o.backing === undefined ? '4k' : choice(o.backing, `${path}.backing`, 'backing', BACKINGS);
  const adBits = flag(o.adBits, `${path}.adBits`, true);
  const slots = memslots(required(o, 'memslots', path), `${path}.memslots`);
  const cover = new Coverage(slots);
  const nonResident = ranges(o.nonResident, `${path}.nonResident`);
  const present = presentRanges(o.present, `${path}.present`, cover);
  const acc = accesses(required(o, 'accesses', path), `${path}.accesses`, cover);
  const out: Scenario = {
    version: SCENARIO_VERSION,
    mmu,
    variant,
    backing,
    adBits,
    memslots: slots,
    nonResident,
    present,
    accesses: acc,
  };
  return o.name === undefined ? out : { version: SCENARIO_VERSION, name: o.name as string, ...out };
}

function attempt<T>(f: () => T): ParseResult<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.error };
    throw e;
  }
}

/** Validates one scenario (version 1) and fills every default. Never throws. */
export function parseScenario(value: unknown, path = '$'): ParseResult<Scenario> {
  return attempt(() => scenario(value, path));
}

/** Parses JSON text holding one scenario object or a non-empty array of them. Never throws. */
export function parseScenarioText(text: string): ParseResult<Scenario | Scenario[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      error: { path: '$', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` },
    };
  }
  if (!Array.isArray(value)) return parseScenario(value);
  if (value.length === 0)
    return { ok: false, error: { path: '$', message: 'must be a scenario or a non-empty array of them' } };
  return attempt(() => value.map((item: unknown, i) => scenario(item, `$[${i}]`)));
}

export { serializeScenario } from './scenarioFormat.ts';
