/**
 * The history of KVM's x86 SPTE prefetch, one entry per change, for the timeline strip, the host
 * page and the CLI. docs/history.md holds the same table with how each entry was verified.
 * `behaviour` says whether the engine's results change at that version (else only the code does).
 */
export interface HistoryEntry {
  /** The release that first has the change, as a kernel version the model accepts. */
  version: string;
  /** Release date of that version (YYYY-MM-DD). */
  released: string;
  /** Commit id (12 hex digits) where one was verified, else null. */
  commit: string | null;
  title: string;
  /** One sentence: what changed for prefetch. */
  summary: string;
  behaviour: boolean;
  /** Whether the release is verified ('yes'), bounded ('bounded') or not ('no'); see docs/history.md. */
  verified: 'yes' | 'bounded' | 'no';
  /** A preset (presets.ts) whose outcome differs across this change, to show it at once. */
  demo?: string;
}

export const HISTORY: readonly HistoryEntry[] = [
  {
    version: '2.6.37',
    demo: 'seed',
    released: '2011-01-04',
    commit: '957ed9effd80',
    title: 'Prefetch arrives',
    summary:
      'A fault fills up to 7 neighbours in its 8-entry window; runs after the last present entry are dropped, a bad guest PTE is skipped, and nothing is prefetched without accessed bits (EPT).',
    behaviour: true,
    verified: 'bounded',
  },
  {
    version: '3.8',
    demo: 'shadow-not-accessed',
    released: '2013-02-18',
    commit: null,
    title: 'Bad guest PTE ends the shadow walk',
    summary:
      'FNAME(prefetch_gpte) takes over the shadow loop body: a not-present, not-accessed or reserved guest PTE now ends the walk instead of being skipped.',
    behaviour: true,
    verified: 'bounded',
  },
  {
    version: '4.13',
    demo: 'shadow-nested-no-ad',
    released: '2017-09-03',
    commit: 'ac8d57e57343',
    title: 'A/D bits per shadow page',
    summary:
      'sp_ad_disabled() replaces the global accessed-bit test; under nested EPT without A/D bits prefetched SPTEs are access-tracked, so their first touch faults.',
    behaviour: true,
    verified: 'bounded',
  },
  {
    version: '5.5',
    released: '2020-01-26',
    commit: null,
    title: 'Files move to kvm/mmu/',
    summary:
      'mmu.c and paging_tmpl.h move into arch/x86/kvm/mmu/ ("KVM: x86: create mmu/ subdirectory"); the prefetch code is unchanged.',
    behaviour: false,
    verified: 'yes',
  },
  {
    version: '5.10',
    released: '2020-12-13',
    commit: null,
    title: 'TDP MMU (off by default)',
    summary:
      'The TDP MMU arrives behind kvm.tdp_mmu; it never prefetches neighbouring SPTEs. A spurious fault (installed meanwhile by another vCPU) now returns before prefetch.',
    behaviour: false,
    verified: 'yes',
  },
  {
    version: '5.12',
    demo: 'invalidation',
    released: '2021-04-25',
    commit: '4a42d848db95',
    title: 'No prefetch during invalidation',
    summary:
      'Faults outside an MMU-notifier invalidation range are no longer retried, and both prefetch walks return early while any invalidation is in progress.',
    behaviour: true,
    verified: 'yes',
  },
  {
    version: '5.15',
    released: '2021-10-31',
    commit: '71ba3f3189c7',
    title: 'TDP MMU on by default',
    summary: 'On x86-64 the TDP MMU, which has no prefetch, becomes the default for EPT/NPT hosts.',
    behaviour: false,
    verified: 'yes',
  },
  {
    version: '5.16',
    demo: 'seed-run',
    released: '2022-01-09',
    commit: 'c6cecc4b9324',
    title: 'Trailing run prefetched (seed fix)',
    summary:
      'A failed batch returns instead of breaking, and a final batch after the loop prefetches the trailing run: ascending access faults once per 8 pages.',
    behaviour: true,
    verified: 'yes',
  },
  {
    version: '6.0',
    released: '2022-10-02',
    commit: '20ec3ebd707c',
    title: 'mmu_notifier_count renamed',
    summary: 'The invalidation counter becomes mmu_invalidate_in_progress (merged for 6.0-rc2); same check.',
    behaviour: false,
    verified: 'yes',
  },
  {
    version: '5.15.129',
    released: '2023-08-30',
    commit: '7e546bd08943',
    title: '5.15.y: TDP MMU off again',
    summary:
      'A stable-only revert makes the legacy MMU (with the old, buggy prefetch: the fix was never backported) the default on 5.15.y again.',
    behaviour: false,
    verified: 'yes',
  },
  {
    version: '6.4',
    released: '2023-06-25',
    commit: '91ca7672dc73',
    title: 'no_dirty_log dropped',
    summary:
      'FNAME(prefetch_gpte) loses its always-true no_dirty_log argument: a writable, dirty guest PTE still needs a slot without dirty logging.',
    behaviour: false,
    verified: 'yes',
  },
  {
    version: '6.13',
    released: '2025-01-19',
    commit: 'fa8fe58d1e4d',
    title: 'One prefetch helper',
    summary:
      'Direct and shadow prefetch share kvm_mmu_prefetch_sptes() and kvm_prefetch_pages(); the decisions are those of v5.16.',
    behaviour: false,
    verified: 'yes',
  },
];

/** Entries in time order of their release. */
export function historyByDate(): HistoryEntry[] {
  return [...HISTORY].sort((a, b) => a.released.localeCompare(b.released));
}
