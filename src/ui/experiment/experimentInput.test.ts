import { describe, expect, it } from 'vitest';
import { buildExperiment, isSeedExperiment, layoutSlots, SEED_INPUT } from './experimentInput.ts';

describe('buildExperiment', () => {
  it('the seed: 6 GiB sequential in one 8 GiB slot', () => {
    const r = buildExperiment(SEED_INPUT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.scenario.memslots).toEqual([
      { baseGfn: 0, pages: 2_097_152, readonly: false, dirtyLog: false },
    ]);
    expect(r.value.scenario.accesses).toEqual({ pattern: 'sequential', startGfn: 0, pages: 1_572_864 });
    expect(r.value.tableCount).toBe(4096);
    expect(isSeedExperiment(r.value)).toBe(true);
  });

  it('x86 layout: RAM below 3 GiB, the rest from 4 GiB', () => {
    expect(layoutSlots(8 * 262144, 'x86-pci-hole')).toEqual([
      { baseGfn: 0, pages: 786432 },
      { baseGfn: 1048576, pages: 5 * 262144 },
    ]);
    expect(layoutSlots(2 * 262144, 'x86-pci-hole')).toEqual([{ baseGfn: 0, pages: 524288 }]);
  });

  it('names the field and the problem', () => {
    const bad = (over: Partial<typeof SEED_INPUT>) => {
      const r = buildExperiment({ ...SEED_INPUT, ...over });
      return r.ok ? null : [r.field, r.message];
    };
    expect(bad({ vmGiB: 'x' })).toEqual(['vmGiB', 'VM size: "x" is not a number']);
    expect(bad({ vmGiB: '2048' })?.[1]).toMatch(/at most 1024 GiB/);
    expect(bad({ touchedGiB: '9' })?.[1]).toMatch(/ends past guest RAM/);
    expect(bad({ layout: 'x86-pci-hole' })?.[1]).toMatch(/crosses the PCI hole/);
    expect(bad({ layout: 'x86-pci-hole', startGiB: '4', touchedGiB: '5' })).toBeNull();
    expect(bad({ layout: 'x86-pci-hole', startGiB: '4' })?.[1]).toMatch(/ends at 9 GiB/);
    expect(bad({ pattern: 'stride', stride: '0' })?.[0]).toBe('stride');
    expect(bad({ pattern: 'random', seed: '-1' })?.[0]).toBe('seed');
    expect(bad({ touchedGiB: '0.0000001' })?.[1]).toMatch(/whole number of 4 KiB pages/);
  });
});
