import { MAX_EXPLICIT_ACCESSES } from './formatCheck.ts';

/*
 * Trace replay's envelope (see the README's envelopes). A trace is read whole before it is
 * replayed, and what it holds costs memory: its kept faults (8 bytes each), its kvm_mmu_set_spte
 * records (about 50 bytes each), then three replays whose tables grow with the page tables the
 * faults touch (up to ~150 bytes per fault when every fault is in a table of its own). Measured:
 * about 2 bytes of memory per byte of a set_spte-heavy trace.
 *
 * - MAX_TRACE_BYTES: 256 MiB of text, refused before reading (a file's size, or counted on stdin).
 * - MAX_TRACE_FAULTS: the faults a replay takes, the same 1,000,000 as a scenario's explicit
 *   access list, which is what a replay is.
 */
export const MAX_TRACE_BYTES = 256 * 2 ** 20;
export const MAX_TRACE_FAULTS = MAX_EXPLICIT_ACCESSES;

const MB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Why a trace of `bytes` is not read (null when it may be). */
export function traceSizeProblem(bytes: number): string | null {
  if (bytes <= MAX_TRACE_BYTES) return null;
  return (
    `${bytes === Infinity ? 'more than 256 MiB' : MB(bytes)}: at most ${MB(MAX_TRACE_BYTES)} of trace text ` +
    'is read; record a shorter trace or cut it (one vCPU: grep its "CPU N/KVM" thread)'
  );
}

/** Why `faults` faults are not replayed (null when they may be). */
export function traceFaultsProblem(faults: number): string | null {
  if (faults <= MAX_TRACE_FAULTS) return null;
  return (
    `${faults.toLocaleString('en-US')} page faults, more than the ${MAX_TRACE_FAULTS.toLocaleString('en-US')} ` +
    'a replay takes; replay one vCPU or a shorter trace'
  );
}
