import { format } from 'd3-format';
import type { BatchFailReason } from '../engine/types.ts';

export const formatCount = format(',');
/** Signed difference; d3-format writes a true minus sign (U+2212). */
export const formatDelta = format('+,');

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/**
 * A GFN that fits a large cell (the window, the guest table) at projector size: "0x1ff" up to
 * three hex digits, the digits alone for four and five ("1f3a8": the head above says they are hex),
 * then "…" and the last four. Never more than five characters.
 */
export function shortHex(n: number): string {
  const digits = n.toString(16);
  if (digits.length <= 3) return `0x${digits}`;
  return digits.length <= 5 ? digits : `…${digits.slice(-4)}`;
}

/** "9–15", or "9" for a single entry (end exclusive). */
export function runText(start: number, end: number): string {
  return end - start <= 1 ? `${start}` : `${start}–${end - 1}`;
}

export const FAIL_REASON_TEXT: Record<BatchFailReason, string> = {
  'no-memslot': 'no memslot',
  'dirty-log': 'dirty logging',
  readonly: 'read-only slot',
  'crosses-slot-end': 'crosses memslot end',
  'not-resident': 'not resident',
};
