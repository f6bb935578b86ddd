import { parseScenario } from '../../engine/scenario.ts';
import { GIB_PAGES, MEMSLOT_PRESETS, memslotPreset } from '../../engine/trace/memslotGuess.ts';
import type { MemslotPresetId } from '../../engine/trace/memslotGuess.ts';
import type { TraceHardware } from '../../engine/trace/types.ts';
import type { Memslot } from '../../engine/types.ts';

/** Memslots for the replay: a preset built from the trace's highest GFN, or the user's JSON. */
export type MemslotChoice = { kind: 'preset'; id: MemslotPresetId } | { kind: 'custom'; text: string };

export const DEFAULT_MEMSLOTS: MemslotChoice = { kind: 'preset', id: 'x86-pci-hole' };

/** The memslots a trace is replayed with until the user chooses: guest virtual pages have no PCI hole. */
export function defaultMemslots(hardware: TraceHardware): MemslotChoice {
  return hardware === 'shadow' ? { kind: 'preset', id: 'flat' } : DEFAULT_MEMSLOTS;
}

/** The select's value for "all vCPUs". */
export const ALL_VCPUS = 'all';

export type MemslotResult = { ok: true; memslots: Memslot[] } | { ok: false; message: string };

/**
 * Resolves a memslot choice. Custom text is a JSON array of {baseGfn, pages, readonly?, dirtyLog?}
 * or an object with a `memslots` array (a scenario file); errors name the JSON path in the text
 * as the user wrote it (`$[0].pages` for an array, `$.memslots[0].pages` for an object).
 */
export function resolveMemslots(choice: MemslotChoice, maxGfn: number): MemslotResult {
  if (choice.kind === 'preset') {
    const preset = memslotPreset(choice.id) ?? MEMSLOT_PRESETS[0]!;
    return { ok: true, memslots: preset.build(maxGfn) };
  }
  let value: unknown;
  try {
    // A byte order mark (pasted from a file saved on Windows) is not JSON, but is no mistake either.
    value = JSON.parse(choice.text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { ok: false, message: `$: not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const isArray = Array.isArray(value);
  if (!isArray) {
    if (typeof value !== 'object' || value === null || !('memslots' in value)) {
      return { ok: false, message: '$: must be an array of memslots, or an object with a "memslots" array' };
    }
    value = (value as { memslots: unknown }).memslots;
  }
  const checked = parseScenario({ memslots: value, accesses: [] });
  if (checked.ok) return { ok: true, memslots: checked.value.memslots };
  const path = isArray ? checked.error.path.replace(/^\$\.memslots/, '$') : checked.error.path;
  return { ok: false, message: `${path}: ${checked.error.message}` };
}

/** "all" → null (every vCPU), "3" → 3. */
export function vcpuFromValue(value: string): number | null {
  if (value === ALL_VCPUS || !/^\d+$/.test(value)) return null;
  return Number(value);
}

export function vcpuValue(vcpu: number | null): string {
  return vcpu === null ? ALL_VCPUS : String(vcpu);
}

/** A GFN as a size: 0xc0000 → "3 GiB", 0x8000 → "128 MiB", 0x10 → "64 KiB". */
export function gfnSize(gfn: number): string {
  if (gfn === 0) return '0';
  if (gfn % GIB_PAGES === 0) return `${gfn / GIB_PAGES} GiB`;
  if (gfn % 256 === 0) return `${gfn / 256} MiB`;
  return `${gfn * 4} KiB`;
}

/** "[0, 3 GiB) · [4 GiB, 6 GiB)": the slots as guest-physical ranges. */
export function memslotsText(memslots: readonly Memslot[]): string {
  return memslots
    .map((s) => {
      const flags = [s.readonly ? 'read-only' : '', s.dirtyLog ? 'dirty logging' : ''].filter(Boolean);
      const range = `[${gfnSize(s.baseGfn)}, ${gfnSize(s.baseGfn + s.pages)})`;
      return flags.length > 0 ? `${range} ${flags.join(', ')}` : range;
    })
    .join(' · ');
}
