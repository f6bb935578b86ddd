import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario.ts';
import { GIB_PAGES, guessMemslots, MEMSLOT_PRESETS, memslotPreset } from './memslotGuess.ts';

const GIB = GIB_PAGES;

describe('guessMemslots', () => {
  it('below 3 GiB: one slot from 0, rounded up to a whole GiB', () => {
    expect(guessMemslots(-1)).toEqual([{ baseGfn: 0, pages: GIB }]);
    expect(guessMemslots(0)).toEqual([{ baseGfn: 0, pages: GIB }]);
    expect(guessMemslots(GIB - 1)).toEqual([{ baseGfn: 0, pages: GIB }]);
    expect(guessMemslots(GIB)).toEqual([{ baseGfn: 0, pages: 2 * GIB }]);
    expect(guessMemslots(3 * GIB - 1)).toEqual([{ baseGfn: 0, pages: 3 * GIB }]);
  });

  it('in the PCI hole (3-4 GiB): RAM stops at 3 GiB, the fault is MMIO', () => {
    expect(guessMemslots(3 * GIB)).toEqual([{ baseGfn: 0, pages: 0xc0000 }]);
    expect(guessMemslots(0xfebd0)).toEqual([{ baseGfn: 0, pages: 0xc0000 }]);
  });

  it('above 4 GiB: low RAM plus a slot from 4 GiB up to the highest fault, rounded up', () => {
    expect(guessMemslots(0x100000)).toEqual([
      { baseGfn: 0, pages: 0xc0000 },
      { baseGfn: 0x100000, pages: GIB },
    ]);
    // The LKML example's GPA 0x113600002 lies in the first GiB above 4 GiB.
    expect(guessMemslots(0x113600)).toEqual([
      { baseGfn: 0, pages: 0xc0000 },
      { baseGfn: 0x100000, pages: GIB },
    ]);
    expect(guessMemslots(0x180000)).toEqual([
      { baseGfn: 0, pages: 0xc0000 },
      { baseGfn: 0x100000, pages: 3 * GIB },
    ]);
  });

  it('never goes past 52-bit addresses, and every preset yields slots the scenario format accepts', () => {
    const top = 2 ** 40 - 1;
    const high = guessMemslots(top)[1]!;
    expect(high.baseGfn + high.pages).toBe(2 ** 40);
    for (const preset of MEMSLOT_PRESETS) {
      for (const maxGfn of [-1, 0, 0x9ffff, 0xbffff, 0xfebd0, 0x113600, top]) {
        const memslots = preset.build(maxGfn);
        expect(parseScenario({ memslots, accesses: [] }).ok, `${preset.id} ${maxGfn}`).toBe(true);
        if (maxGfn >= 0 && (maxGfn < 0x80000 || maxGfn >= 0x100000)) {
          expect(memslots.some((s) => s.baseGfn <= maxGfn && maxGfn < s.baseGfn + s.pages)).toBe(true);
        }
      }
    }
  });
});

describe('memslot presets', () => {
  it('the default preset is the guess; flat covers everything; q35 has its hole from 2 GiB', () => {
    expect(memslotPreset('x86-pci-hole')!.build(0x113600)).toEqual(guessMemslots(0x113600));
    expect(memslotPreset('flat')!.build(0x113600)).toEqual([{ baseGfn: 0, pages: 5 * GIB }]);
    expect(memslotPreset('q35-pci-hole')!.build(0x113600)).toEqual([
      { baseGfn: 0, pages: 0x80000 },
      { baseGfn: 0x100000, pages: GIB },
    ]);
    expect(memslotPreset('nope')).toBeUndefined();
  });
});
