import type { LineId } from './steps.ts';
import type { MmuKind, Variant } from './types.ts';

/**
 * The code panel's text: our own pseudo-C, line for line with the kernel's functions in
 * arch/x86/kvm/mmu/mmu.c (direct_map → direct_pte_prefetch → __direct_pte_prefetch →
 * direct_pte_prefetch_many). It is a paraphrase, not kernel source. Steps point at lines by id,
 * so the panel needs no knowledge of the algorithm.
 */
export interface SourceLine {
  id?: LineId;
  text: string;
  /** Only this variant has the line; the other shows it greyed. */
  only?: Variant;
  /** The patch's diff marker for the line: '-' removed by c6cecc4b9324, '+' added by it. */
  diff?: '-' | '+';
}

export interface SourceBlock {
  /** Kernel function the block paraphrases. */
  fn: string;
  /** Set on blocks only the shadow-paging listing has (see listingFor). */
  mmu?: 'shadow';
  file: string;
  lines: SourceLine[];
}

const MMU_C = 'arch/x86/kvm/mmu/mmu.c';

export const SOURCE_BLOCKS: readonly SourceBlock[] = [
  {
    fn: 'direct_map()  /* __direct_map() before v5.17 */',
    file: MMU_C,
    lines: [
      { text: '/* a guest access whose SPTE is present never exits: */' },
      { id: 'no-exit', text: '/* the CPU walks the SPTE and sets its accessed bit */' },
      { text: '/* an access whose SPTE is not present exits here: */' },
      { id: 'fault-install', text: 'sptep = install_leaf(gfn, level);  /* 4K, or 2M if backed */' },
      { text: 'vcpu->stat.pf_fixed++;' },
      { id: 'call-prefetch', text: 'if (!spurious) direct_pte_prefetch(vcpu, sptep);' },
      { id: 'tdp-install', text: '/* TDP MMU (kvm_tdp_mmu_map): install the leaf, no prefetch */' },
    ],
  },
  {
    fn: 'direct_pte_prefetch()',
    file: MMU_C,
    lines: [
      { text: 'sp = shadow page holding sptep;' },
      { id: 'check-ad', text: 'if (A/D bits disabled for sp) return;  /* no accessed bit */' },
      { id: 'check-level', text: 'if (sp->role.level > 4K) return;  /* a 2M/1G leaf */' },
      { text: '__direct_pte_prefetch(vcpu, sp, sptep);' },
    ],
  },
  {
    fn: '__direct_pte_prefetch()',
    file: MMU_C,
    lines: [
      { text: 'u64 *start = NULL;  /* first SPTE of an open run */' },
      { id: 'window', text: 'spte = &sp->spt[index(sptep) & ~7];  /* 8-aligned window */' },
      { text: 'for (i = 0; i < 8; i++, spte++) {' },
      { id: 'test-present', text: '  if (present(*spte) || spte == sptep) {' },
      { id: 'no-run-continue', text: '    if (!start) continue;  /* no run to flush */' },
      { id: 'call-batch', text: '    if (direct_pte_prefetch_many(start, spte) < 0)' },
      { id: 'fail-exit', text: '      break;', only: 'buggy', diff: '-' },
      { id: 'fail-exit', text: '      return;', only: 'fixed', diff: '+' },
      { text: '    start = NULL;  /* run flushed */' },
      { id: 'extend-run', text: '  } else if (!start) {  /* else: the open run grows */' },
      { id: 'open-run', text: '    start = spte;  /* a run opens here */' },
      { text: '  }' },
      { id: 'loop-end', text: '}  /* end of the window */' },
      { id: 'trailing-test', text: 'if (start)  /* a trailing run is open */', only: 'fixed', diff: '+' },
      { id: 'trailing-call', text: '  direct_pte_prefetch_many(start, spte);', only: 'fixed', diff: '+' },
    ],
  },
  {
    fn: 'direct_pte_prefetch_many(start, end)',
    file: MMU_C,
    lines: [
      { id: 'many-lookup', text: 'gfn = gfn of start;  slot = memslot of gfn (write access);' },
      { id: 'many-noslot', text: 'if (!slot) return -1;  /* none, or dirty-logged */' },
      { id: 'many-pages', text: 'n = resident pages from gfn (no fault-in, write);' },
      { id: 'many-fail', text: 'if (n <= 0) return -1;  /* read-only, past slot end, not resident */' },
      { id: 'many-install', text: 'for (k = 0; k < n; k++) set prefetched SPTE, accessed bit clear;' },
      { text: 'return 0;' },
    ],
  },
];

const PAGING_TMPL_H = 'arch/x86/kvm/mmu/paging_tmpl.h';

/**
 * Shadow paging's blocks, our paraphrase of paging_tmpl.h: the fault (FNAME(page_fault) →
 * FNAME(fetch)), FNAME(pte_prefetch) and FNAME(prefetch_gpte). The shadow listing appends the
 * legacy __direct_pte_prefetch and direct_pte_prefetch_many blocks for a direct shadow page.
 */
export const SHADOW_BLOCKS: readonly SourceBlock[] = [
  {
    fn: 'FNAME(page_fault)() → FNAME(fetch)()',
    file: PAGING_TMPL_H,
    mmu: 'shadow',
    lines: [
      { text: '/* a guest access whose shadow SPTE is present never exits: */' },
      { id: 'sh-no-exit', text: '/* the CPU walks the shadow SPTE and sets its accessed bit */' },
      { text: '/* an access whose shadow SPTE is not present exits here: */' },
      { text: 'walk the guest page table for gva;  /* keeps the 8 guest PTEs around it */' },
      { id: 'sh-fetch', text: 'sptep = install_leaf(gva → gfn of its guest PTE);' },
      { text: 'vcpu->stat.pf_fixed++;' },
      { text: 'if (!spurious) FNAME(pte_prefetch)(vcpu, &walker, sptep);' },
    ],
  },
  {
    fn: 'FNAME(pte_prefetch)()',
    file: PAGING_TMPL_H,
    mmu: 'shadow',
    lines: [
      { text: 'sp = shadow page holding sptep;' },
      { id: 'sh-check-level', text: 'if (sp->role.level > 4K) return;  /* a 2M/1G leaf */' },
      { text: 'if (invalidation in progress) return;  /* not modelled */' },
      { id: 'sh-check-direct', text: 'if (sp->role.direct)  /* guest paging off: GVA = GPA */' },
      { text: '  return __direct_pte_prefetch(vcpu, sp, sptep);' },
      { id: 'sh-window', text: 'spte = &sp->spt[index(sptep) & ~7];  /* 8-aligned window */' },
      { text: 'for (i = 0; i < 8; i++, spte++) {' },
      { id: 'sh-skip-faulting', text: '  if (spte == sptep) continue;  /* the faulting entry */' },
      { id: 'sh-skip-present', text: '  if (present(*spte)) continue;' },
      { id: 'sh-call-gpte', text: '  if (!FNAME(prefetch_gpte)(vcpu, sp, spte, gpte[i]))' },
      { text: '    break;  /* the first failure ends the walk */' },
      { text: '}  /* no batches: each guest PTE names its own GFN */' },
    ],
  },
  {
    fn: 'FNAME(prefetch_gpte)(spte, gpte)',
    file: PAGING_TMPL_H,
    mmu: 'shadow',
    lines: [
      {
        id: 'gpte-invalid',
        text: 'if (!present(gpte) || (guest A/D && !accessed(gpte)) || reserved(gpte)) return false;',
      },
      { text: 'gfn = gfn of gpte;  access = rights of gpte;' },
      { id: 'gpte-noslot', text: 'slot = memslot of gfn;  if (!slot || dirty-logged) return false;' },
      { id: 'gpte-nopfn', text: 'pfn = resident page, write lookup (no fault-in);  if (!pfn) return false;' },
      { id: 'gpte-install', text: 'set SPTE from gpte, prefetched: accessed bit clear;' },
      { text: 'return true;' },
    ],
  },
];

export type ListedLine = SourceLine & { block: number; greyed: boolean };

export interface Listing {
  blocks: readonly SourceBlock[];
  /** Every line in block order; `block` indexes `blocks`. */
  lines: readonly ListedLine[];
}

/**
 * The code panel for an MMU: legacy and TDP show SOURCE_BLOCKS; shadow shows SHADOW_BLOCKS plus
 * the direct walk it falls back to for a direct shadow page (guest paging off).
 */
const listings = new Map<string, Listing>();

/**
 * The listing a variant draws under an MMU. Listings are fixed data, so each is built once and
 * shared: the code panel asks for it on every step.
 */
export function listingFor(mmu: MmuKind, variant: Variant): Listing {
  const key = `${mmu === 'shadow' ? 'shadow' : 'direct'}:${variant}`;
  const cached = listings.get(key);
  if (cached) return cached;
  const blocks = mmu === 'shadow' ? [...SHADOW_BLOCKS, ...SOURCE_BLOCKS.slice(2)] : SOURCE_BLOCKS;
  const lines: ListedLine[] = [];
  blocks.forEach((b, block) => {
    for (const l of b.lines) lines.push({ ...l, block, greyed: l.only !== undefined && l.only !== variant });
  });
  const listing = { blocks, lines };
  listings.set(key, listing);
  return listing;
}

/** The row of a step's line id in a listing (the first live line with that id), or -1. */
export function rowInListing(listing: Listing, id: LineId): number {
  return listing.lines.findIndex((l) => l.id === id && !l.greyed);
}

/** Lines of a variant as drawn (legacy MMU), with the other variant's lines kept greyed. */
export function linesFor(variant: Variant): readonly ListedLine[] {
  return listingFor('legacy', variant).lines;
}

/** The row a step's line id lands on for a variant (the first live line with that id), or -1. */
export function rowOf(variant: Variant, id: LineId): number {
  return rowInListing(listingFor('legacy', variant), id);
}
