// The scenario format (version 1) is the project's one format: the CLI reads it, the UI imports,
// exports and shares it. Field meanings follow ../shared/kvm-prefetch-facts.md.

/** `shadow`: shadow paging (no TDP), with the guest's own page tables in `Scenario.guest`. */
export type MmuKind = 'legacy' | 'tdp' | 'shadow';
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

/**
 * A run of guest PTEs: GVA pages [gvaPage, gvaPage + pages) map GFNs [gfn, gfn + pages). Under
 * shadow paging these are what FNAME(prefetch_gpte) reads for each entry of the prefetch window (8 entries).
 */
export interface GuestPteRange {
  gvaPage: number;
  pages: number;
  gfn: number;
  /** Accessed bit (default true): clear stops prefetch when the guest uses A/D bits. */
  accessed?: boolean;
  /** Present bit (default true). */
  present?: boolean;
  /** Reserved bits set (default false): an invalid guest PTE. */
  reservedBits?: boolean;
  /** Writable bit (default true). A read-only guest PTE prefetches from a dirty-logged slot. */
  writable?: boolean;
  /**
   * Dirty bit (default true). KVM drops write access for a clean guest PTE when the guest uses
   * A/D bits, so a clean PTE also prefetches from a dirty-logged slot.
   */
  dirty?: boolean;
}

/** The guest's paging under `mmu: "shadow"`. Later page-table ranges override earlier ones. */
export interface GuestPaging {
  /** false: guest paging off, GVA = GPA, direct shadow pages (the __direct_pte_prefetch walk). */
  paging: boolean;
  pageTables: GuestPteRange[];
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
  /** Accesses are GFNs, or GVA page numbers under `mmu: "shadow"`. */
  accesses: number[] | AccessPattern;
  /** Present exactly when mmu is "shadow". */
  guest?: GuestPaging;
  /**
   * The kernel modelled, e.g. "5.15", "5.15.139", "2.6.37" (see kernelVersion.ts). Absent: the
   * short form `variant` (buggy = 5.15, fixed = 5.16). When present, `variant` agrees with it.
   */
  kernel?: string;
  /**
   * The kernel the visualizer shows beside `kernel` (its left side, e.g. the release before a
   * change). Only the visualizer reads it; `sim` runs `kernel`.
   */
  compareKernel?: string;
  /**
   * Accesses (0-based indices, inclusive ranges) during which an MMU-notifier invalidation of some
   * other range of guest memory is in progress. From v5.12 a fault then skips prefetch; before, the
   * fault was retried until the invalidation ended and then handled as usual.
   */
  invalidations?: GfnRange[];
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

/** Why FNAME(prefetch_gpte) refused an entry, ending the shadow window walk. */
export type ShadowFailReason =
  | 'gpte-not-present'
  | 'gpte-not-accessed'
  | 'gpte-reserved'
  | 'no-memslot'
  | 'dirty-log'
  | 'readonly'
  | 'not-resident';

/** A shadow entry whose invalid guest PTE was skipped (v2.6.37-v3.7): the walk went on. */
export interface ShadowSkip {
  gva: number;
  reason: ShadowFailReason;
}

/** A shadow entry prefetched from its guest PTE. */
export interface ShadowPrefetch {
  gva: number;
  gfn: number;
}

export interface FaultDetail {
  /** Under shadow paging: the faulting GVA page (`gfn` is then the GFN its guest PTE maps). */
  gva?: number;
  gfn: number;
  huge?: true;
  /** Batches of the direct walk; always empty for shadow paging with guest paging on. */
  calls: BatchCall[];
  /** Shadow paging, guest paging on: the entries prefetched, in window order. */
  prefetched?: ShadowPrefetch[];
  /** Shadow paging, guest paging on: the entry whose prefetch failed, ending the walk. */
  failed?: { gva: number; reason: ShadowFailReason };
  /** Shadow paging before v3.8: invalid guest PTEs skipped by the walk, in window order. */
  skipped?: ShadowSkip[];
  /** The fault was the first touch of an access-tracked (prefetched, A/D-disabled) SPTE. */
  accessTracked?: true;
  /** Prefetch returned early because an MMU-notifier invalidation was in progress (v5.12+). */
  invalidation?: true;
}

export interface RunResult {
  totals: Totals;
  engineMs: number;
  faults?: FaultDetail[];
}

/** State of one SPTE as the views draw it. */
export type SpteState = 'not-present' | 'present' | 'prefetched' | 'huge';

/** Why direct_pte_prefetch() (or FNAME(pte_prefetch)) prefetched nothing before the window walk. */
export type EarlyReturnReason = 'tdp' | 'ad-disabled' | 'huge-level' | 'invalidation';

export const PTE_PREFETCH_NUM = 8;
export const SPTES_PER_TABLE = 512;
/** log2(SPTES_PER_TABLE): GFN >> TABLE_SHIFT is the table number. */
export const TABLE_SHIFT = 9;

export function emptyTotals(): Totals {
  return { accesses: 0, pfFixed: 0, prefetched: 0, prefetchCalls: 0, failedCalls: 0, prefetchHits: 0 };
}
