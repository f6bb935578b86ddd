import { format } from 'd3-format';
import type { BatchFailReason } from '../engine/types.ts';

export const formatCount = format(',');
/** Signed difference; d3-format writes a true minus sign (U+2212). */
export const formatDelta = format('+,');

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** A GFN that fits a large-window cell: short ones whole, long ones by their last three digits. */
export function shortHex(n: number, maxChars = 5): string {
  const full = hex(n);
  return full.length <= maxChars ? full : `…${n.toString(16).slice(-3)}`;
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
