/**
 * What the trace parser produces. Counting rule, so every input line is accounted for exactly once:
 * lines = faults + permissionFaults + otherVcpuEvents + setSptes.length + skipped + errorCount.
 */

/**
 * How to read a fault's error code and an SPTE's accessed bit. 'ept' (Intel): the error code is the
 * EPT-violation exit qualification, and bits 0x8/0x10/0x20 say the entry existed; the accessed bit
 * is bit 8. 'npt' (AMD): the error code is the #NPF error code, bit 0 says the entry was present;
 * the accessed bit is bit 5.
 */
export type TraceHardware = 'ept' | 'npt';

export interface TraceLineError {
  /** 1-based line number in the input. */
  line: number;
  message: string;
}

/** One kvm_mmu_set_spte event: fired for faulting and prefetched entries alike. */
export interface SetSpteRecord {
  gfn: number;
  /** Accessed bit clear: installed by prefetch, not by the fault itself. */
  prefetched: boolean;
  /** 1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB. */
  level: number;
}

export interface ParsedTrace {
  lines: number;
  /** Not-present page faults kept for the replay (after the vCPU filter); equals gfns.length. */
  faults: number;
  /** Lines that are neither a kvm_page_fault nor a kvm_mmu_set_spte event, headers included. */
  skipped: number;
  /** Faults on an entry that existed (a permission fault): not part of the replay. */
  permissionFaults: number;
  /** Page-fault and set_spte events left out by the vCPU filter (unknown vCPU included). */
  otherVcpuEvents: number;
  /** Events whose vCPU could not be told: old payload without a `CPU N/KVM` thread name. */
  unknownVcpuEvents: number;
  /** The first MAX_KEPT_ERRORS malformed event lines. */
  errors: TraceLineError[];
  errorCount: number;
  /** GFNs of the kept faults, in trace order. */
  gfns: number[];
  /** vCPUs seen on page-fault events, ascending, before the vCPU filter. */
  vcpus: number[];
  setSptes: SetSpteRecord[];
  /** Highest GFN in gfns, or -1 when there is none. */
  maxGfn: number;
  /** Bytes (as reported by the caller of push) consumed. */
  bytes: number;
  cancelled: boolean;
}

export interface TraceParserOptions {
  /** Keep only events of this vCPU (see vcpuOfLine in eventLine.ts for how it is found). */
  vcpu?: number;
  hardware?: TraceHardware;
  /** Called after every chunk with the bytes consumed so far. */
  onProgress?: (bytes: number) => void;
  /** Checked before every chunk; once it returns true, the rest of the input is ignored. */
  isCancelled?: () => boolean;
}

export const MAX_KEPT_ERRORS = 20;
