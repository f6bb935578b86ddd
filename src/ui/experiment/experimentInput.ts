import { kernelFromText } from '../../engine/kernelVersion.ts';
import { parseScenario } from '../../engine/scenario.ts';
import { GIB_PAGES, HIGH_MEMORY_START_GFN, PCI_HOLE_START_GFN } from '../../engine/trace/memslotGuess.ts';
import type { Backing, Memslot, PatternKind, Scenario } from '../../engine/types.ts';
import { DEFAULT_KERNELS } from '../../worker/experimentProtocol.ts';
import type { ExperimentKernels } from '../../worker/experimentProtocol.ts';

export type SlotLayout = 'one-slot' | 'x86-pci-hole';
export type ExperimentMmu = 'legacy' | 'tdp';

/** The experiment form as typed (strings, so a half-typed number is never lost). */
export interface ExperimentInput {
  vmGiB: string;
  layout: SlotLayout;
  touchedGiB: string;
  startGiB: string;
  pattern: PatternKind;
  stride: string;
  seed: string;
  backing: Backing;
  mmu: ExperimentMmu;
  /** The kernel of the first run (orange), as typed: "5.15", "4.18", "v6.1". */
  kernelA: string;
  /** The kernel of the second run (green). */
  kernelB: string;
}

export type InputField = keyof ExperimentInput;

/** The seed's experiment: touch every 4 KiB page of 6 GiB in an 8 GiB VM. */
export const SEED_INPUT: ExperimentInput = {
  vmGiB: '8',
  layout: 'one-slot',
  touchedGiB: '6',
  startGiB: '0',
  pattern: 'sequential',
  stride: '2',
  seed: '1',
  backing: '4k',
  mmu: 'legacy',
  kernelA: DEFAULT_KERNELS.buggy,
  kernelB: DEFAULT_KERNELS.fixed,
};

/**
 * VM sizes one click away; each also sets the touched range to the seed's proportion (6 GiB of 8,
 * from 0), so "64 GiB" runs the seed's experiment at 64 GiB rather than 6 GiB in a bigger VM.
 */
export const VM_PRESETS: ReadonlyArray<{ label: string; gib: string; touchedGiB: string }> = [
  { label: '8 GiB', gib: '8', touchedGiB: '6' },
  { label: '64 GiB', gib: '64', touchedGiB: '48' },
  { label: '1 TiB', gib: '1024', touchedGiB: '768' },
];

/** 1 TiB: the size the issue asks for; the per-table overview is sized for it. */
export const MAX_VM_GIB = 1024;

export interface BuiltExperiment {
  scenario: Scenario;
  /** Page tables from GFN 0 to the end of the highest memslot (the overview's span). */
  tableCount: number;
  memslots: Memslot[];
  /** A custom workload (a trace replay): its accesses, in order (scenario.accesses is then empty). */
  gfns?: Float64Array;
  /** What the custom workload is, e.g. the trace's name. */
  label?: string;
  /** The kernels of the two runs; absent: the seed's pair, 5.15 and 5.16. */
  kernels?: ExperimentKernels;
}

/** Runs above this many accesses skip the separate engine timing unless asked (see experimentSession). */
export const MEASURE_ENGINE_MAX_ACCESSES = 64 * GIB_PAGES;

/** How many accesses the experiment makes (without materialising a pattern). */
export function experimentAccessCount(b: BuiltExperiment): number {
  if (b.gfns) return b.gfns.length;
  const a = b.scenario.accesses;
  if (Array.isArray(a)) return a.length;
  return a.pattern === 'stride' ? Math.ceil(a.pages / (a.stride ?? 1)) : a.pages;
}

export type BuildResult =
  { ok: true; value: BuiltExperiment } | { ok: false; field: InputField; message: string };

function gib(
  text: string,
  field: InputField,
  what: string,
  min: number,
): number | { field: InputField; message: string } {
  const t = text.trim();
  if (t === '') return { field, message: `${what}: enter a size in GiB` };
  const v = Number(t);
  if (!Number.isFinite(v)) return { field, message: `${what}: "${t}" is not a number` };
  if (min === 1 ? v <= 0 : v < 0)
    return { field, message: `${what}: must be ${min === 0 ? 'at least 0' : 'more than 0'} GiB` };
  const pages = v * GIB_PAGES;
  if (!Number.isInteger(pages)) return { field, message: `${what}: must be a whole number of 4 KiB pages` };
  return pages;
}

function int(
  text: string,
  field: InputField,
  what: string,
  min: number,
  max: number,
): number | { field: InputField; message: string } {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(v) || v < min || v > max)
    return { field, message: `${what}: a whole number from ${min} to ${max}` };
  return v;
}

/** The memslots of a VM of `pages` pages in the chosen layout. */
export function layoutSlots(pages: number, layout: SlotLayout): Memslot[] {
  if (layout === 'one-slot' || pages <= PCI_HOLE_START_GFN) return [{ baseGfn: 0, pages }];
  return [
    { baseGfn: 0, pages: PCI_HOLE_START_GFN },
    { baseGfn: HIGH_MEMORY_START_GFN, pages: pages - PCI_HOLE_START_GFN },
  ];
}

const GIB_TEXT = (gfn: number): string => `${+(gfn / GIB_PAGES).toFixed(3)} GiB`;

/** Builds and validates the experiment's scenario; the first problem names its field. */
export function buildExperiment(input: ExperimentInput): BuildResult {
  const vm = gib(input.vmGiB, 'vmGiB', 'VM size', 1);
  if (typeof vm !== 'number') return { ok: false, ...vm };
  if (vm > MAX_VM_GIB * GIB_PAGES)
    return { ok: false, field: 'vmGiB', message: `VM size: at most ${MAX_VM_GIB} GiB (1 TiB)` };
  const touched = gib(input.touchedGiB, 'touchedGiB', 'Touched size', 1);
  if (typeof touched !== 'number') return { ok: false, ...touched };
  const start = gib(input.startGiB, 'startGiB', 'Touched from', 0);
  if (typeof start !== 'number') return { ok: false, ...start };
  const memslots = layoutSlots(vm, input.layout);
  const end = memslots.at(-1)!.baseGfn + memslots.at(-1)!.pages;
  if (start + touched > end)
    return {
      ok: false,
      field: 'touchedGiB',
      message: `Touched range ${GIB_TEXT(start)}–${GIB_TEXT(start + touched)} ends past guest RAM (which ends at ${GIB_TEXT(end)})`,
    };
  if (
    input.layout === 'x86-pci-hole' &&
    memslots.length === 2 &&
    start < HIGH_MEMORY_START_GFN &&
    start + touched > PCI_HOLE_START_GFN
  )
    return {
      ok: false,
      field: 'touchedGiB',
      message: `Touched range ${GIB_TEXT(start)}–${GIB_TEXT(start + touched)} crosses the PCI hole (3–4 GiB, no RAM): end it by 3 GiB or start at 4 GiB`,
    };
  const accesses: Scenario['accesses'] = { pattern: input.pattern, startGfn: start, pages: touched };
  if (input.pattern === 'stride') {
    const stride = int(input.stride, 'stride', 'Stride', 1, 1 << 20);
    if (typeof stride !== 'number') return { ok: false, ...stride };
    accesses.stride = stride;
  }
  if (input.pattern === 'random') {
    const seed = int(input.seed, 'seed', 'Seed', 0, 2 ** 32 - 1);
    if (typeof seed !== 'number') return { ok: false, ...seed };
    accesses.seed = seed;
  }
  const kernels: Partial<ExperimentKernels> = {};
  for (const [field, run, what] of [
    ['kernelA', 'buggy', 'First kernel'],
    ['kernelB', 'fixed', 'Second kernel'],
  ] as const) {
    const k = kernelFromText(input[field]);
    if (!k.ok) return { ok: false, field, message: `${what}: ${k.message}` };
    kernels[run] = k.kernel.label;
  }
  const parsed = parseScenario({
    name: 'experiment',
    mmu: input.mmu,
    variant: 'fixed',
    backing: input.backing,
    adBits: true,
    memslots,
    accesses,
  });
  if (!parsed.ok)
    return { ok: false, field: 'touchedGiB', message: `${parsed.error.path}: ${parsed.error.message}` };
  return {
    ok: true,
    value: {
      scenario: parsed.value,
      tableCount: Math.ceil(end / 512),
      memslots,
      kernels: kernels as ExperimentKernels,
    },
  };
}

/** Whether the input is the seed's experiment (the table then shows the seed's own figures). */
export function isSeedExperiment(b: BuiltExperiment): boolean {
  const s = b.scenario;
  const a = s.accesses;
  const k = b.kernels ?? DEFAULT_KERNELS;
  return (
    k.buggy === DEFAULT_KERNELS.buggy &&
    k.fixed === DEFAULT_KERNELS.fixed &&
    !Array.isArray(a) &&
    s.mmu === 'legacy' &&
    s.backing === '4k' &&
    a.pattern === 'sequential' &&
    a.startGfn === 0 &&
    a.pages === 6 * GIB_PAGES &&
    b.memslots.length === 1 &&
    b.memslots[0]!.pages === 8 * GIB_PAGES
  );
}
