import type { BatchFailReason } from '../engine/types.ts';

// The stepping view's numbers need only thousands separators: Intl does that, so d3-format comes
// with the charts (which format ticks and SI prefixes) and not with the first frame.
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** "1,572,864". */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/** Signed difference with a true minus sign (U+2212): "+7", "−7", "+0". */
export function formatDelta(n: number): string {
  return `${n < 0 ? '\u2212' : '+'}${grouped.format(Math.abs(n))}`;
}

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
