/**
 * What the trace parser produces. Counting rule, so every input line is accounted for exactly once:
 * lines = faults + permissionFaults + guestFaults + otherVcpuEvents + setSptes.length + skipped
 *         + errorCount + rejoinedLines.
 */

/**
 * How to read a fault's address and error code and an SPTE's accessed bit.
 * - 'ept' (Intel): the address is a GPA; the error code is the EPT-violation exit qualification,
 *   whose bits 0x8/0x10/0x20 say the entry existed; the accessed bit is bit 8 (0x100).
 * - 'npt' (AMD): the address is a GPA; the error code is the #NPF error code, whose bit 0 says the
 *   entry was present; the accessed bit is bit 5 (0x20).
 * - 'shadow' (EPT/NPT off): KVM intercepts the guest's #PF; the address is a guest *virtual*
 *   address and the error code a #PF code (bit 0: present); the accessed bit is bit 5.
 */
export type TraceHardware = 'ept' | 'npt' | 'shadow';

/** 'detected': evidence in the trace decided; 'option': the caller chose; 'default': no evidence. */
export type HardwareSource = 'detected' | 'option' | 'default';

export type TraceWarningCode =
  /** Nothing in the trace says which hardware it came from: the fallback reading was used. */
  | 'hardware-guessed'
  /** The trace holds evidence for more than one kind of hardware. */
  | 'hardware-mixed'
  /** The hardware was chosen by the caller and the trace's evidence says otherwise. */
  | 'hardware-overridden'
  /** Shadow paging: addresses are guest virtual; the replay works on GVA pages. */
  | 'shadow-paging'
  /** Text after a complete event payload (an annotation); the event was kept. */
  | 'trailing-text'
  /** An event other than kvm_page_fault / kvm_mmu_set_spte ended early and was not continued. */
  | 'incomplete-event'
  /** One thread named more than one vCPU: its events take the vCPU named last before them. */
  | 'vcpu-thread-changed';

export interface TraceWarning {
  code: TraceWarningCode;
  /** The first line it applies to (1-based), when it is about lines. */
  line?: number;
  /** How many lines or events it applies to, when more than one can. */
  count?: number;
  message: string;
}

export interface TraceLineError {
  /** 1-based line number in the input. */
  line: number;
  message: string;
}

/** One kvm_mmu_set_spte event: fired for faulting and prefetched entries alike. */
export interface SetSpteRecord {
  gfn: number;
  /**
   * Installed by prefetch: the accessed bit is clear and the entry is not the faulting GFN of the
   * fault before it on the same thread (with A/D bits off the faulting entry's bit is clear too).
   */
  prefetched: boolean;
  /** 1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB. */
  level: number;
}

export type KernelBehaviour = 'no-prefetch' | 'legacy-before-fix' | 'legacy-after-fix' | 'undetermined';

/** What the traced kernel did, read from its kvm_mmu_set_spte (and related) events. */
export interface KernelVerdict {
  behaviour: KernelBehaviour;
  /** One or two sentences: which events and how many faults decided it. */
  evidence: string;
  /** Faults whose events decided it (0 when undetermined). */
  faults: number;
  /** Faults with their own kvm_mmu_set_spte, so they could show what the kernel did. */
  faultsWithSetSpte: number;
  /** Faults that prefetched a run reaching the end of their window (only the fixed code does). */
  trailingPrefetches: number;
  /** Faults that left a not-present run at the end of their window alone. */
  trailingMissed: number;
  /** Faults that prefetched entries before the faulting one (both legacy versions do). */
  leadingPrefetches: number;
  tdpSpteChanged: number;
  spteRequested: number;
}

/** The evidence counted for the hardware decision. */
export interface HardwareEvidence {
  /** kvm_exit with reason npf (AMD NPT). */
  exitNpf: number;
  /** kvm_exit with reason EPT_VIOLATION or EPT_MISCONFIG (Intel EPT). */
  exitEpt: number;
  /** kvm_exit EXCEPTION_NMI carrying a #PF (intr info 0x8000030e under 0x800007ff), Intel shadow. */
  exitShadowIntel: number;
  /** kvm_exit with reason "PF excp" (AMD shadow paging). */
  exitShadowAmd: number;
  /** kvm_inj_exception #PF: a page fault handed to the guest. */
  injectedPf: number;
  /** Error codes with bits 32-34 set: v6.1+ AMD #NPF exit info. */
  codesNpt: number;
  /** Error codes with 0x80 or 0x100 (GVA valid, final translation) and nothing above bit 31: Intel EPT. */
  codesEpt: number;
  /** Error codes with neither. */
  codesPlain: number;
}

export interface ParsedTrace {
  lines: number;
  /** Not-present page faults kept for the replay (after the vCPU filter); equals gfns.length. */
  faults: number;
  /** Lines that are neither a kvm_page_fault nor a kvm_mmu_set_spte event, headers included. */
  skipped: number;
  /** Faults on an entry that existed (a permission fault): not part of the replay. */
  permissionFaults: number;
  /** Shadow paging: faults KVM handed back to the guest (kvm_inj_exception #PF): no SPTE involved. */
  guestFaults: number;
  /** Page-fault and set_spte events left out by the vCPU filter (unknown vCPU included). */
  otherVcpuEvents: number;
  /** Events whose vCPU could not be told (no vcpu in the payload, thread name or thread). */
  unknownVcpuEvents: number;
  /** kvm_page_fault events whose vCPU came from another event naming it on the same thread. */
  vcpuInferred: number;
  /** Continuation lines joined to the line before them (hard-wrapped text). */
  rejoinedLines: number;
  /** The first MAX_KEPT_ERRORS malformed event lines, by line number. */
  errors: TraceLineError[];
  errorCount: number;
  /** One entry per kind of warning, with its first line and count. */
  warnings: TraceWarning[];
  hardware: TraceHardware;
  hardwareSource: HardwareSource;
  /** One sentence: what decided the hardware. */
  hardwareEvidence: string;
  evidence: HardwareEvidence;
  /** What the traced kernel did; null when the trace has no kvm_mmu_set_spte or TDP MMU events. */
  kernel: KernelVerdict | null;
  /**
   * Pages of the kept faults, in trace order: GFNs (address >> 12) under EPT/NPT; under shadow
   * paging guest virtual page numbers (the low 48 bits of the address >> 12).
   */
  gfns: number[];
  /** vCPUs seen on page-fault events, ascending, before the vCPU filter. */
  vcpus: number[];
  setSptes: SetSpteRecord[];
  /** Highest page in gfns, or -1 when there is none. */
  maxGfn: number;
  /** Bytes (as reported by the caller of push) consumed. */
  bytes: number;
  cancelled: boolean;
}

export interface TraceParserOptions {
  /** Keep only events of this vCPU (payload, `CPU N/KVM` thread name, or inferred from the thread). */
  vcpu?: number;
  /** Read the trace as this hardware; when absent it is decided from the trace's own evidence. */
  hardware?: TraceHardware;
  /** Called after every chunk with the bytes consumed so far. */
  onProgress?: (bytes: number) => void;
  /** Checked before every chunk; once it returns true, the rest of the input is ignored. */
  isCancelled?: () => boolean;
}

export const MAX_KEPT_ERRORS = 20;
/** vCPU ids are u32 in the kernel; `--vcpu` refuses more, and so does the parser. */
export const MAX_VCPU = 2 ** 32 - 1;
