import { MAX_GFN } from '../scenario.ts';
import {
  column,
  decimalValue,
  ENDS_EARLY,
  hexValue,
  INCOMPLETE,
  isBlank,
  matchLiteral,
  scanDecimal,
  scanHex,
  skipBlanks,
} from './scan.ts';
import type { PayloadStatus } from './scan.ts';
import type { TraceHardware } from './types.ts';

/** Fields of one kvm_mmu_set_spte event; reused between lines so parsing allocates nothing. */
export interface SetSpteFields {
  gfn: number;
  /** The low 12 bits of the SPTE: the accessed bit is among them. */
  spteLow: number;
  level: number;
  /** Where text after the complete payload starts, or -1. */
  trailing: number;
}

export function emptySetSpteFields(): SetSpteFields {
  return { gfn: 0, spteLow: 0, level: 0, trailing: -1 };
}

/**
 * The SPTE's accessed bit: bit 8 in an EPT entry, bit 5 (PT_ACCESSED_MASK) in an x86 PTE, which
 * is what NPT and shadow paging use.
 */
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
 * Parses the payload after "kvm_mmu_set_spte:" (line[start, end), trailing blanks already cut)
 * into out; the kernel format is `gfn %llx spte %llx (%s%s%s%s) level %d at %llx`, then nothing
 * or blank-separated text (reported in out.trailing). Returns null, INCOMPLETE or an error.
 */
export function parseSetSptePayload(
  line: string,
  start: number,
  end: number,
  out: SetSpteFields,
): PayloadStatus {
  let pos = skipBlanks(line, start, end);
  out.trailing = -1;
  const gfnAt = literal(line, pos, end, GFN);
  if (gfnAt < 0) return missing(gfnAt, GFN, pos);
  pos = gfnAt;
  if (pos === end) return INCOMPLETE;
  let digitsEnd = scanHex(line, pos, end);
  if (digitsEnd === pos) return fail('a hex gfn', pos);
  let first = pos;
  while (first < digitsEnd - 1 && line.charCodeAt(first) === 48) first++;
  const gfn = digitsEnd - first > MAX_GFN_DIGITS ? MAX_GFN : hexValue(line, first, digitsEnd);
  if (gfn >= MAX_GFN) return `kvm_mmu_set_spte: gfn ${line.slice(pos, digitsEnd)} is beyond 52-bit addresses`;

  const spteAt = literal(line, digitsEnd, end, SPTE);
  if (spteAt < 0) return missing(spteAt, SPTE, digitsEnd);
  pos = spteAt;
  if (pos === end) return INCOMPLETE;
  digitsEnd = scanHex(line, pos, end);
  if (digitsEnd === pos || digitsEnd - pos > MAX_HEX_DIGITS)
    return fail('an spte of 1 to 16 hex digits', pos);
  const spteLow = hexValue(line, Math.max(pos, digitsEnd - 3), digitsEnd);

  const open = literal(line, digitsEnd, end, ' (');
  if (open < 0) return missing(open, ' (', digitsEnd);
  pos = open;
  const flagsStart = pos;
  while (pos < end && pos - flagsStart <= MAX_FLAGS && isFlag(line.charCodeAt(pos))) pos++;
  if (pos - flagsStart > MAX_FLAGS) return fail('at most 4 access flags (r, w, x, u or -)', flagsStart);
  if (pos === end) return INCOMPLETE;

  const levelAt = literal(line, pos, end, LEVEL);
  if (levelAt < 0) return missing(levelAt, LEVEL, pos);
  pos = levelAt;
  if (pos === end) return INCOMPLETE;
  digitsEnd = scanDecimal(line, pos, end);
  const level = digitsEnd - pos === 1 ? decimalValue(line, pos, digitsEnd) : 0;
  if (level < 1 || level > MAX_LEVEL) return fail('a level from 1 to 5', pos);

  const atAt = literal(line, digitsEnd, end, AT);
  if (atAt < 0) return missing(atAt, AT, digitsEnd);
  pos = atAt;
  if (pos === end) return INCOMPLETE;
  digitsEnd = scanHex(line, pos, end);
  if (digitsEnd === pos || digitsEnd - pos > MAX_HEX_DIGITS)
    return fail('an sptep of 1 to 16 hex digits', pos);
  if (digitsEnd < end && !isBlank(line.charCodeAt(digitsEnd)))
    return `kvm_mmu_set_spte: unexpected text after the sptep at ${column(digitsEnd)}`;
  pos = skipBlanks(line, digitsEnd, end);
  out.trailing = pos === end ? -1 : pos;
  out.gfn = gfn;
  out.spteLow = spteLow;
  out.level = level;
  return null;
}
