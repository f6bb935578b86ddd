import type { Variant } from './types.ts';

/** Up to 4 runs fit in 8 entries (each run needs a closing present or faulting entry). */
const MAX_RUNS = 4;
const RECORD = 1 + MAX_RUNS * 2;

/**
 * The window walk precomputed for every (present pattern, faulting position): 256 x 8 cases per
 * variant. Each case lists the batches the walk would call, in order, as (offset, length) pairs,
 * and the mask prefetched when every batch succeeds. The bulk engine does one lookup per fault
 * and only walks the list when a batch might fail.
 */
export interface WindowTable {
  /** runs[case * 9] = count, then (offset, length) pairs. */
  readonly runs: Uint8Array;
  /** Prefetched entries when all batches succeed. */
  readonly fastMask: Uint8Array;
  /** Number of batches per case (runs[case * 9]), kept apart so the fast path reads one byte. */
  readonly runCount: Uint8Array;
}

export function caseIndex(presentBits: number, faultPos: number): number {
  return (presentBits << 3) | faultPos;
}

function build(variant: Variant): WindowTable {
  const runs = new Uint8Array(2048 * RECORD);
  const fastMask = new Uint8Array(2048);
  const runCount = new Uint8Array(2048);
  for (let p = 0; p < 256; p++) {
    for (let f = 0; f < 8; f++) {
      const rec = caseIndex(p, f) * RECORD;
      let n = 0;
      let mask = 0;
      let start = -1;
      const close = (end: number) => {
        runs[rec + 1 + n * 2] = start;
        runs[rec + 2 + n * 2] = end - start;
        mask |= ((1 << (end - start)) - 1) << start;
        n++;
        start = -1;
      };
      for (let i = 0; i < 8; i++) {
        if ((p >> i) & 1 || i === f) {
          if (start >= 0) close(i);
        } else if (start < 0) start = i;
      }
      if (start >= 0 && variant === 'fixed') close(8);
      runs[rec] = n;
      runCount[caseIndex(p, f)] = n;
      fastMask[caseIndex(p, f)] = mask;
    }
  }
  return { runs, fastMask, runCount };
}

const tables: Record<Variant, WindowTable> = { buggy: build('buggy'), fixed: build('fixed') };

export function windowTable(variant: Variant): WindowTable {
  return tables[variant];
}

export const WINDOW_RECORD = RECORD;

/** Number of set bits in a byte. */
export const POPCOUNT8: Uint8Array = Uint8Array.from({ length: 256 }, (_, v) => {
  let c = 0;
  for (let x = v; x; x &= x - 1) c++;
  return c;
});
