import { describe, expect, it } from 'vitest';
import { KERNELS_UNDER_TEST } from './testing/kernels.ts';
import { scenario } from './testing/scenarios.ts';
import { shadowScenario, pagingOffScenario } from './testing/shadowScenarios.ts';
import { listingFor, rowInListing } from './sourceListing.ts';
import { scenarioSteps } from './stepWalk.ts';

const text = (mmu: 'legacy' | 'shadow' | 'tdp', k: string) =>
  listingFor(mmu, k)
    .lines.map((l) => l.text)
    .join('\n');
const files = (mmu: 'legacy' | 'shadow', k: string) => [
  ...new Set(listingFor(mmu, k).blocks.map((b) => b.file)),
];
const fns = (mmu: 'legacy' | 'shadow', k: string) => listingFor(mmu, k).blocks.map((b) => b.fn);

describe('the code panel follows the kernel version', () => {
  it('every step of every kernel lands on a line of that kernel’s listing', () => {
    const cases = [
      scenario({ accesses: [8, 12, 15, 9, 40], nonResident: [[44, 44]], invalidations: [[4, 4]] }),
      scenario({ accesses: [8], adBits: false }),
      scenario({ accesses: [8], backing: '2m' }),
      scenario({ accesses: [8], mmu: 'tdp' }),
      shadowScenario({ accesses: [8, 9, 20, 3], invalidations: [[3, 3]] }, [
        { gvaPage: 10, pages: 1, gfn: 10, accessed: false },
        { gvaPage: 22, pages: 1, gfn: 1 << 22 },
      ]),
      shadowScenario({ accesses: [0, 1], adBits: false }),
      pagingOffScenario({ accesses: [8, 9] }),
    ];
    for (const k of KERNELS_UNDER_TEST) {
      for (const s of cases) {
        const listing = listingFor(s.mmu, k);
        for (const st of scenarioSteps(s, k))
          expect(rowInListing(listing, st.line), `${k} ${st.line}`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('files: arch/x86/kvm/ before v5.5, arch/x86/kvm/mmu/ from v5.5', () => {
    expect(files('legacy', '4.19')).toEqual(['arch/x86/kvm/mmu.c']);
    expect(files('legacy', '5.5')).toEqual(['arch/x86/kvm/mmu/mmu.c']);
    expect(files('shadow', '3.7')).toEqual(['arch/x86/kvm/paging_tmpl.h', 'arch/x86/kvm/mmu.c']);
    expect(files('shadow', '6.13')).toEqual(['arch/x86/kvm/mmu/paging_tmpl.h', 'arch/x86/kvm/mmu/mmu.c']);
  });

  it('the accessed-bit gate: global before v4.13, per shadow page from v4.13', () => {
    expect(text('legacy', '4.12')).toContain('if (!shadow_accessed_mask) return;');
    expect(text('legacy', '4.12')).not.toContain('sp_ad_disabled');
    expect(text('legacy', '4.13')).toContain('if (sp_ad_disabled(sp)) return;');
  });

  it('the notifier check appears in v5.12 and is renamed in v6.0', () => {
    expect(text('legacy', '5.11')).not.toContain('mmu_notifier_count');
    expect(text('legacy', '5.12')).toContain('kvm->mmu_notifier_count');
    expect(text('shadow', '5.12')).toContain('kvm->mmu_notifier_count');
    expect(text('legacy', '5.19')).toContain('kvm->mmu_notifier_count');
    expect(text('legacy', '6.0')).toContain('kvm->mmu_invalidate_in_progress');
    expect(text('shadow', '6.0')).toContain('kvm->mmu_invalidate_in_progress');
    expect(text('legacy', '6.0')).not.toContain('mmu_notifier_count');
  });

  it('the shadow loop: inline with continue before v3.8, FNAME(prefetch_gpte) with break after', () => {
    expect(fns('shadow', '3.7')).not.toContain('FNAME(prefetch_gpte)(spte, gpte)');
    expect(text('shadow', '3.7')).toContain('continue;');
    expect(fns('shadow', '3.8')).toContain('FNAME(prefetch_gpte)(spte, gpte)');
    expect(text('shadow', '6.3')).toContain('gpte[i], true))');
    expect(text('shadow', '6.4')).not.toContain('gpte[i], true))');
  });

  it('names: __direct_map before v6.3; kvm_prefetch_pages and kvm_mmu_prefetch_sptes from v6.13', () => {
    expect(fns('legacy', '5.17')[0]).toBe('__direct_map()');
    expect(fns('legacy', '6.2')[0]).toBe('__direct_map()');
    expect(fns('legacy', '6.3')[0]).toBe('direct_map()');
    expect(text('legacy', '6.12')).toContain('gfn_to_page_many_atomic');
    expect(text('legacy', '6.13')).toContain('kvm_prefetch_pages');
    expect(fns('legacy', '6.13')).toContain(
      'direct_pte_prefetch_many(start, end) → kvm_mmu_prefetch_sptes()',
    );
    expect(text('shadow', '6.13')).toContain('kvm_mmu_prefetch_sptes');
  });

  it('the fix’s lines are live for kernels after c6cecc4b9324 and greyed before', () => {
    const live = (k: string) =>
      listingFor('legacy', k)
        .lines.filter((l) => l.diff === '+' && !l.greyed)
        .map((l) => l.text.trim());
    expect(live('5.15.139')).toEqual([]);
    expect(live('2.6.37')).toEqual([]);
    expect(live('6.13')).toEqual([
      'return;',
      'if (start)  /* a trailing run is open */',
      'direct_pte_prefetch_many(start, spte);',
    ]);
  });

  it('the TDP MMU line only where there is one: v5.10 on, or a scenario that runs it', () => {
    expect(text('legacy', '3.8')).not.toContain('kvm_tdp_mmu_map');
    expect(text('legacy', '5.9')).not.toContain('kvm_tdp_mmu_map');
    expect(text('legacy', '5.10')).toContain('kvm_tdp_mmu_map');
    expect(text('tdp', '4.19')).toContain('kvm_tdp_mmu_map');
    expect(rowInListing(listingFor('tdp', '4.19'), 'tdp-install')).toBeGreaterThan(0);
  });

  it('a spurious fault returns before prefetch from v5.10 (the KVM pull for 5.10); pf_fixed counts after it', () => {
    const tail = (mmu: 'legacy' | 'shadow', k: string) =>
      listingFor(mmu, k)
        .lines.filter((l) => l.block === 0)
        .slice(-4)
        .map((l) => l.text);
    expect(tail('legacy', '4.19').slice(-3)).toEqual([
      'sptep = install_leaf(gfn, level);  /* 4K, or 2M */',
      'direct_pte_prefetch(vcpu, sptep);',
      'vcpu->stat.pf_fixed++;',
    ]);
    expect(text('legacy', '5.9')).not.toContain('spurious');
    expect(tail('shadow', '6.1')).toEqual([
      'sptep = install_leaf(gva → gfn of its guest PTE);',
      'if (spurious) return;  /* another vCPU mapped it meanwhile */',
      'FNAME(pte_prefetch)(vcpu, &walker, sptep);',
      'vcpu->stat.pf_fixed++;',
    ]);
  });
});
