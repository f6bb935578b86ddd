import {
  decimalValue,
  ENDS_EARLY,
  hexValue,
  NO_MATCH,
  INCOMPLETE,
  matchLiteral,
  scanDecimal,
  scanHex,
  skipBlanks,
} from './scan.ts';
import type { PayloadStatus } from './scan.ts';
import { MAX_VCPU } from './types.ts';

// Payloads of the events read for evidence (kvm_exit, kvm_entry, kvm_inj_exception, ...). Unlike
// kvm_page_fault and kvm_mmu_set_spte they are never errors: an unknown shape is taken as it is.
// They do report INCOMPLETE, so a hard-wrapped kvm_exit is joined before its intr info is read.

/** What a kvm_exit says about the hardware. */
export type ExitKind =
  | 'npf'
  | 'ept'
  /** EXCEPTION_NMI carrying a #PF: KVM intercepts guest page faults (Intel shadow paging). */
  | 'shadow-intel'
  /** "PF excp": the same on AMD. */
  | 'shadow-amd'
  /** EXCEPTION_NMI whose interrupt info is not (yet) known. */
  | 'exception'
  | 'other';

export interface ExitFields {
  vcpu: number;
  kind: ExitKind;
}

/** Interruption info of a #PF delivered as a hardware exception: valid, type 3, vector 14. */
const PF_INTR_INFO = 0x8000030e;
const PF_INTR_INFO_MASK = 0x800007ff;
const MAX_VCPU_DIGITS = 10;

/** "vcpu N" at pos: the vCPU and the end of its digits, or ENDS_EARLY / -1 (none). */
function vcpuAt(line: string, pos: number, end: number, out: { vcpu: number }): number {
  const at = matchLiteral(line, pos, end, 'vcpu ');
  if (at < 0) return at;
  const digitsEnd = scanDecimal(line, at, end);
  if (digitsEnd === at) return at === end ? ENDS_EARLY : -1;
  if (digitsEnd - at > MAX_VCPU_DIGITS) return -1;
  const vcpu = decimalValue(line, at, digitsEnd);
  if (vcpu > MAX_VCPU) return -1;
  out.vcpu = vcpu;
  return digitsEnd;
}

function isReason(line: string, from: number, to: number, name: string): boolean {
  return (
    to - from >= name.length &&
    line.startsWith(name, from) &&
    (to - from === name.length || line.charCodeAt(from + name.length) === 32)
  );
}

function reasonKind(line: string, from: number, to: number): ExitKind {
  if (isReason(line, from, to, 'npf')) return 'npf';
  if (isReason(line, from, to, 'EPT_VIOLATION') || isReason(line, from, to, 'EPT_MISCONFIG')) return 'ept';
  if (isReason(line, from, to, 'EXCEPTION_NMI')) return 'exception';
  if (line.slice(from, Math.min(to, from + 7)).toLowerCase() === 'pf excp') return 'shadow-amd';
  return 'other';
}

/** The value hexField read; module scratch, so reading kvm_exit allocates nothing. */
let fieldValue = 0;

/** One hex field `literal HEX` at pos: its end (value in fieldValue), ENDS_EARLY or NO_MATCH. */
function hexField(line: string, pos: number, end: number, literal: string): number {
  const at = matchLiteral(line, pos, end, literal);
  if (at < 0) return at;
  const e = scanHex(line, at, end);
  if (e === at) return at === end ? ENDS_EARLY : NO_MATCH;
  fieldValue = hexValue(line, Math.max(at, e - 13), e);
  return e;
}

/**
 * kvm_exit: `vcpu %u reason %s rip 0x%lx info1 0x%llx info2 0x%llx intr_info 0x%x error_code 0x%x`
 * (v5.1x and later) or `reason %s rip 0x%lx info %llx %llx` (older, info2 = interruption info).
 */
export function parseExitPayload(line: string, start: number, end: number, out: ExitFields): PayloadStatus {
  out.vcpu = -1;
  out.kind = 'other';
  let pos = skipBlanks(line, start, end);
  if (pos === end) return INCOMPLETE;
  const v = vcpuAt(line, pos, end, out);
  if (v === ENDS_EARLY) return INCOMPLETE;
  if (v >= 0) pos = skipBlanks(line, v, end);
  const r = matchLiteral(line, pos, end, 'reason ');
  if (r === ENDS_EARLY) return INCOMPLETE;
  if (r < 0) return null;
  let rip = line.indexOf(' rip 0x', r);
  if (rip < 0 || rip >= end) {
    out.kind = reasonKind(line, r, end);
    return INCOMPLETE;
  }
  out.kind = reasonKind(line, r, rip);
  rip = scanHex(line, rip + 7, end);
  if (rip === end) return INCOMPLETE;
  let intr = -1;
  let at = hexField(line, rip, end, ' info1 0x');
  if (at >= 0) {
    at = hexField(line, at, end, ' info2 0x');
    if (at >= 0) at = hexField(line, at, end, ' intr_info 0x');
    if (at >= 0) {
      intr = fieldValue;
      at = hexField(line, at, end, ' error_code 0x');
    }
  } else if (at === NO_MATCH) {
    at = hexField(line, rip, end, ' info ');
    if (at >= 0) at = hexField(line, at, end, ' ');
    if (at >= 0) intr = fieldValue;
  }
  if (at === ENDS_EARLY) return INCOMPLETE;
  if (out.kind === 'exception' && intr >= 0 && (intr & PF_INTR_INFO_MASK) >>> 0 === PF_INTR_INFO) {
    out.kind = 'shadow-intel';
  }
  return null;
}

/** kvm_entry: `vcpu %u` (old) or `vcpu %u, rip 0x%lx`. */
export function parseEntryPayload(
  line: string,
  start: number,
  end: number,
  out: { vcpu: number },
): PayloadStatus {
  out.vcpu = -1;
  const pos = skipBlanks(line, start, end);
  if (pos === end) return INCOMPLETE;
  const v = vcpuAt(line, pos, end, out);
  if (v === ENDS_EARLY) return INCOMPLETE;
  if (v < 0 || v === end) return null;
  const rip = matchLiteral(line, v, end, ', rip 0x');
  if (rip === ENDS_EARLY || rip === end) return INCOMPLETE;
  return null;
}

/** Any other event whose payload starts with `vcpu N`: the vCPU, or -1. */
export function payloadVcpu(line: string, start: number, end: number): number {
  const out = { vcpu: -1 };
  return vcpuAt(line, skipBlanks(line, start, end), end, out) >= 0 ? out.vcpu : -1;
}

/** kvm_inj_exception: `#PF (0x…)`; true for a #PF. */
export function parseInjectedPf(
  line: string,
  start: number,
  end: number,
  out: { pf: boolean },
): PayloadStatus {
  const pos = skipBlanks(line, start, end);
  if (pos === end) return INCOMPLETE;
  out.pf = line.startsWith('#PF', pos);
  return null;
}

/** kvm_mmu_spte_requested: `gfn %llx pfn %llx level %d`. */
export function parseSpteRequested(
  line: string,
  start: number,
  end: number,
  out: { gfn: number; level: number },
): PayloadStatus {
  const pos = skipBlanks(line, start, end);
  if (pos === end) return INCOMPLETE;
  let at = hexField(line, pos, end, 'gfn ');
  const gfn = fieldValue;
  if (at >= 0) at = hexField(line, at, end, ' pfn ');
  if (at === ENDS_EARLY) return INCOMPLETE;
  if (at < 0) return null;
  const level = matchLiteral(line, at, end, ' level ');
  if (level === ENDS_EARLY || level === end) return INCOMPLETE;
  if (level < 0) return null;
  out.gfn = gfn;
  out.level = decimalValue(line, level, scanDecimal(line, level, Math.min(end, level + 1)));
  return null;
}

/** kvm_tdp_mmu_spte_changed: `as id %d gfn %llx level %d old_spte %llx new_spte %llx`. */
export function parseTdpSpteChanged(line: string, start: number, end: number): PayloadStatus {
  const pos = skipBlanks(line, start, end);
  if (pos === end) return INCOMPLETE;
  const at = line.indexOf(' new_spte ', pos);
  if (at < 0 || at >= end) return matchLiteral(line, pos, end, 'as id ') === -1 ? null : INCOMPLETE;
  return scanHex(line, at + 10, end) === at + 10 ? INCOMPLETE : null;
}
