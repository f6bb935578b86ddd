import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario, parseScenarioText, serializeScenario } from '../scenario.ts';
import type { ParseResult } from '../scenario.ts';
import type { Scenario } from '../types.ts';
import { GuestTables, guestTableView } from './guestTables.ts';

const linear = { gvaPage: 0, pages: 512, gfn: 0x1000 };
const minimal = {
  mmu: 'shadow',
  memslots: [{ baseGfn: 0, pages: 0x2000 }],
  guest: { pageTables: [linear] },
  accesses: [8],
};

function errorOf<T>(r: ParseResult<T>): { path: string; message: string } {
  if (r.ok) throw new Error('expected a validation error');
  return r.error;
}

describe('guest page tables: later ranges override earlier ones', () => {
  it('resolves overlaps, merges linear continuations and leaves gaps not present', () => {
    const t = new GuestTables([
      { gvaPage: 0, pages: 16, gfn: 100 },
      { gvaPage: 4, pages: 1, gfn: 7 },
      { gvaPage: 20, pages: 4, gfn: 50, present: false },
      { gvaPage: 21, pages: 1, gfn: 9 },
      { gvaPage: 8, pages: 8, gfn: 108 }, // continues the first run: merges back
    ]);
    expect(t.pte(3)).toEqual({
      gfn: 103,
      present: true,
      accessed: true,
      reservedBits: false,
      writable: true,
      dirty: true,
    });
    expect(t.pte(4)?.gfn).toBe(7);
    expect(t.pte(5)?.gfn).toBe(105);
    expect(t.pte(16)).toBeNull();
    expect(t.pte(20)?.present).toBe(false);
    expect(t.pte(21)).toMatchObject({ gfn: 9, present: true });
    expect(t.pte(22)).toMatchObject({ gfn: 52, present: false });
    expect(t.segmentCount).toBe(6); // [0,4) [4] [5,16) [20] [21] [22,24)
  });

  it('a later range wins even when it starts before the earlier one', () => {
    const t = new GuestTables([
      { gvaPage: 10, pages: 2, gfn: 0 },
      { gvaPage: 0, pages: 20, gfn: 500, accessed: false },
    ]);
    expect(t.pte(10)).toMatchObject({ gfn: 510, accessed: false });
  });

  it('guestTableView draws one guest page table', () => {
    const v = guestTableView({ paging: true, pageTables: [{ gvaPage: 512, pages: 2, gfn: 3 }] }, 512);
    expect(Array.from(v.gfn.slice(0, 3))).toEqual([3, 4, Number.NaN]);
    // present | accessed | writable | dirty (1 + 2 + 8 + 16); no guest PTE is 0.
    expect(Array.from(v.flags.slice(0, 3))).toEqual([27, 27, 0]);
  });
});

describe('parseScenario: shadow paging', () => {
  it('fills the guest defaults and accepts accesses to GVA pages', () => {
    const r = parseScenario(minimal);
    expect(r.ok && r.value.guest).toEqual({
      paging: true,
      pageTables: [{ ...linear, accessed: true, present: true, reservedBits: false }],
    });
  });

  it.for<[string, Record<string, unknown>, string, string | RegExp]>([
    ['guest missing', { ...minimal, guest: undefined }, '$.guest', 'is required'],
    ['guest on the legacy MMU', { ...minimal, mmu: 'legacy' }, '$.guest', 'only allowed with mmu "shadow"'],
    [
      'a misspelt guest key',
      { ...minimal, guest: { pagin: true } },
      '$.guest.pagin',
      /did you mean "paging"/,
    ],
    ['pageTables missing', { ...minimal, guest: {} }, '$.guest.pageTables', 'is required'],
    [
      'guest PTEs with paging off',
      { ...minimal, guest: { paging: false, pageTables: [linear] } },
      '$.guest.pageTables',
      'only allowed when paging is true (with paging off, GVA = GPA)',
    ],
    [
      'a bad gfn',
      { ...minimal, guest: { pageTables: [linear, linear, { gvaPage: 1, pages: 1, gfn: -1 }] } },
      '$.guest.pageTables[2].gfn',
      'must be a non-negative integer',
    ],
    [
      'zero pages',
      { ...minimal, guest: { pageTables: [{ ...linear, pages: 0 }] } },
      '$.guest.pageTables[0].pages',
      'must be a positive integer',
    ],
    [
      'a flag that is not a boolean',
      { ...minimal, guest: { pageTables: [{ ...linear, accessed: 'no' }] } },
      '$.guest.pageTables[0].accessed',
      'must be true or false',
    ],
    [
      'a GVA page beyond 57 bits',
      { ...minimal, guest: { pageTables: [{ ...linear, gvaPage: 2 ** 45 }] } },
      '$.guest.pageTables[0].gvaPage',
      'must be below 0x200000000000 (57-bit guest virtual addresses)',
    ],
    [
      'an access with no guest PTE',
      { ...minimal, accesses: [8, 0x200] },
      '$.accesses[1]',
      'GVA page 0x200 has no present guest PTE: the guest would take its own #PF',
    ],
    [
      'an access to a not-present guest PTE (a later single entry)',
      { ...minimal, guest: { pageTables: [linear, { gvaPage: 8, pages: 1, gfn: 0, present: false }] } },
      '$.accesses[0]',
      'GVA page 0x8 has no present guest PTE: the guest would take its own #PF',
    ],
    [
      'an access to a guest PTE with reserved bits',
      { ...minimal, guest: { pageTables: [{ ...linear, reservedBits: true }] } },
      '$.accesses[0]',
      'GVA page 0x8 has reserved bits set in its guest PTE: the guest would take its own #PF',
    ],
    [
      'an access whose guest PTE maps a GFN outside every memslot',
      {
        ...minimal,
        memslots: [{ baseGfn: 0, pages: 0x1004 }],
        accesses: { pattern: 'sequential', startGfn: 0, pages: 16 },
      },
      '$.accesses',
      'GVA page 0x4 maps GFN 0x1004, which is outside every memslot',
    ],
    [
      'a present range without a guest PTE',
      { ...minimal, present: [[510, 513]] },
      '$.present[0]',
      'GVA page 0x200 has no present guest PTE: the guest would take its own #PF',
    ],
    [
      'paging off: accesses are GFNs',
      { ...minimal, guest: { paging: false }, accesses: [0x2000] },
      '$.accesses[0]',
      'GFN 0x2000 is outside every memslot',
    ],
  ])('rejects %s', ([, input, path, message]) => {
    const e = errorOf(parseScenario(input));
    expect(e.path).toBe(path);
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
  });

  it('accepts accesses to a guest PTE whose Accessed bit is clear, and a later entry making one present', () => {
    const pageTables = [
      { ...linear, accessed: false },
      { gvaPage: 0x200, pages: 1, gfn: 0x10 },
    ];
    expect(parseScenario({ ...minimal, guest: { pageTables }, accesses: [8, 0x200] }).ok).toBe(true);
  });

  it('accepts GVA pages far above every GFN', () => {
    const pageTables = [{ gvaPage: 2 ** 44, pages: 8, gfn: 0 }];
    expect(parseScenario({ ...minimal, guest: { pageTables }, accesses: [2 ** 44 + 3] }).ok).toBe(true);
  });

  it('serializes and parses back to an equal scenario', () => {
    const pageTables = [linear, { gvaPage: 9, pages: 1, gfn: 3, accessed: false, reservedBits: true }];
    for (const guest of [{ pageTables }, { paging: false }]) {
      const r = parseScenario({ ...minimal, guest });
      if (!r.ok) throw new Error(r.error.message);
      const again = parseScenarioText(serializeScenario(r.value));
      expect(again).toEqual({ ok: true, value: r.value });
    }
  });
});

describe('public/scenarios/shadow-*.json', () => {
  const dir = fileURLToPath(new URL('../../../public/scenarios/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.startsWith('shadow-'));

  it('exist', () => expect(files.length).toBeGreaterThanOrEqual(4));

  it.for(files)('%s is valid and canonical', (f) => {
    const text = readFileSync(dir + f, 'utf8');
    const r = parseScenarioText(text);
    if (!r.ok) throw new Error(`${r.error.path}: ${r.error.message}`);
    expect(serializeScenario(r.value as Scenario)).toBe(text);
  });
});
