// The scenario format (version 1) is the project's one format: the CLI reads it, the UI imports,
// exports and shares it. Field meanings follow ../shared/kvm-prefetch-facts.md.

export type MmuKind = 'legacy' | 'tdp';
export type Variant = 'buggy' | 'fixed';
export type Backing = '4k' | '2m';
export type PatternKind = 'sequential' | 'reverse' | 'stride' | 'random';

export interface Memslot {
  baseGfn: number;
  pages: number;
  readonly?: boolean;
  dirtyLog?: boolean;
}

/** Inclusive GFN range [lo, hi]. */
export type GfnRange = readonly [number, number];

export interface AccessPattern {
  pattern: PatternKind;
  startGfn: number;
  pages: number;
  stride?: number;
  seed?: number;
}

export interface Scenario {
  version?: 1;
  /** Free text shown by the UI; ignored by the engine. */
  name?: string;
  mmu: MmuKind;
  variant: Variant;
  backing: Backing;
  adBits: boolean;
  memslots: Memslot[];
  nonResident: GfnRange[];
  present: GfnRange[];
  accesses: number[] | AccessPattern;
}

export interface Totals {
  accesses: number;
  pfFixed: number;
  prefetched: number;
  prefetchCalls: number;
  failedCalls: number;
  prefetchHits: number;
}

/** Why direct_pte_prefetch_many() returned -1. */
export type BatchFailReason = 'no-memslot' | 'dirty-log' | 'readonly' | 'crosses-slot-end' | 'not-resident';

export interface BatchCall {
  /** First GFN of the run. */
  start: number;
  /** One past the last GFN of the run. */
  end: number;
  result: 0 | -1;
  installed: number;
  reason?: BatchFailReason;
  trailing?: boolean;
}

export interface FaultDetail {
  gfn: number;
  huge?: true;
  calls: BatchCall[];
}

export interface RunResult {
  totals: Totals;
  engineMs: number;
  faults?: FaultDetail[];
}

/** State of one SPTE as the views draw it. */
export type SpteState = 'not-present' | 'present' | 'prefetched' | 'huge';

/** Why direct_pte_prefetch() prefetched nothing before reaching the window walk. */
export type EarlyReturnReason = 'tdp' | 'ad-disabled' | 'huge-level';

export const PTE_PREFETCH_NUM = 8;
export const SPTES_PER_TABLE = 512;
/** log2(SPTES_PER_TABLE): GFN >> TABLE_SHIFT is the table number. */
export const TABLE_SHIFT = 9;

export function emptyTotals(): Totals {
  return { accesses: 0, pfFixed: 0, prefetched: 0, prefetchCalls: 0, failedCalls: 0, prefetchHits: 0 };
}
