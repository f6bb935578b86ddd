import type { TraceLineError } from '../../engine/trace/types.ts';
import type { Totals } from '../../engine/types.ts';
import { formatCount } from '../../viz/format.ts';

/** Malformed lines to list: the parser keeps the first 20; the rest are a count. */
export function errorListing(
  errors: readonly TraceLineError[],
  errorCount: number,
): { shown: readonly TraceLineError[]; more: number } {
  return { shown: errors, more: Math.max(0, errorCount - errors.length) };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function permissionSentence(n: number): string {
  if (n === 0) return '';
  const verb = n === 1 ? 'is' : 'are';
  return `${plural(n, 'fault')} on entries that already existed (permission faults) ${verb} not part of the replay.`;
}

export function outsideSentence(n: number, examples: readonly number[]): string {
  if (n === 0) return '';
  const eg = examples.length > 0 ? `, e.g. GFN ${examples.map((g) => `0x${g.toString(16)}`).join(', ')}` : '';
  const verb = n === 1 ? 'lies' : 'lie';
  return `${plural(n, 'fault')} ${verb} outside the memslots (MMIO, such as the PCI hole${eg}) and ${n === 1 ? 'is' : 'are'} not part of the replay.`;
}

/** Faults the fix saves: buggy pf_fixed − fixed pf_fixed, and that as a share of the buggy count. */
export function faultsSaved(buggy: Totals, fixed: Totals): { saved: number; percent: number } {
  const saved = buggy.pfFixed - fixed.pfFixed;
  const percent = buggy.pfFixed === 0 ? 0 : (100 * saved) / buggy.pfFixed;
  return { saved, percent };
}

export function percentText(p: number): string {
  const rounded = Math.abs(p) >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1);
  return `${rounded}%`;
}

/** Bytes as the progress bar says them: "812 KB", "12.3 MB", "1.24 GB" (decimal units, like MB/s). */
export function bytesText(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(0)} KB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** Parse speed in MB/s (decimal), or null when the time is too short to mean anything. */
export function throughput(bytes: number, ms: number): number | null {
  if (ms < 20 || bytes < 1e6) return null;
  return bytes / 1e3 / ms;
}

export function hexList(gfns: readonly number[]): string {
  return gfns.map((g) => `0x${g.toString(16)}`).join(', ');
}
