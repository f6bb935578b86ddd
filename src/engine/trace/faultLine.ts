import {
  column,
  decimalValue,
  ENDS_EARLY,
  hexScan,
  hexValue,
  INCOMPLETE,
  isBlank,
  matchLiteral,
  scanDecimal,
  scanHex,
  scanHexValue,
  skipBlanks,
} from './scan.ts';
import type { PayloadStatus } from './scan.ts';
import { MAX_VCPU } from './types.ts';
import type { TraceHardware } from './types.ts';

/** Fields of one kvm_page_fault event; reused between lines so parsing allocates nothing. */
export interface FaultFields {
  /** From the v6.1+ payload; -1 for the old payload, which has no vCPU. */
  vcpu: number;
  /** address >> 12, exact up to 2^52: a GFN under EPT/NPT, a GVA page under shadow paging. */
  page: number;
  /** The low 32 bits of error_code: every bit the classification reads is among them. */
  errorCode: number;
  /** Bits 32-34 of error_code (v6.1+ AMD #NPF exit info), as 0..7. */
  errorHigh: number;
  /** Where text after the complete payload starts, or -1. */
  trailing: number;
}

export function emptyFaultFields(): FaultFields {
  return { vcpu: -1, page: 0, errorCode: 0, errorHigh: 0, trailing: -1 };
}

const NEW_VCPU = 'vcpu ';
const NEW_RIP = ' rip 0x';
const NEW_ADDRESS = ' address 0x';
const NEW_ERROR_CODE = ' error_code 0x';
const OLD_ADDRESS = 'address ';
const OLD_ERROR_CODE = ' error_code ';
/** 64-bit values print as at most 16 hex digits. */
const MAX_HEX_DIGITS = 16;
/** u32 vCPU ids print as at most 10 decimal digits. */
const MAX_VCPU_DIGITS = 10;

/** EPT exit qualification: the guest-physical entry was readable, writable or executable. */
const EPT_ENTRY_EXISTED = 0x38;
/** #NPF and #PF error codes: the entry was present. */
const PRESENT = 0x1;

/**
 * A fault on an entry that already existed is a permission fault (e.g. a write to a read-only
 * SPTE): it installs nothing new and never prefetches, so the replay leaves it out.
 */
export function isPermissionFault(errorCode: number, hardware: TraceHardware): boolean {
  return (errorCode & (hardware === 'ept' ? EPT_ENTRY_EXISTED : PRESENT)) !== 0;
}

function fail(what: string, pos: number): string {
  return `kvm_page_fault: expected ${what} at ${column(pos)}`;
}

/** End of 1..16 hex digits at pos, or -1. */
function hexRun(line: string, pos: number, end: number): number {
  const e = scanHex(line, pos, end);
  return e === pos || e - pos > MAX_HEX_DIGITS ? -1 : e;
}

/** End of `text` at pos, or ENDS_EARLY / NO_MATCH (then missing() says what that means). */
function literal(line: string, pos: number, end: number, text: string): number {
  if (pos + text.length <= end && line.startsWith(text, pos)) return pos + text.length;
  return matchLiteral(line, pos, end, text);
}

/** INCOMPLETE for a line that ends early, else the error for a missing literal. */
function missing(status: number, text: string, pos: number): string {
  return status === ENDS_EARLY ? INCOMPLETE : fail(`"${text}"`, pos);
}

/**
 * Parses the payload after "kvm_page_fault:" (line[start, end), trailing blanks already cut) into
 * out. Accepts exactly the two kernel formats, v5.15..v6.0 `address %lx error_code %x` and v6.1+
 * `vcpu %u rip 0x%lx address 0x%016llx error_code 0x%llx`, followed by nothing or by blank-separated
 * text (an annotation, reported in out.trailing). Returns null, INCOMPLETE or an error message.
 */
export function parseFaultPayload(line: string, start: number, end: number, out: FaultFields): PayloadStatus {
  let pos = skipBlanks(line, start, end);
  out.trailing = -1;
  if (pos === end) return INCOMPLETE;
  let errorPrefix: string;
  let at = matchLiteral(line, pos, end, NEW_VCPU);
  if (at >= 0) {
    pos = at;
    const vcpuEnd = scanDecimal(line, pos, end);
    if (vcpuEnd === pos && pos === end) return INCOMPLETE;
    if (vcpuEnd === pos || vcpuEnd - pos > MAX_VCPU_DIGITS) return fail('a decimal vCPU number', pos);
    const vcpu = decimalValue(line, pos, vcpuEnd);
    if (vcpu > MAX_VCPU) return `kvm_page_fault: vcpu ${vcpu} is above ${MAX_VCPU} (2^32 - 1)`;
    out.vcpu = vcpu;
    const rip = literal(line, vcpuEnd, end, NEW_RIP);
    if (rip < 0) return missing(rip, NEW_RIP, vcpuEnd);
    if (rip === end) return INCOMPLETE;
    pos = hexRun(line, rip, end);
    if (pos < 0) return 'kvm_page_fault: rip must be 1 to 16 hex digits';
    const address = literal(line, pos, end, NEW_ADDRESS);
    if (address < 0) return missing(address, NEW_ADDRESS, pos);
    pos = address;
    errorPrefix = NEW_ERROR_CODE;
  } else {
    // "vcpu" cut before its number, or the old payload.
    if (at !== ENDS_EARLY) at = matchLiteral(line, pos, end, OLD_ADDRESS);
    if (at === ENDS_EARLY) return INCOMPLETE;
    if (at < 0) return unrecognised(line, pos, end);
    out.vcpu = -1;
    pos = at;
    errorPrefix = OLD_ERROR_CODE;
  }

  if (pos === end) return INCOMPLETE;
  const addressEnd = scanHexValue(line, pos, end);
  if (addressEnd === pos || addressEnd - pos > MAX_HEX_DIGITS)
    return fail('an address of 1 to 16 hex digits', pos);
  const page =
    hexScan.significant <= 13 ? Math.floor(hexScan.value / 4096) : pageOfAddress(line, pos, addressEnd);
  const code = literal(line, addressEnd, end, errorPrefix);
  if (code < 0) return missing(code, errorPrefix, addressEnd);
  if (code === end) return INCOMPLETE;
  const codeEnd = scanHexValue(line, code, end);
  if (codeEnd === code || codeEnd - code > MAX_HEX_DIGITS)
    return fail('an error code of 1 to 16 hex digits', code);
  if (codeEnd < end && !isBlank(line.charCodeAt(codeEnd))) {
    return `kvm_page_fault: unexpected text after error_code at ${column(codeEnd)}`;
  }
  out.page = page;
  if (hexScan.significant <= 13) {
    out.errorCode = hexScan.value % 4294967296;
    out.errorHigh = Math.floor(hexScan.value / 4294967296) & 7;
  } else {
    out.errorCode = hexValue(line, codeEnd - 8, codeEnd);
    out.errorHigh = hexValue(line, codeEnd - 9, codeEnd - 8) & 7;
  }
  pos = skipBlanks(line, codeEnd, end);
  if (pos !== end) out.trailing = pos;
  return null;
}

/** address >> 12 from its hex digits, without BigInt: drop the last three digits. */
function pageOfAddress(line: string, from: number, to: number): number {
  while (from < to - 1 && line.charCodeAt(from) === 48) from++;
  // At most 16 digits, so at most 13 remain: 52 bits, exact in a double.
  return to - from <= 3 ? 0 : hexValue(line, from, to - 3);
}

function unrecognised(line: string, pos: number, end: number): string {
  const rest = line.slice(pos, Math.min(end, pos + 48));
  if (rest.startsWith('[FAILED TO PARSE]')) {
    return 'kvm_page_fault: trace-cmd could not format this event ([FAILED TO PARSE]): its event format was not recorded';
  }
  if (/^[a-z_]+=/.test(rest)) {
    return 'kvm_page_fault: raw field=value payload (trace-cmd report -R?) is not supported: print events in their normal format';
  }
  return (
    'kvm_page_fault: expected "vcpu N rip 0x… address 0x… error_code 0x…" (v6.1+) or ' +
    `"address … error_code …" (v5.15) at ${column(pos)}, got ${JSON.stringify(rest)}`
  );
}
