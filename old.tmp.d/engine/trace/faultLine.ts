import { MAX_GFN } from '../../../src/engine/scenario.ts';
import { column, decimalValue, hexValue, scanDecimal, scanHex, skipBlanks } from './scan.ts';
import type { TraceHardware } from './types.ts';

/** Fields of one kvm_page_fault event; reused between lines so parsing allocates nothing. */
export interface FaultFields {
  /** From the v6.1+ payload; -1 for the old payload, which has no vCPU. */
  vcpu: number;
  /** Guest frame number: address >> 12. */
  gfn: number;
  /** The low 32 bits of error_code: every bit the classification reads is among them. */
  errorCode: number;
}

export function emptyFaultFields(): FaultFields {
  return { vcpu: -1, gfn: 0, errorCode: 0 };
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
/** #NPF error code (AMD): the entry was present. */
const NPT_PRESENT = 0x1;

/**
 * A fault on an entry that already existed is a permission fault (e.g. a write to a read-only
 * SPTE): it installs nothing new and never prefetches, so the replay leaves it out.
 */
export function isPermissionFault(errorCode: number, hardware: TraceHardware): boolean {
  return (errorCode & (hardware === 'ept' ? EPT_ENTRY_EXISTED : NPT_PRESENT)) !== 0;
}

function fail(what: string, pos: number): string {
  return `kvm_page_fault: expected ${what} at ${column(pos)}`;
}

/** End of 1..16 hex digits at pos, or -1. */
function hexRun(line: string, pos: number, end: number): number {
  const e = scanHex(line, pos, end);
  return e === pos || e - pos > MAX_HEX_DIGITS ? -1 : e;
}

/**
 * Parses the payload after "kvm_page_fault:" (line[start, end)) into out. Accepts exactly the two
 * kernel formats, v5.15..v6.0 `address %lx error_code %x` and v6.1+
 * `vcpu %u rip 0x%lx address 0x%016llx error_code 0x%llx`. Returns an error message, or null.
 */
export function parseFaultPayload(line: string, start: number, end: number, out: FaultFields): string | null {
  let pos = skipBlanks(line, start, end);
  let errorPrefix: string;
  if (line.startsWith(NEW_VCPU, pos)) {
    pos += NEW_VCPU.length;
    const vcpuEnd = scanDecimal(line, pos, end);
    if (vcpuEnd === pos || vcpuEnd - pos > MAX_VCPU_DIGITS) return fail('a decimal vCPU number', pos);
    out.vcpu = decimalValue(line, pos, vcpuEnd);
    pos = vcpuEnd;
    if (!line.startsWith(NEW_RIP, pos)) return fail(`"${NEW_RIP}"`, pos);
    pos = hexRun(line, pos + NEW_RIP.length, end);
    if (pos < 0) return 'kvm_page_fault: rip must be 1 to 16 hex digits';
    if (!line.startsWith(NEW_ADDRESS, pos)) return fail(`"${NEW_ADDRESS}"`, pos);
    pos += NEW_ADDRESS.length;
    errorPrefix = NEW_ERROR_CODE;
  } else if (line.startsWith(OLD_ADDRESS, pos)) {
    out.vcpu = -1;
    pos += OLD_ADDRESS.length;
    errorPrefix = OLD_ERROR_CODE;
  } else {
    return unrecognised(line, pos, end);
  }

  const addressEnd = hexRun(line, pos, end);
  if (addressEnd < 0) return fail('an address of 1 to 16 hex digits', pos);
  const gfn = gfnOfAddress(line, pos, addressEnd);
  if (gfn >= MAX_GFN) {
    return `kvm_page_fault: address 0x${line.slice(pos, addressEnd)} is beyond 52 bits, so not a guest physical address (a shadow-paging GVA?)`;
  }
  pos = addressEnd;
  if (!line.startsWith(errorPrefix, pos)) return fail(`"${errorPrefix}"`, pos);
  pos += errorPrefix.length;
  const codeEnd = hexRun(line, pos, end);
  if (codeEnd < 0) return fail('an error code of 1 to 16 hex digits', pos);
  out.gfn = gfn;
  out.errorCode = hexValue(line, Math.max(pos, codeEnd - 8), codeEnd);
  pos = skipBlanks(line, codeEnd, end);
  if (pos !== end) return `kvm_page_fault: unexpected text after error_code at ${column(pos)}`;
  return null;
}

/** address >> 12 from its hex digits, without BigInt: drop the last three digits. */
function gfnOfAddress(line: string, from: number, to: number): number {
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
