import {
  attempt,
  choice,
  Coverage,
  fail,
  failQuoting,
  flag,
  gfn,
  gfnSpace,
  grouped,
  hex,
  integer,
  MAX_EXPLICIT_ACCESSES,
  MAX_GFN,
  MAX_MEMSLOTS,
  MAX_PATTERN_PAGES,
  MAX_PRESENT_PAGES,
  MAX_RANGES,
  MAX_SEED,
  object,
  required,
  SCENARIO_VERSION,
} from './formatCheck.ts';
import type { AddressSpace, ParseResult } from './formatCheck.ts';
import { parseJsonText, sourceTextAt } from './jsonSource.ts';
import { kernelFromText, VARIANT_KERNEL } from './kernelVersion.ts';
import { guestPaging, guestSpace } from './shadow/guestFormat.ts';
import { runLimitProblem } from './runLimits.ts';
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

/** Every key a scenario's top level may have (the fuzzer draws from the same list). */
export const TOP_KEYS = [
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
  'guest',
  'kernel',
  'compareKernel',
  'invalidations',
] as const;
const MEMSLOT_KEYS = ['baseGfn', 'pages', 'readonly', 'dirtyLog'] as const;
const PATTERN_KEYS = ['pattern', 'startGfn', 'pages', 'stride', 'seed'] as const;
const MMUS: readonly MmuKind[] = ['legacy', 'tdp', 'shadow'];
const VARIANTS: readonly Variant[] = ['buggy', 'fixed'];
const BACKINGS: readonly Backing[] = ['4k', '2m'];
const PATTERNS: readonly PatternKind[] = ['sequential', 'reverse', 'stride', 'random'];

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

function ranges(v: unknown, path: string, num: AddressSpace['number'] = gfn): GfnRange[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(path, 'must be an array of [lo, hi] GFN ranges');
  if (v.length > MAX_RANGES) fail(path, `too many ranges: at most ${grouped(MAX_RANGES)}`);
  return v.map((r: unknown, i): GfnRange => {
    const p = `${path}[${i}]`;
    if (!Array.isArray(r) || r.length !== 2) fail(p, 'must be a [lo, hi] pair of GFNs (inclusive)');
    const lo = num(r[0], `${p}[0]`);
    const hi = num(r[1], `${p}[1]`);
    if (lo > hi) fail(p, `inverted range: ${lo} > ${hi}`);
    return [lo, hi];
  });
}

function presentRanges(v: unknown, path: string, space: AddressSpace): GfnRange[] {
  const out = ranges(v, path, space.number);
  let total = 0;
  out.forEach(([lo, hi], i) => {
    total += hi - lo + 1;
    if (total > MAX_PRESENT_PAGES)
      fail(path, `too large: at most ${grouped(MAX_PRESENT_PAGES)} pages (engine limit)`);
    // A present SPTE maps guest memory; a GFN outside every slot could only be MMIO, never present.
    space.check(lo, hi + 1, `${path}[${i}]`);
  });
  return out;
}

function accesses(v: unknown, path: string, space: AddressSpace): number[] | AccessPattern {
  if (Array.isArray(v)) {
    if (v.length > MAX_EXPLICIT_ACCESSES) {
      fail(path, `too large: at most ${grouped(MAX_EXPLICIT_ACCESSES)} accesses (engine limit)`);
    }
    return v.map((item: unknown, i) => {
      const g = space.number(item, `${path}[${i}]`);
      space.check(g, g + 1, `${path}[${i}]`);
      return g;
    });
  }
  if (typeof v !== 'object' || v === null) fail(path, 'must be an array of GFNs or a pattern object');
  const o = object(v, path, PATTERN_KEYS);
  const pattern = choice(required(o, 'pattern', path), `${path}.pattern`, 'pattern', PATTERNS);
  const startGfn = space.number(required(o, 'startGfn', path), `${path}.startGfn`);
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
  space.check(startGfn, startGfn + pages, path);
  return out;
}

/**
 * `kernel` and `variant` together: the version names the kernel and variant is its short form.
 * Either alone is fine (variant buggy = 5.15, fixed = 5.16); both must agree.
 */
function kernelAndVariant(o: Record<string, unknown>, path: string): { variant: Variant; kernel?: string } {
  const variant =
    o.variant === undefined ? undefined : choice(o.variant, `${path}.variant`, 'variant', VARIANTS);
  if (o.kernel === undefined) return { variant: variant ?? 'fixed' };
  if (typeof o.kernel !== 'string') fail(`${path}.kernel`, 'must be a kernel version string such as "5.15"');
  const r = kernelFromText(o.kernel);
  if (!r.ok) fail(`${path}.kernel`, r.message);
  const k = r.kernel;
  if (variant !== undefined && variant !== k.variant) {
    fail(
      `${path}.variant`,
      `"${variant}" contradicts kernel ${k.label}, which is ${k.variant === 'buggy' ? 'before' : 'after'} ` +
        `c6cecc4b9324 (v5.16); drop variant or set it to "${k.variant}"`,
    );
  }
  // The short forms given as `kernel` name the same versions as the variant would.
  const label = o.kernel === 'buggy' || o.kernel === 'fixed' ? VARIANT_KERNEL[o.kernel] : k.label;
  return { variant: k.variant, kernel: label };
}

function invalidationRanges(v: unknown, path: string): GfnRange[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) fail(path, 'must be an array of [first, last] access-index ranges');
  if (v.length > MAX_RANGES) fail(path, `too many ranges: at most ${grouped(MAX_RANGES)}`);
  return v.map((r: unknown, i): GfnRange => {
    const p = `${path}[${i}]`;
    if (!Array.isArray(r) || r.length !== 2)
      fail(p, 'must be a [first, last] pair of access indices (inclusive)');
    const lo = integer(r[0], `${p}[0]`);
    const hi = integer(r[1], `${p}[1]`);
    if (lo > hi) fail(p, `inverted range: ${lo} > ${hi}`);
    return [lo, hi];
  });
}

function scenario(v: unknown, path: string): Scenario {
  const o = object(v, path, TOP_KEYS);
  if (o.version !== undefined && o.version !== SCENARIO_VERSION) {
    failQuoting(
      `${path}.version`,
      o.version,
      (q) => `unsupported version ${q} (expected ${SCENARIO_VERSION})`,
    );
  }
  if (o.name !== undefined && typeof o.name !== 'string') fail(`${path}.name`, 'must be a string');
  const mmu = o.mmu === undefined ? 'legacy' : choice(o.mmu, `${path}.mmu`, 'mmu', MMUS);
  const { variant, kernel } = kernelAndVariant(o, path);
  const backing = o.backing === undefined ? '4k' : choice(o.backing, `${path}.backing`, 'backing', BACKINGS);
  const adBits = flag(o.adBits, `${path}.adBits`, true);
  const slots = memslots(required(o, 'memslots', path), `${path}.memslots`);
  const cover = new Coverage(slots);
  const nonResident = ranges(o.nonResident, `${path}.nonResident`);
  // Under shadow paging, `present` and `accesses` are GVA pages checked against the guest's PTEs.
  if (mmu !== 'shadow' && o.guest !== undefined) fail(`${path}.guest`, 'only allowed with mmu "shadow"');
  const guest = mmu === 'shadow' ? guestPaging(required(o, 'guest', path), `${path}.guest`) : undefined;
  const space = guest ? guestSpace(guest, cover) : gfnSpace(cover);
  const present = presentRanges(o.present, `${path}.present`, space);
  const acc = accesses(required(o, 'accesses', path), `${path}.accesses`, space);
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
  if (guest) out.guest = guest;
  if (kernel !== undefined) out.kernel = kernel;
  if (o.compareKernel !== undefined) {
    if (typeof o.compareKernel !== 'string')
      fail(`${path}.compareKernel`, 'must be a kernel version string such as "5.15"');
    const c = kernelFromText(o.compareKernel);
    if (!c.ok) fail(`${path}.compareKernel`, c.message);
    if (kernel === undefined)
      fail(`${path}.compareKernel`, 'only allowed with kernel (the version it is compared with)');
    out.compareKernel = c.kernel.label;
  }
  const inv = invalidationRanges(o.invalidations, `${path}.invalidations`);
  if (inv && inv.length > 0) out.invalidations = inv;
  const tooLarge = runLimitProblem(out);
  if (tooLarge) fail(`${path}.accesses.pages`, tooLarge);
  return o.name === undefined ? out : { version: SCENARIO_VERSION, name: o.name as string, ...out };
}

/**
 * Validates one scenario (version 1) and fills every default. Never throws. `sourceAt`, given the
 * JSON text the value came from (scenarioText.ts), lets messages quote numbers as written.
 */
export function parseScenario(
  value: unknown,
  path = '$',
  sourceAt?: (path: string) => string | null,
): ParseResult<Scenario> {
  return attempt(() => scenario(value, path), sourceAt);
}

/**
 * Parses JSON text holding one scenario object or a non-empty array of them. Never throws. A
 * leading UTF-8 byte order mark is accepted, a syntax error names its line and column, and a
 * message quoting a number shows it as written.
 */
export function parseScenarioText(input: string): ParseResult<Scenario | Scenario[]> {
  const json = parseJsonText(input);
  if (!json.ok) return { ok: false, error: { path: '$', message: json.message } };
  const { value, text } = json;
  const sourceAt = (path: string) => sourceTextAt(text, path);
  if (!Array.isArray(value)) return parseScenario(value, '$', sourceAt);
  if (value.length === 0)
    return { ok: false, error: { path: '$', message: 'must be a scenario or a non-empty array of them' } };
  const out: Scenario[] = [];
  for (let i = 0; i < value.length; i++) {
    const r = parseScenario(value[i], `$[${i}]`, sourceAt);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

export { serializeScenario } from './scenarioFormat.ts';
export {
  hex,
  MAX_EXPLICIT_ACCESSES,
  MAX_GFN,
  MAX_MEMSLOTS,
  MAX_PATTERN_PAGES,
  MAX_PRESENT_PAGES,
  MAX_RANGES,
  MAX_SEED,
  SCENARIO_VERSION,
} from './formatCheck.ts';
export type { ParseError, ParseResult } from './formatCheck.ts';
