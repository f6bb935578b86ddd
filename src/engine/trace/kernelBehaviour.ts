import type { KernelVerdict, TraceHardware } from './types.ts';

// Which kernel recorded a trace, from what its faults installed. A fault's kvm_mmu_set_spte for
// its own GFN is followed, on the same thread, by one per prefetched neighbour (accessed bit
// clear). In the 8-entry window of a fault (facts page, "The window walk"):
// - a prefetched entry *before* the faulting one was a run closed by it: both legacy versions do
//   that, so prefetch is on;
// - a prefetched last entry (index 7) with the fault before it can only be a trailing run, open at
//   the end of the loop: only the fixed code (c6cecc4b9324) prefetches those. Conclusive, whatever
//   the trace does not show (entries present before it started);
// - faults that leave a not-present last entry alone, while other faults do prefetch, are the code
//   before the fix;
// - no prefetch at all where a run before the fault was open: TDP MMU, A/D bits off, hugepages or
//   dirty logging. kvm_tdp_mmu_spte_changed events exist only under the TDP MMU.
// "Not present" is what the trace shows: entries installed earlier in the trace are present.

/** Faults needed before an absence (of trailing or of any prefetch) is taken as a verdict. */
export const MIN_FAULTS = 8;

export interface SpteColumns {
  length: number;
  gfn: ArrayLike<number>;
  /** 1 when the accessed bit (per hardware) is set. */
  accessed: ArrayLike<number>;
  level: ArrayLike<number>;
  /** Index of the fault before it on the same thread, or -1. */
  faultRef: ArrayLike<number>;
  /** How many faults had been read when it was. */
  seenAfter: ArrayLike<number>;
}

export interface FaultColumns {
  length: number;
  page: ArrayLike<number>;
  /** 1 for a permission fault. */
  permission: ArrayLike<number>;
}

export interface BehaviourInput {
  faults: FaultColumns;
  sptes: SpteColumns;
  hardware: TraceHardware;
  tdpSpteChanged: number;
  spteRequested: number;
}

/**
 * Whether a set_spte (gfn, level) installed the fault's own entry: its GFN, or for a 2 MiB / 1 GiB
 * leaf (whose trace names the aligned first GFN) the region holding it.
 */
export function isFaultEntry(gfn: number, level: number, page: number): boolean {
  return level === 1 ? gfn === page : page >= gfn && page < gfn + 512 ** (level - 1);
}

/** Prefetched = accessed bit clear and not the entry of its fault (whose bit is clear too with A/D off). */
export function prefetchedFlags(input: BehaviourInput): Uint8Array {
  const { faults, sptes } = input;
  const out = new Uint8Array(sptes.length);
  for (let i = 0; i < sptes.length; i++) {
    const ref = sptes.faultRef[i]!;
    const own =
      ref >= 0 &&
      input.hardware !== 'shadow' &&
      isFaultEntry(sptes.gfn[i]!, sptes.level[i]!, faults.page[ref]!);
    out[i] = sptes.accessed[i] === 0 && !own ? 1 : 0;
  }
  return out;
}

/** Which entries are known present, per 8-entry window, with 2 MiB and 1 GiB leaves beside. */
class PresentMap {
  private readonly windows = new Map<number, number>();
  private readonly huge = new Set<number>();
  mark(gfn: number, level: number): void {
    if (level === 1) {
      const w = Math.floor(gfn / 8);
      this.windows.set(w, (this.windows.get(w) ?? 0) | (1 << (gfn % 8)));
    } else {
      this.huge.add(level * 2 ** 40 + Math.floor(gfn / 512 ** (level - 1)));
    }
  }
  mask(window: number): number {
    const gfn = window * 8;
    if (
      this.huge.has(2 * 2 ** 40 + Math.floor(gfn / 512)) ||
      this.huge.has(3 * 2 ** 40 + Math.floor(gfn / 262144))
    )
      return 0xff;
    return this.windows.get(window) ?? 0;
  }
}

/** The kernel's behaviour; null when the trace has neither kvm_mmu_set_spte nor TDP MMU events. */
export function kernelBehaviour(input: BehaviourInput, prefetched: Uint8Array): KernelVerdict | null {
  const { faults, sptes, tdpSpteChanged, spteRequested } = input;
  if (sptes.length === 0 && tdpSpteChanged === 0) return null;
  const base = {
    faults: 0,
    faultsWithSetSpte: 0,
    trailingPrefetches: 0,
    trailingMissed: 0,
    leadingPrefetches: 0,
    tdpSpteChanged,
    spteRequested,
  };
  if (input.hardware === 'shadow') {
    return {
      ...base,
      behaviour: 'undetermined',
      evidence:
        'Shadow paging: the faults name guest virtual addresses and kvm_mmu_set_spte names GFNs, so the window walk cannot be read from this trace.',
    };
  }

  // Each fault's own set_spte events, in trace order (CSR layout).
  const start = new Int32Array(faults.length + 1);
  for (let i = 0; i < sptes.length; i++) {
    const r = sptes.faultRef[i]!;
    if (r >= 0) start[r + 1]!++;
  }
  for (let i = 0; i < faults.length; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, faults.length);
  const own = new Int32Array(start[faults.length]!);
  for (let i = 0; i < sptes.length; i++) {
    const r = sptes.faultRef[i]!;
    if (r >= 0) own[fill[r]!++] = i;
  }

  const present = new PresentMap();
  let applied = 0;
  let withSpte = 0;
  let huge = 0;
  let adOff = 0;
  let anyPrefetch = 0;
  let leadingOpen = 0;
  let leadingHits = 0;
  let trailingOpen = 0;
  let trailingHits = 0;
  for (let f = 0; f < faults.length; f++) {
    while (applied < sptes.length && sptes.seenAfter[applied]! <= f) {
      present.mark(sptes.gfn[applied]!, sptes.level[applied]!);
      applied++;
    }
    if (faults.permission[f] === 1) continue;
    const page = faults.page[f]!;
    const window = Math.floor(page / 8);
    const index = page % 8;
    let faulting = -1;
    let bits = 0;
    for (let k = start[f]!; k < start[f + 1]!; k++) {
      const s = own[k]!;
      const gfn = sptes.gfn[s]!;
      if (isFaultEntry(gfn, sptes.level[s]!, page)) faulting = s;
      else if (prefetched[s] === 1 && sptes.level[s] === 1 && Math.floor(gfn / 8) === window)
        bits |= 1 << (gfn % 8);
    }
    if (faulting < 0) continue;
    withSpte++;
    if (sptes.level[faulting]! > 1) {
      huge++;
      continue;
    }
    if (sptes.accessed[faulting] === 0) adOff++;
    const mask = present.mask(window);
    const before = (1 << index) - 1;
    if (bits !== 0) anyPrefetch++;
    if (index > 0 && (mask & before) !== before) leadingOpen++;
    if ((bits & before) !== 0) leadingHits++;
    if (index < 7 && (mask & 0x80) === 0) {
      trailingOpen++;
      if ((bits & 0x80) !== 0) trailingHits++;
    }
  }

  const counts = {
    ...base,
    faultsWithSetSpte: withSpte,
    trailingPrefetches: trailingHits,
    trailingMissed: trailingOpen - trailingHits,
    leadingPrefetches: leadingHits,
  };
  const n = (v: number) => v.toLocaleString('en-US');
  const of = `${n(withSpte)} faults with their own kvm_mmu_set_spte`;
  const verdict = (behaviour: KernelVerdict['behaviour'], faultsDeciding: number, evidence: string) => ({
    ...counts,
    behaviour,
    faults: faultsDeciding,
    evidence,
  });

  if (tdpSpteChanged > 0) {
    const also = anyPrefetch === 0 ? `; none of the ${of} installed a neighbour` : '';
    return verdict(
      'no-prefetch',
      withSpte,
      `${n(tdpSpteChanged)} kvm_tdp_mmu_spte_changed events: the TDP MMU ran, and it never prefetches${also}.`,
    );
  }
  if (withSpte === 0) {
    return verdict(
      'undetermined',
      0,
      'No kvm_mmu_set_spte follows a kvm_page_fault for its GFN on the same thread, so what each fault installed cannot be told.',
    );
  }
  if (trailingHits > 0) {
    return verdict(
      'legacy-after-fix',
      trailingHits,
      `${n(trailingHits)} of the ${of} prefetched the last entry of their window, a trailing run only the code after c6cecc4b9324 prefetches.`,
    );
  }
  if (leadingHits > 0 && trailingOpen >= MIN_FAULTS) {
    return verdict(
      'legacy-before-fix',
      trailingOpen,
      `Prefetch is on (${n(leadingHits)} faults prefetched entries before the faulting one), but none of the ${n(trailingOpen)} faults whose window ended in a not-present run prefetched it: the legacy MMU before c6cecc4b9324.`,
    );
  }
  if (anyPrefetch === 0 && huge * 2 >= withSpte) {
    return verdict(
      'no-prefetch',
      huge,
      `${n(huge)} of the ${of} installed a hugepage, after which nothing is prefetched.`,
    );
  }
  if (anyPrefetch === 0 && adOff >= MIN_FAULTS) {
    return verdict(
      'no-prefetch',
      adOff,
      `${n(adOff)} of the ${of} installed their own entry with the accessed bit clear: A/D bits are off, so nothing is prefetched.`,
    );
  }
  if (anyPrefetch === 0 && leadingOpen >= MIN_FAULTS) {
    return verdict(
      'no-prefetch',
      leadingOpen,
      `None of the ${n(leadingOpen)} faults with not-present entries before them in their window prefetched any: the TDP MMU (kvm_tdp_mmu_spte_changed not recorded), A/D bits off, hugepages or dirty logging.`,
    );
  }
  if (anyPrefetch === 0) {
    return verdict(
      'undetermined',
      0,
      `No fault prefetched anything, but only ${n(leadingOpen)} of the ${of} had not-present entries before them in their window (ascending access?): the legacy MMU before the fix and a kernel without prefetch look the same then.`,
    );
  }
  return verdict(
    'undetermined',
    0,
    `Prefetch is on (${n(anyPrefetch)} faults prefetched), but only ${n(trailingOpen)} faults had a not-present run at the end of their window, too few to tell the code before c6cecc4b9324 from the code after it.`,
  );
}
