// Generated bad and extreme inputs for `npm run fuzz`: scenario text, trace text and share links.
// Deterministic: input k of a seed is the same on every run, so a failure can be replayed.
import { TOP_KEYS } from '../src/engine/scenario.ts';

/** mulberry32: small, fast, good enough to pick mutations. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!,
    chance: (p: number) => next() < p,
  };
}

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** Input k of a seed gets its own stream, independent of how many inputs came before. */
export const inputRng = (seed: number, k: number) =>
  rng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ (k * 0x27d4eb2f));

/** Text that JSON.stringify would never write: a number as typed, a bare token. */
class Raw {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes Raw values as they are (for 1e309, 9007199254740993, ...). */
function stringify(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(stringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${stringify(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const HOSTILE_TEXT = [
  '\u001b[31m',
  '\u001b]0;title\u0007',
  '\u009b2J',
  '\u202e',
  '\u2028',
  '\ud800',
  '\u0000',
  '"',
  '\\',
  '\n',
];

function longString(r: Rng, max: number): string {
  const n = Math.min(max, 10 ** r.int(1, 7));
  const unit = r.pick(['x', 'é', '日', '\u001b[2J', 'ab"c\\', '\ud83d\ude00']);
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/** A value a field should never hold: huge, hostile, or a number JSON.parse cannot keep exactly. */
function extremeValue(r: Rng, max: number): unknown {
  switch (r.int(0, 9)) {
    case 0:
      return longString(r, max);
    case 1:
      return new Raw(
        r.pick([
          '1e309',
          '-1e309',
          '9007199254740993',
          '-0',
          '1.5',
          '1E2',
          '0.1e1',
          '1e-400',
          '18446744073709551617',
          '4294967296',
          '1099511627776',
          '-1',
        ]),
      );
    case 2: {
      const depth = Math.min(max / 2, 10 ** r.int(1, 6));
      return new Raw('['.repeat(depth) + ']'.repeat(depth));
    }
    case 3:
      return Array.from({ length: Math.min(max / 2, 10 ** r.int(1, 6)) }, () => 1);
    case 4:
      return Object.fromEntries(
        Array.from({ length: r.int(1, 2000) }, (_, i) => [`k${i}${r.pick(HOSTILE_TEXT)}`, i]),
      );
    case 5:
      return r.pick([null, true, false, {}, [], '', 0]);
    case 6:
      return HOSTILE_TEXT.join('') + longString(r, 200);
    case 7:
      return new Raw(
        r.pick(['{"__proto__": {"x": 1}}', '{"constructor": {"prototype": 1}}', '{"a": 1, "a": 2}']),
      );
    case 8:
      return [r.int(-5, 5), new Raw('1e309'), longString(r, 100)];
    default:
      return r.int(0, 2 ** 31) * r.pick([1, 512, 2 ** 20]);
  }
}

/** A valid scenario, sometimes at a limit (big, but within what the CLI promises to run). */
function baseScenario(r: Rng, big: boolean): Record<string, unknown> {
  const slot = { baseGfn: 0, pages: 1 << 21 };
  switch (r.int(0, big ? 7 : 4)) {
    case 0:
      return { memslots: [{ baseGfn: 0, pages: 512 }], accesses: [8] };
    case 1:
      return {
        variant: r.pick(['buggy', 'fixed']),
        memslots: [slot],
        accesses: {
          pattern: r.pick(['sequential', 'reverse', 'random']),
          startGfn: 0,
          pages: 1 << r.int(4, 16),
        },
      };
    case 2:
      return {
        mmu: 'shadow',
        memslots: [slot],
        guest: { paging: true, pageTables: [{ gvaPage: 0, pages: 4096, gfn: 8192 }] },
        accesses: { pattern: 'sequential', startGfn: 0, pages: 4096 },
      };
    case 3:
      return {
        backing: '2m',
        memslots: [slot, { baseGfn: 1 << 22, pages: 512, readonly: true }],
        nonResident: [[9, 12]],
        present: [[0, 3]],
        accesses: [8, 9, 600, 4194305],
      };
    case 4:
      return {
        memslots: Array.from({ length: 512 }, (_, i) => ({ baseGfn: i * 1024, pages: 512 })),
        accesses: Array.from({ length: 512 }, (_, i) => i * 1024 + 8),
      };
    case 5:
      return {
        variant: 'buggy',
        memslots: [{ baseGfn: 0, pages: 1 << 24 }],
        accesses: { pattern: 'random', startGfn: 0, pages: 1 << 24, seed: r.int(0, 2 ** 32 - 1) },
      };
    case 6:
      return {
        memslots: [slot],
        nonResident: Array.from({ length: 100_000 }, (_, i) => [i * 16, i * 16 + 3]),
        accesses: Array.from({ length: 200_000 }, (_, i) => (i * 7919) % (1 << 21)),
      };
    default:
      return {
        memslots: [{ baseGfn: 2 ** 40 - 2 ** 20, pages: 2 ** 20 }],
        accesses: { pattern: 'stride', startGfn: 2 ** 40 - 2 ** 20, pages: 2 ** 20, stride: 3 },
      };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Raw);

/** Somewhere inside a scenario to put a bad value: top level, a memslot, the pattern, a key. */
function mutate(r: Rng, s: Record<string, unknown>, max: number): void {
  const v = extremeValue(r, max);
  switch (r.int(0, 5)) {
    case 0:
      s[r.pick(TOP_KEYS)] = v;
      break;
    case 1:
      if (Array.isArray(s.memslots) && isRecord(s.memslots[0]))
        s.memslots[0] = {
          ...s.memslots[0],
          [r.pick(['baseGfn', 'pages', 'readonly', 'dirtyLog', 'readOnly'])]: v,
        };
      else s.memslots = v;
      break;
    case 2:
      if (isRecord(s.accesses))
        s.accesses = { ...s.accesses, [r.pick(['pattern', 'startGfn', 'pages', 'stride', 'seed'])]: v };
      else s.accesses = [1, v];
      break;
    case 3:
      s[
        typeof v === 'string'
          ? v
          : r.pick([
              'varient',
              'acesses',
              'memslot',
              'x'.repeat(10 ** r.int(1, 6)),
              `a${r.pick(HOSTILE_TEXT)}`,
            ])
      ] = 1;
      break;
    case 4:
      delete s[r.pick(['memslots', 'accesses'])];
      break;
    default:
      s.present = [[r.int(0, 10), v]];
  }
}

/** Damage at the text level: cut short, a byte flipped, a BOM, trailing junk. */
function damageText(r: Rng, text: string): string {
  switch (r.int(0, 7)) {
    case 0:
      return text.slice(0, r.int(0, text.length));
    case 1: {
      const i = r.int(0, Math.max(0, text.length - 1));
      return text.slice(0, i) + String.fromCharCode(r.int(0, 0xffff)) + text.slice(i + 1);
    }
    case 2:
      return `\ufeff${text}`;
    case 3:
      return `${text} ${r.pick(['x', '}', ',', '// comment', '\u0000'])}`;
    case 4:
      return text.replace(/,/, ',,');
    default:
      return text;
  }
}

/**
 * Scenario text: a valid base (sometimes at a limit), one to three bad values, sometimes damaged
 * text, sometimes wrapped in an array. `max` bounds any one generated value (characters).
 */
export function scenarioText(r: Rng, opts: { max: number; big: boolean }): string {
  const s = baseScenario(r, opts.big);
  const mutations = r.chance(0.15) ? 0 : r.int(1, 3);
  for (let i = 0; i < mutations; i++) mutate(r, s, opts.max);
  let text = stringify(s);
  // An array of copies, while the whole stays within the bound.
  if (r.chance(0.1))
    text = `[${Array.from({ length: Math.max(1, Math.min(r.int(1, 50), Math.floor(opts.max / text.length))) }, () => text).join(',')}]`;
  if (r.chance(0.3)) text = damageText(r, text);
  return text;
}

const FAULT_V61 = (vcpu: number | string, addr: string, ec = '0x182') =>
  `  CPU ${vcpu}/KVM-4145 [000] .....    86.500022: kvm_page_fault: vcpu ${vcpu} rip 0xffffffff812a087e address ${addr} error_code ${ec}`;
const FAULT_V515 = (vcpu: number, addr: string) =>
  `       CPU ${vcpu}/KVM   4146 [001]    86.500019: kvm:kvm_page_fault: address ${addr} error_code 181`;
const SET_SPTE = (gfn: string) =>
  `  CPU 0/KVM-4145 [000] .....    86.500067: kvm_mmu_set_spte: gfn ${gfn} spte 104000937 (rwx) level 1 at ffff888100020000`;

/** Trace text: real-looking events mixed with malformed, overlong, huge-numbered and binary lines. */
export function traceText(r: Rng, opts: { maxBytes: number }): string {
  const lines: string[] = [];
  let bytes = 0;
  const target = Math.min(opts.maxBytes, 10 ** r.int(2, 7));
  const eol = r.pick(['\n', '\r\n', '\r', 'mixed']);
  while (bytes < target) {
    let line: string;
    switch (r.int(0, 12)) {
      case 0:
        line = 'x'.repeat(r.int(60_000, 140_000));
        break;
      case 1:
        line = FAULT_V61(r.int(0, 3), '0x10000008') + ' '.repeat(r.int(0, 80_000));
        break;
      case 2:
        line = FAULT_V61(
          r.pick<number | string>([0, 2 ** 32, 2 ** 53, '99999999999999999999']),
          `0x${r.int(0, 2 ** 30).toString(16)}`,
        );
        break;
      case 3:
        line = FAULT_V61(
          0,
          r.pick(['0xffffffffffffffffffff', '-1', '0x', 'zz', '1e309', '0x' + 'f'.repeat(40)]),
        );
        break;
      case 4:
        line = String.fromCharCode(...Array.from({ length: r.int(1, 200) }, () => r.int(0, 255)));
        break;
      case 5:
        line = SET_SPTE(r.pick(['4000', 'ffffffffffffffffff', '-3', 'x']));
        break;
      case 6:
        line = FAULT_V515(r.int(0, 2), r.int(0, 2 ** 40).toString(16));
        break;
      case 7:
        line = `kvm_page_fault: ${HOSTILE_TEXT.join('')}${'y'.repeat(r.int(0, 5000))}`;
        break;
      default:
        line = FAULT_V61(r.int(0, 1), `0x${(r.int(0, 2 ** 20) * 4096 + 8).toString(16)}`);
    }
    lines.push(line);
    bytes += line.length + 1;
  }
  const text =
    eol === 'mixed' ? lines.map((l) => l + r.pick(['\n', '\r\n', '\r'])).join('') : lines.join(eol) + eol;
  return r.chance(0.05) ? `\ufeff${text}` : text;
}

/** A share link: params with hostile values, payloads that are damaged, huge, or bombs. */
export function linkHref(r: Rng, payloadOf: (json: string, kind: 'z' | 'j' | 'bomb') => string): string {
  const params = new URLSearchParams();
  const bad = () =>
    r.chance(0.5) ? longString(r, r.pick([100, 10_000, 100_000])) : String(extremeValue(r, 1000));
  if (r.chance(0.7)) params.set('variant', r.chance(0.5) ? r.pick(['buggy', 'fixed', 'compare']) : bad());
  if (r.chance(0.7)) params.set('step', r.chance(0.5) ? String(r.int(0, 1e9)) : bad());
  if (r.chance(0.5))
    params.set('speed', r.chance(0.5) ? r.pick(['0.25', '0.5', '4', '0.1', '1e3', 'NaN']) : bad());
  if (r.chance(0.4)) params.set('preset', r.chance(0.5) ? r.pick(['seed', 'random', 'nope']) : bad());
  if (r.chance(0.8)) {
    const kind = r.pick(['z', 'z', 'j', 'bomb', 'junk'] as const);
    if (kind === 'junk')
      params.set('s', r.pick(['z', 'j', 'x', 'z!!!', 'zAAAA', 'j' + 'A'.repeat(r.int(1, 90_000))]));
    else params.set('s', payloadOf(scenarioText(r, { max: 200_000, big: false }), kind));
  }
  const hash = params.toString();
  return r.chance(0.3)
    ? `https://example.org/viz/?${hash}#${r.chance(0.5) ? hash : ''}`
    : `https://example.org/viz/#${hash}`;
}
