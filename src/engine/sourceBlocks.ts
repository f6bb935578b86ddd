import type { KernelBehaviour } from './kernelVersion.ts';
import type { SourceBlock, SourceLine } from './sourceTypes.ts';

/*
 * The code panel's text for one kernel: our own pseudo-C, line for line with the kernel's
 * functions as they stood in that version (file paths, function names, the checks they make). It
 * is a paraphrase written for this project, never kernel source. Line ids (steps.ts) stay the same
 * in every version, so a step finds its line whatever the version; a version without a check
 * simply has no line with that id (and never yields a step naming it).
 */

const line = (text: string, id?: SourceLine['id']): SourceLine => (id ? { id, text } : { text });

/**
 * The fault handler, direct_pte_prefetch, __direct_pte_prefetch and the batch. `tdpMmu`: the
 * kernel has a TDP MMU (v5.10+) or the scenario runs one, so the handler's TDP line is shown.
 */
export function directBlocks(b: KernelBehaviour, tdpMmu = true): SourceBlock[] {
  return [faultBlock(b, tdpMmu), prefetchGate(b), windowBlock(b.code.mmuFile), batchBlock(b)];
}

/** The end of the fault: a spurious fault bails out from v5.10; the prefetch, then the count. */
function faultTail(b: KernelBehaviour, prefetchCall: string, id: SourceLine['id']): SourceLine[] {
  return [
    ...(b.code.spuriousCheck ? [line('if (spurious) return;  /* another vCPU mapped it meanwhile */')] : []),
    line(prefetchCall, id),
    line('vcpu->stat.pf_fixed++;'),
  ];
}

function faultBlock(b: KernelBehaviour, tdpMmu: boolean): SourceBlock {
  return {
    fn: `${b.code.directMap}()`,
    file: b.code.mmuFile,
    lines: [
      line('/* a present SPTE never exits: */'),
      line('/* the CPU walks the SPTE, sets its accessed bit */', 'no-exit'),
      line('/* a not-present SPTE exits here: */'),
      line('sptep = install_leaf(gfn, level);  /* 4K, or 2M */', 'fault-install'),
      ...faultTail(b, 'direct_pte_prefetch(vcpu, sptep);', 'call-prefetch'),
      ...(tdpMmu
        ? [line('/* TDP MMU (kvm_tdp_mmu_map, v5.10+): the leaf only, no prefetch */', 'tdp-install')]
        : []),
    ],
  };
}

function prefetchGate(b: KernelBehaviour): SourceBlock {
  const lines: SourceLine[] =
    b.adGate === 'global'
      ? [
          line('if (!shadow_accessed_mask) return;  /* EPT without A/D */', 'check-ad'),
          line('sp = shadow page holding sptep;'),
        ]
      : [
          line('sp = shadow page holding sptep;'),
          line('if (sp_ad_disabled(sp)) return;  /* no A/D bits here */', 'check-ad'),
        ];
  lines.push(line('if (sp->role.level > 4K) return;  /* a 2M/1G leaf */', 'check-level'));
  if (b.notifierSkip)
    lines.push(
      line(`if (kvm->${b.code.notifierField}) return;  /* invalidation in progress */`, 'check-notifier'),
    );
  lines.push(line('__direct_pte_prefetch(vcpu, sp, sptep);'));
  return { fn: 'direct_pte_prefetch()', file: b.code.mmuFile, lines };
}

/** Both variants' lines: the other variant's are drawn greyed, with the patch's diff markers. */
function windowBlock(file: string): SourceBlock {
  return {
    fn: '__direct_pte_prefetch()',
    file,
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
  };
}

function batchBlock(b: KernelBehaviour): SourceBlock {
  const helper = b.code.commonPrefetchHelper;
  return {
    fn: helper
      ? 'direct_pte_prefetch_many(start, end) → kvm_mmu_prefetch_sptes()'
      : 'direct_pte_prefetch_many(start, end)',
    file: b.code.mmuFile,
    lines: [
      line('gfn = gfn of start;  slot = memslot of gfn (write access);', 'many-lookup'),
      line('if (!slot) return -1;  /* none, or dirty-logged */', 'many-noslot'),
      line(
        helper
          ? 'n = kvm_prefetch_pages(slot, gfn, pages, end - start);  /* resident, no fault-in */'
          : 'n = gfn_to_page_many_atomic(slot, gfn, pages, end - start);  /* resident, no fault-in */',
        'many-pages',
      ),
      line('if (n <= 0) return -1;  /* read-only, past slot end, not resident */', 'many-fail'),
      line('for (k = 0; k < n; k++) set prefetched SPTE, accessed bit clear;', 'many-install'),
      line('return 0;'),
    ],
  };
}

/** Shadow paging: FNAME(page_fault) → FNAME(fetch), FNAME(pte_prefetch), FNAME(prefetch_gpte). */
export function shadowBlocks(b: KernelBehaviour): SourceBlock[] {
  const file = b.code.pagingTmplFile;
  const blocks: SourceBlock[] = [
    {
      fn: 'FNAME(page_fault)() → FNAME(fetch)()',
      file,
      mmu: 'shadow',
      lines: [
        line('/* a present shadow SPTE never exits: */'),
        line('/* the CPU walks it and sets its accessed bit */', 'sh-no-exit'),
        line(
          b.adGate === 'per-page'
            ? '/* not present, or access-tracked (A/D off), exits here: */'
            : '/* a not-present shadow SPTE exits here: */',
        ),
        line('walk the guest page table for gva;  /* keeps its 8 PTEs */'),
        line('sptep = install_leaf(gva → gfn of its guest PTE);', 'sh-fetch'),
        ...faultTail(b, 'FNAME(pte_prefetch)(vcpu, &walker, sptep);', undefined),
      ],
    },
    ptePrefetchBlock(b, file),
  ];
  if (b.code.prefetchGpteFn) blocks.push(prefetchGpteBlock(b, file));
  return blocks;
}

function ptePrefetchBlock(b: KernelBehaviour, file: string): SourceBlock {
  const lines: SourceLine[] = [
    line('sp = shadow page holding sptep;'),
    line('if (sp->role.level > 4K) return;  /* a 2M/1G leaf */', 'sh-check-level'),
  ];
  if (b.notifierSkip)
    lines.push(
      line(`if (kvm->${b.code.notifierField}) return;  /* invalidation in progress */`, 'sh-check-notifier'),
    );
  lines.push(
    line('if (sp->role.direct)  /* guest paging off / guest huge page */', 'sh-check-direct'),
    line('  return __direct_pte_prefetch(vcpu, sp, sptep);'),
    line('spte = &sp->spt[index(sptep) & ~7];  /* 8-aligned window */', 'sh-window'),
    line('for (i = 0; i < 8; i++, spte++) {'),
    line('  if (spte == sptep) continue;  /* the faulting entry */', 'sh-skip-faulting'),
    line('  if (present(*spte)) continue;', 'sh-skip-present'),
  );
  if (b.code.prefetchGpteFn) {
    lines.push(
      line(
        `  if (!FNAME(prefetch_gpte)(vcpu, sp, spte, gpte[i]${b.code.noDirtyLogArg ? ', true' : ''}))`,
        'sh-call-gpte',
      ),
      line('    break;  /* the first failure ends the walk */'),
    );
  } else {
    // Before v3.8 the body was inline: an invalid guest PTE was skipped, only a page that could
    // not be had ended the walk.
    lines.push(
      line('  gpte = gpte[i];', 'sh-call-gpte'),
      line('  if (!present(gpte) || reserved(gpte) || !accessed(gpte)) continue;', 'gpte-skip'),
      line('  access = rights of gpte;  if (!dirty(gpte)) no write;'),
      line('  pfn = page of gfn(gpte), no dirty-log slot if writable;', 'gpte-noslot'),
      line('  if (error(pfn)) break;  /* no slot, dirty-logged, not resident */', 'gpte-nopfn'),
      line('  set SPTE from gpte, prefetched: accessed bit clear;', 'gpte-install'),
    );
  }
  lines.push(line('}  /* no batches: each guest PTE names its own GFN */'));
  return { fn: 'FNAME(pte_prefetch)()', file, mmu: 'shadow', lines };
}

function prefetchGpteBlock(b: KernelBehaviour, file: string): SourceBlock {
  const helper = b.code.commonPrefetchHelper;
  const install =
    b.adGate === 'per-page'
      ? 'set SPTE from gpte, prefetched: accessed bit clear (access-tracked if A/D off);'
      : 'set SPTE from gpte, prefetched: accessed bit clear;';
  const lines: SourceLine[] = [
    line(
      'if (!present(gpte) || (guest A/D && !accessed(gpte)) || reserved(gpte)) return false;',
      'gpte-invalid',
    ),
    line('gfn = gfn of gpte;  access = rights of gpte;'),
    line('protect_clean_gpte(&access, gpte);  /* clean: no write (if guest A/D) */'),
  ];
  if (helper) {
    lines.push(
      line('return kvm_mmu_prefetch_sptes(vcpu, gfn, spte, 1, access);  /* below: */'),
      line('  slot = memslot of gfn, without dirty log if access is writable;', 'gpte-noslot'),
      line('  if (!slot || kvm_prefetch_pages(slot, gfn, &page, 1) != 1) return false;', 'gpte-nopfn'),
      line(`  ${install}`, 'gpte-install'),
    );
  } else {
    lines.push(
      line(
        b.code.noDirtyLogArg
          ? 'slot = memslot of gfn, without dirty log if (no_dirty_log && writable);'
          : 'slot = memslot of gfn, without dirty log if writable;',
        'gpte-noslot',
      ),
      line('if (!slot) return false;  /* none, or dirty-logged and writable */'),
      line('pfn = resident page, write lookup (no fault-in);  if (!pfn) return false;', 'gpte-nopfn'),
      line(install, 'gpte-install'),
    );
  }
  lines.push(line('return true;'));
  return { fn: 'FNAME(prefetch_gpte)(spte, gpte)', file, mmu: 'shadow', lines };
}
