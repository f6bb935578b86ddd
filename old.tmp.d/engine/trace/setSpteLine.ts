import { MAX_GFN } from '../../../src/engine/scenario.ts';
import { column, decimalValue, hexValue, scanDecimal, scanHex, skipBlanks } from './scan.ts';
import type { TraceHardware } from './types.ts';

/** Fields of one kvm_mmu_set_spte event; reused between lines so parsing allocates nothing. */
export interface SetSpteFields {
  gfn: number;
  /** The low 12 bits of the SPTE: the accessed bit is among them. */
  spteLow: number;
  level: number;
}

export function emptySetSpteFields(): SetSpteFields {
  return { gfn: 0, spteLow: 0, level: 0 };
}

/** Shadow accessed bit: bit 8 in an EPT entry, bit 5 (PT_ACCESSED_MASK) in an x86 PTE under NPT. */
export function accessedMask(hardware: TraceHardware): number {
  return hardware === 'ept' ? 0x100 : 0x20;
}

const GFN = 'gfn ';
const SPTE = ' spte ';
const LEVEL = ') level ';
const AT = ' at ';
const MAX_HEX_DIGITS = 16;
/** GFNs below MAX_GFN (2^40) print as at most 10 hex digits. */
const MAX_GFN_DIGITS = 10;
/** The flags are r, w, x and (when the MMU has a user bit) u, each replaced by - when clear. */
const MAX_FLAGS = 4;
const MAX_LEVEL = 5;

function fail(what: string, pos: number): string {
  return `kvm_mmu_set_spte: expected ${what} at ${column(pos)}`;
}

function isFlag(c: number): boolean {
  return c === 114 || c === 119 || c === 120 || c === 117 || c === 45; // r w x u -
}

/**
 * Parses the payload after "kvm_mmu_set_spte:" (line[start, end)) into out; the kernel format is
 * `gfn %llx spte %llx (%s%s%s%s) level %d at %llx`. Returns an error message, or null.
 */
export function parseSetSptePayload(
  line: string,
  start: number,
  end: number,
  out: SetSpteFields,
): string | null {
  let pos = skipBlanks(line, start, end);
  if (!line.startsWith(GFN, pos)) return fail(`"${GFN}"`, pos);
  pos += GFN.length;
  let digitsEnd = scanHex(line, pos, end);
  if (digitsEnd === pos) return fail('a hex gfn', pos);
  let first = pos;
  while (first < digitsEnd - 1 && line.charCodeAt(first) === 48) first++;
  const gfn = digitsEnd - first > MAX_GFN_DIGITS ? MAX_GFN : hexValue(line, first, digitsEnd);
  if (gfn >= MAX_GFN) return `kvm_mmu_set_spte: gfn ${line.slice(pos, digitsEnd)} is beyond 52-bit addresses`;
  pos = digitsEnd;

  if (!line.startsWith(SPTE, pos)) return fail(`"${SPTE}"`, pos);
  pos += SPTE.length;
  digitsEnd = scanHex(line, pos, end);
  if (digitsEnd === pos || digitsEnd - pos > MAX_HEX_DIGITS)
    return fail('an spte of 1 to 16 hex digits', pos);
  const spteLow = hexValue(line, Math.max(pos, digitsEnd - 3), digitsEnd);
  pos = digitsEnd;

  if (line.charCodeAt(pos) !== 32 || line.charCodeAt(pos + 1) !== 40) return fail('" ("', pos);
  pos += 2;
  const flagsStart = pos;
  while (pos < end && pos - flagsStart <= MAX_FLAGS && isFlag(line.charCodeAt(pos))) pos++;
  if (pos - flagsStart > MAX_FLAGS) return fail('at most 4 access flags (r, w, x, u or -)', flagsStart);

  if (!line.startsWith(LEVEL, pos)) return fail(`"${LEVEL}"`, pos);
  pos += LEVEL.length;
  digitsEnd = scanDecimal(line, pos, end);
  const level = digitsEnd - pos === 1 ? decimalValue(line, pos, digitsEnd) : 0;
  if (level < 1 || level > MAX_LEVEL) return fail('a level from 1 to 5', pos);
  pos = digitsEnd;

  if (!line.startsWith(AT, pos)) return fail(`"${AT}"`, pos);
  pos += AT.length;
  digitsEnd = scanHex(line, pos, end);
  if (digitsEnd === pos || digitsEnd - pos > MAX_HEX_DIGITS)
    return fail('an sptep of 1 to 16 hex digits', pos);
  pos = skipBlanks(line, digitsEnd, end);
  if (pos !== end) return `kvm_mmu_set_spte: unexpected text after the sptep at ${column(pos)}`;

  out.gfn = gfn;
  out.spteLow = spteLow;
  out.level = level;
  return null;
}
