import { MAX_GFN } from '../scenario.ts';
import type { Memslot } from '../types.ts';

// A trace says which GPAs faulted, not how the VM's memory is laid out. The guess follows the
// usual x86 layout: RAM from 0 up to the 32-bit PCI hole, the rest of RAM from 4 GiB up. Faults in
// the PCI hole (or anywhere outside the slots) are MMIO and are left out of the replay.
// Not modelled: the legacy 640 KiB–1 MiB VGA/ROM area, which real VMMs split into more slots, and
// 64-bit PCI BARs far above RAM, which inflate the guessed high slot (pass memslots explicitly).

/** 1 GiB in 4 KiB pages. */
export const GIB_PAGES = 0x40000;
/** 3 GiB: where the i440fx-style PCI hole starts. */
export const PCI_HOLE_START_GFN = 0xc0000;
/** 2 GiB: where QEMU's q35 machine starts its PCI hole when the VM has 2.75 GiB of RAM or more. */
export const Q35_PCI_HOLE_START_GFN = 0x80000;
/** 4 GiB: where RAM above the PCI hole starts. */
export const HIGH_MEMORY_START_GFN = 0x100000;

export type MemslotPresetId = 'x86-pci-hole' | 'q35-pci-hole' | 'flat';

export interface MemslotPreset {
  id: MemslotPresetId;
  label: string;
  description: string;
  /** The slots for a trace whose highest faulting GFN is maxGfn (-1: no faults). */
  build(maxGfn: number): Memslot[];
}

/** End of a slot covering maxGfn, rounded up to a whole GiB, at least 1 GiB, at most MAX_GFN. */
function roundedEnd(maxGfn: number): number {
  const end = Math.max(GIB_PAGES, Math.ceil((maxGfn + 1) / GIB_PAGES) * GIB_PAGES);
  return Math.min(end, MAX_GFN);
}

function withPciHole(maxGfn: number, holeStart: number): Memslot[] {
  if (maxGfn < holeStart) return [{ baseGfn: 0, pages: roundedEnd(maxGfn) }];
  const low: Memslot = { baseGfn: 0, pages: holeStart };
  if (maxGfn < HIGH_MEMORY_START_GFN) return [low];
  return [low, { baseGfn: HIGH_MEMORY_START_GFN, pages: roundedEnd(maxGfn) - HIGH_MEMORY_START_GFN }];
}

export const MEMSLOT_PRESETS: readonly MemslotPreset[] = [
  {
    id: 'x86-pci-hole',
    label: 'x86 with PCI hole',
    description: 'RAM below 3 GiB, the PCI hole 3–4 GiB, more RAM from 4 GiB up to the highest fault',
    build: (maxGfn) => withPciHole(maxGfn, PCI_HOLE_START_GFN),
  },
  {
    id: 'q35-pci-hole',
    label: 'QEMU q35 (PCI hole from 2 GiB)',
    description: 'RAM below 2 GiB, the PCI hole 2–4 GiB, more RAM from 4 GiB up to the highest fault',
    build: (maxGfn) => withPciHole(maxGfn, Q35_PCI_HOLE_START_GFN),
  },
  {
    id: 'flat',
    label: 'One flat slot',
    description: 'One slot from GFN 0 up to the highest fault: nothing counts as MMIO',
    build: (maxGfn) => [{ baseGfn: 0, pages: roundedEnd(maxGfn) }],
  },
];

export function memslotPreset(id: string): MemslotPreset | undefined {
  return MEMSLOT_PRESETS.find((p) => p.id === id);
}

/**
 * The default memslots for a trace: the x86 layout with the PCI hole at 3–4 GiB. Below 3 GiB one
 * slot from 0 rounded up to a whole GiB; otherwise [0, 3 GiB) plus, when a fault lies above 4 GiB,
 * a slot from 4 GiB up to the highest fault rounded up to a whole GiB.
 */
export function guessMemslots(maxGfn: number): Memslot[] {
  return withPciHole(maxGfn, PCI_HOLE_START_GFN);
}
