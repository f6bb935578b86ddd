import { runScenario } from '../run.ts';
import type { Memslot, Scenario } from '../types.ts';
import {
  entryPayload,
  exitPayload,
  faultPayload,
  frameEvent,
  setSptePayload,
  spteRequestedPayload,
  tdpSpteChangedPayload,
} from './traceFormat.ts';
import type { EventFrame, FaultPayloadFormat, TraceTool } from './traceFormat.ts';
import type { TraceHardware } from './types.ts';

// Synthetic traces written from the model: what a kernel of each kind would record for an access
// stream (its faults, and the kvm_mmu_set_spte of each fault's own entry and of every entry it
// prefetched). Used by the samples, the benchmark and the fingerprint tests; never a capture.

export type ModelKernel = 'buggy' | 'fixed' | 'tdp';
export type AccessKind = 'read' | 'write' | 'fetch' | 'permission';

/** Not-present (and one permission) fault error codes per hardware and payload format. */
export function errorCode(hardware: TraceHardware, format: FaultPayloadFormat, kind: AccessKind): number {
  if (hardware === 'ept') {
    // Exit qualification: access R/W/X, GVA valid and final translation (0x180); 0x8 = was readable.
    return { read: 0x181, write: 0x182, fetch: 0x184, permission: 0x18a }[kind];
  }
  // #NPF / #PF codes: present 0x1, write 0x2, user 0x4, fetch 0x10; NPT accesses count as user.
  const low = { read: 0x4, write: 0x6, fetch: 0x14, permission: 0x7 }[kind];
  // v6.1+ prints the whole 64-bit #NPF exit info: bit 32 = fault on the final GPA.
  return hardware === 'npt' && format === 'v6.1' ? 0x100000000 + low : low;
}

/** A leaf SPTE for gfn: EPT (RWX, write-back, accessed = bit 8) or x86 format (P, W, U, accessed = bit 5). */
export function spteValue(hardware: TraceHardware, gfn: number, accessed: boolean): number {
  const host = (gfn + 0x100000) * 4096;
  if (hardware === 'ept') return host + 0x837 + (accessed ? 0x100 : 0);
  return host + 0x807 + (accessed ? 0x60 : 0);
}

export interface ModelTraceSpec {
  tool: TraceTool;
  format: FaultPayloadFormat;
  hardware: 'ept' | 'npt';
  kernel: ModelKernel;
  accesses: number[];
  memslots: Memslot[];
  vcpu?: number;
  /** The vCPU thread's name; default QEMU's `CPU N/KVM`. */
  comm?: string;
  tid?: number;
  /** kvm_exit before and kvm_entry after each fault. */
  exits?: boolean;
  /** kvm_mmu_spte_requested before each fault's set_spte (legacy and TDP MMU both emit it). */
  requested?: boolean;
  /** Under the TDP MMU, a kvm_tdp_mmu_spte_changed per installed entry. */
  tdpEvents?: boolean;
  /** A/D bits off: faulting entries without the accessed bit, and no prefetch. */
  adOff?: boolean;
  /** Flags column of trace-cmd / ftrace lines. */
  flags?: string;
  /** Of the first event, for modelTrace. */
  startSeconds?: number;
}

/** One event to print: its thread and what it says; timestamps are given when printing. */
export interface TraceEvent {
  frame: Omit<EventFrame, 'seconds'>;
  system: string;
  event: string;
  payload: string;
}

/** Prints events in order, 3 µs apart from startSeconds. */
export function printEvents(tool: TraceTool, events: readonly TraceEvent[], startSeconds = 100): string[] {
  let seconds = startSeconds;
  return events.map((e) => {
    seconds += 0.000003;
    return frameEvent(tool, { ...e.frame, seconds }, e.system, e.event, e.payload);
  });
}

/** The events of each fault the model takes for the access stream, one group per fault. */
export function modelTraceGroups(spec: ModelTraceSpec): TraceEvent[][] {
  const vcpu = spec.vcpu ?? 0;
  const scenario: Scenario = {
    mmu: spec.kernel === 'tdp' ? 'tdp' : 'legacy',
    variant: spec.kernel === 'buggy' ? 'buggy' : 'fixed',
    backing: '4k',
    adBits: spec.adOff !== true,
    memslots: spec.memslots,
    nonResident: [],
    present: [],
    accesses: spec.accesses,
  };
  const faults = runScenario(scenario, { detail: true }).faults ?? [];
  const frame = {
    comm: spec.comm ?? `CPU ${vcpu}/KVM`,
    tid: spec.tid ?? 4145 + vcpu,
    cpu: vcpu % 4,
    flags: spec.flags,
  };
  const hw = spec.hardware;
  return faults.map((f, i) => {
    const group: TraceEvent[] = [];
    const add = (system: string, event: string, payload: string) =>
      group.push({ frame, system, event, payload });
    const setSpte = (gfn: number, accessed: boolean) => {
      const sptepHex = `ffff8881${((gfn % 0x100000) * 8).toString(16).padStart(8, '0')}`;
      const flags = hw === 'ept' ? 'rwx' : 'rwxu';
      add(
        'kvmmmu',
        'kvm_mmu_set_spte',
        setSptePayload({ gfn, spte: spteValue(hw, gfn, accessed), flags, level: 1, sptepHex }),
      );
    };
    const ripHex = `ffffffff81${(0x200000 + ((i * 7919) % 0xfffff)).toString(16)}`;
    const code = errorCode(hw, spec.format, i % 3 === 0 ? 'read' : 'write');
    const gpa = f.gfn * 4096 + ((i * 8) % 4096);
    if (spec.exits) {
      const npf = hw === 'npt';
      const exit = {
        vcpu,
        reason: npf ? 'npf' : 'EPT_VIOLATION',
        ripHex,
        info1: BigInt(code),
        info2: npf ? BigInt(gpa) : 0n,
        intrInfo: 0,
        errorCode: 0,
      };
      add('kvm', 'kvm_exit', exitPayload(spec.format, exit));
    }
    add('kvm', 'kvm_page_fault', faultPayload(spec.format, { vcpu, ripHex, gpa, errorCode: code }));
    if (spec.requested)
      add('kvmmmu', 'kvm_mmu_spte_requested', spteRequestedPayload(f.gfn, f.gfn + 0x100000, 1));
    setSpte(f.gfn, spec.adOff !== true);
    if (spec.kernel === 'tdp' && spec.tdpEvents) {
      add(
        'kvmmmu',
        'kvm_tdp_mmu_spte_changed',
        tdpSpteChangedPayload(f.gfn, 1, 0x5a0, spteValue(hw, f.gfn, true)),
      );
    }
    for (const c of f.calls) for (let g = c.start; g < c.start + c.installed; g++) setSpte(g, false);
    if (spec.exits) add('kvm', 'kvm_entry', entryPayload(spec.format, vcpu, ripHex));
    return group;
  });
}

/** The trace's lines (without a header), one vCPU. */
export function modelTrace(spec: ModelTraceSpec): string[] {
  return printEvents(spec.tool, modelTraceGroups(spec).flat(), spec.startSeconds);
}
