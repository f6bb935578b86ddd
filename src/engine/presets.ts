import type { Memslot, Scenario } from './types.ts';

/** A ready-made scenario from the facts page's worked examples or a short workload. */
export interface Preset {
  id: string;
  /** Short label for the picker. */
  label: string;
  /** One line: what to look for. */
  look: string;
  scenario: Scenario;
}

const TABLE: Memslot = { baseGfn: 0, pages: 512 };

/** One table's worth of memory, legacy MMU, 4 KiB backing, A/D bits on: the facts page's baseline. */
function scenario(name: string, over: Partial<Scenario>): Scenario {
  return {
    version: 1,
    name,
    mmu: 'legacy',
    variant: 'fixed',
    backing: '4k',
    adBits: true,
    memslots: [TABLE],
    nonResident: [],
    present: [],
    accesses: [8],
    ...over,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

export const DEFAULT_PRESET_ID = 'seed-run';

export const PRESETS: readonly Preset[] = [
  {
    id: 'seed-run',
    label: 'Seed case, then an ascending run (8…31)',
    look: 'Fault on 8 with nothing present, then 9…31: the old code faults on every entry, the fixed code once per window of 8.',
    scenario: scenario('Seed case, then an ascending run', { accesses: range(8, 31) }),
  },
  {
    id: 'seed',
    label: 'Seed case: fault on 8',
    look: 'The faulting entry opens the window, so 9–15 form a trailing run: the old code drops it, the fix prefetches it in one batch [9, 16).',
    scenario: scenario('Seed case: fault on 8, nothing present', { accesses: [8] }),
  },
  {
    id: 'mid-window',
    label: 'Fault in mid-window (12)',
    look: 'Both prefetch 8–11 when the faulting entry closes that run; only the fix also prefetches the trailing 13–15.',
    scenario: scenario('Fault on 12, nothing present', { accesses: [12] }),
  },
  {
    id: 'window-end',
    label: 'Fault at the end of a window (15)',
    look: 'No trailing run is left when the fault is the last entry: both variants prefetch 8–14, identically.',
    scenario: scenario('Fault on 15, nothing present', { accesses: [15] }),
  },
  {
    id: 'split',
    label: 'A present entry splits the window (11 present, fault 8)',
    look: 'Present 11 closes the run 9–10, which both variants prefetch; only the fix prefetches the trailing 12–15.',
    scenario: scenario('Entry 11 present, fault on 8', { present: [[11, 11]], accesses: [8] }),
  },
  {
    id: 'failed-batch',
    label: 'A failed batch: break vs return (8 not resident, fault 12)',
    look: 'Batch [8, 12) fails on the non-resident 8 and ends the walk in both variants (break or return): 13–15 are never tried.',
    scenario: scenario('GFN 8 not resident, fault on 12', { nonResident: [[8, 8]], accesses: [12] }),
  },
  {
    id: 'partial',
    label: 'Partial residency (11 not resident, fault 8)',
    look: 'The fix’s batch [9, 16) installs only the resident prefix 9–10 and still counts as a success; the old code tries nothing.',
    scenario: scenario('GFN 11 not resident, fault on 8', { nonResident: [[11, 11]], accesses: [8] }),
  },
  {
    id: 'slot-end',
    label: 'A batch crossing a memslot end (slot 0…12, fault 8)',
    look: 'The fix’s batch [9, 16) runs past the slot’s last GFN 12 and fails as a whole: 9–12 stay empty even though they are in the slot.',
    scenario: scenario('Memslot GFN 0…12, fault on 8', {
      memslots: [{ baseGfn: 0, pages: 13 }],
      accesses: [8],
    }),
  },
  {
    id: 'dirty-log',
    label: 'Dirty logging on the slot',
    look: 'A dirty-logged slot never prefetches (direct pages ask for write access): the fix’s trailing batch fails.',
    scenario: scenario('Dirty-logged slot, fault on 8', {
      memslots: [{ ...TABLE, dirtyLog: true }],
      accesses: [8],
    }),
  },
  {
    id: 'readonly',
    label: 'Read-only slot',
    look: 'The write-mode address lookup fails for a read-only slot: the fix’s trailing batch fails.',
    scenario: scenario('Read-only slot, fault on 8', {
      memslots: [{ ...TABLE, readonly: true }],
      accesses: [8],
    }),
  },
  {
    id: 'huge',
    label: '2 MiB backing',
    look: 'The fault installs one 2 MiB mapping for the whole table; direct_pte_prefetch returns before any window walk.',
    scenario: scenario('2 MiB backing, fault on 8', { backing: '2m', accesses: [8] }),
  },
  {
    id: 'ad-off',
    label: 'A/D bits off (EPT without A/D)',
    look: 'Without an accessed bit KVM cannot tell a prefetched entry from a used one: no prefetch in either variant.',
    scenario: scenario('A/D bits disabled, fault on 8', { adBits: false, accesses: [8] }),
  },
  {
    id: 'invalidation',
    label: 'MMU-notifier invalidation in progress (v5.12+)',
    look: 'The faults on 12 and 9 happen while an invalidation of other memory is in progress: from v5.12 they skip prefetch, so 9 faults instead of hitting; the fault on 20 prefetches as usual.',
    scenario: scenario('Invalidation during the first two accesses', {
      accesses: [12, 9, 20, 17],
      invalidations: [[0, 1]],
    }),
  },
  {
    id: 'tdp',
    label: 'TDP MMU',
    look: 'The TDP MMU installs the faulting entry and has no prefetch at all: the patch changes nothing here.',
    scenario: scenario('TDP MMU, fault on 8', { mmu: 'tdp', accesses: [8] }),
  },
  {
    id: 'sequential',
    label: 'Workload: sequential (64 pages)',
    look: 'Ascending touches: the old code faults 64 times and prefetches nothing; the fix faults once per window (8 times).',
    scenario: scenario('Sequential workload, 64 pages', {
      accesses: { pattern: 'sequential', startGfn: 0, pages: 64 },
    }),
  },
  {
    id: 'reverse',
    label: 'Workload: reverse (64 pages)',
    look: 'Descending touches fault on each window’s last entry, which leaves no trailing run: both variants fault 8 times.',
    scenario: scenario('Reverse workload, 64 pages', {
      accesses: { pattern: 'reverse', startGfn: 0, pages: 64 },
    }),
  },
  {
    id: 'stride',
    label: 'Workload: stride 4 (32 accesses)',
    look: 'Every 4th page: the old code faults on all 32 touches (its prefetches fill the gaps nobody touches); the fix faults once per 8-entry window, 16 times.',
    scenario: scenario('Stride-4 workload, 128 pages', {
      accesses: { pattern: 'stride', startGfn: 0, pages: 128, stride: 4 },
    }),
  },
  {
    id: 'random',
    label: 'Workload: random (64 pages)',
    look: 'A random order over 64 pages: both variants prefetch, the fix more often; compare pf_fixed and the prefetch hits.',
    scenario: scenario('Random workload, 64 pages', {
      accesses: { pattern: 'random', startGfn: 0, pages: 64, seed: 7 },
    }),
  },
  {
    id: 'shadow-scattered',
    label: 'Shadow paging: scattered GFNs (fault 8, then 9…15)',
    look: 'The guest page table maps GVA pages 8–15 to scattered GFNs: FNAME(pte_prefetch) fills entries 9–15 one by one, each from its own guest PTE; no batch could cover them.',
    scenario: scenario('Shadow paging: a guest page table scattering GVA pages 8-15', {
      mmu: 'shadow',
      memslots: [{ baseGfn: 0, pages: 4096 }],
      guest: {
        paging: true,
        pageTables: [
          { gvaPage: 0, pages: 512, gfn: 1024 },
          ...[515, 7, 1297, 18, 768, 68, 154, 496].map((gfn, k) => ({ gvaPage: 8 + k, pages: 1, gfn })),
        ],
      },
      accesses: range(8, 15),
    }),
  },
  {
    id: 'shadow-not-accessed',
    label: 'Shadow paging: a not-accessed guest PTE stops the walk',
    look: 'GVA page 12’s guest PTE has its Accessed bit clear: the walk from the fault on 8 prefetches 9–11, fails on 12 and stops; 12 faults later.',
    scenario: scenario('Shadow paging: guest PTE 12 not accessed', {
      mmu: 'shadow',
      memslots: [{ baseGfn: 0, pages: 8192 }],
      guest: {
        paging: true,
        pageTables: [
          { gvaPage: 0, pages: 512, gfn: 4096 },
          { gvaPage: 12, pages: 1, gfn: 4108, accessed: false },
        ],
      },
      accesses: range(8, 15),
    }),
  },
  {
    id: 'shadow-nested-no-ad',
    label: 'Nested EPT without A/D bits: access-tracked prefetch',
    look: 'L1’s EPT has no A/D bits, so from v4.13 the 7 entries prefetched by the fault on 8 are access-tracked: touching 9 exits and faults again (and so would 10–15). Before v4.13 it was a hit.',
    scenario: scenario('Nested EPT without A/D bits: fault on GVA 8, then 9', {
      mmu: 'shadow',
      adBits: false,
      memslots: [{ baseGfn: 0, pages: 64 }],
      guest: { paging: true, pageTables: [{ gvaPage: 8, pages: 8, gfn: 16 }] },
      accesses: [8, 9],
    }),
  },
  {
    id: 'shadow-dirty-log',
    label: 'Shadow paging, dirty logging: clean and read-only guest PTEs prefetch',
    look: 'The slot is dirty-logged. Guest PTEs 9–11 are writable and dirty: their SPTE would be writable, so entry 9 fails and the walk stops. Turn their W or D bit off in the editor and they prefetch (read-only SPTEs).',
    scenario: scenario('Shadow paging, dirty-logged slot: writable+dirty, clean and read-only guest PTEs', {
      mmu: 'shadow',
      memslots: [{ baseGfn: 0, pages: 512, dirtyLog: true }],
      guest: {
        paging: true,
        pageTables: [
          { gvaPage: 0, pages: 512, gfn: 0, dirty: false },
          { gvaPage: 9, pages: 3, gfn: 9 },
          { gvaPage: 24, pages: 8, gfn: 24, writable: false },
        ],
      },
      accesses: [8, 16, 24],
    }),
  },
  {
    id: 'shadow-old-skip',
    label: 'Shadow paging, v3.7 against v3.8: a bad guest PTE skipped, then the end of the walk',
    look: 'Left, kernel 3.7: the not-accessed guest PTE 12 is skipped and 13–15 are still prefetched. Right, v3.8: FNAME(prefetch_gpte) makes it the end of the walk.',
    scenario: {
      ...scenario('Shadow paging, kernels 3.7 and 3.8: guest PTE 12 not accessed', {
        mmu: 'shadow',
        variant: 'buggy',
        memslots: [{ baseGfn: 0, pages: 8192 }],
        guest: {
          paging: true,
          pageTables: [
            { gvaPage: 0, pages: 512, gfn: 4096 },
            { gvaPage: 12, pages: 1, gfn: 4108, accessed: false },
          ],
        },
        accesses: range(8, 15),
      }),
      kernel: '3.8',
      compareKernel: '3.7',
    },
  },
  {
    id: 'shadow-paging-off',
    label: 'Shadow paging, guest paging off: the direct walk',
    look: 'With guest paging off the shadow page is direct: FNAME(pte_prefetch) falls back to __direct_pte_prefetch, so the old code drops the trailing run here too.',
    scenario: scenario('Shadow paging, guest paging off: sequential 64 pages', {
      mmu: 'shadow',
      guest: { paging: false, pageTables: [] },
      accesses: { pattern: 'sequential', startGfn: 0, pages: 64 },
    }),
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export const DEFAULT_SCENARIO: Scenario = presetById(DEFAULT_PRESET_ID)!.scenario;
