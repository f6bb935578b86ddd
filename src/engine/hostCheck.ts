import { SEED_WORKLOAD } from './comparePaths.ts';
import { compareVersions, kernelFromText, scenarioKernel } from './kernelVersion.ts';
import type { KernelModel } from './kernelVersion.ts';
import { runAnyBulk } from './shadow/bulkShadow.ts';
import { kernelOfUname } from './hostInput.ts';
import type { HostInput } from './hostInput.ts';
import type { Scenario, Totals } from './types.ts';

export { HOST_COMMANDS } from './hostCommands.ts';
export type { Cpu, HostInput, TdpMmuSetting } from './hostInput.ts';
export { kernelOfUname } from './hostInput.ts';

/*
 * "Is my host affected?": from what a user can read off a host (kernel, CPU vendor, kvm module
 * parameters, nesting, hugepage backing) to the fault path that runs, the prefetch it does in
 * that kernel, whether c6cecc4b9324's trailing-run bug applies, and a scenario that measures it
 * on the seed's workload. Pure: the page and the CLI render it; hostCost() runs the model.
 */

export type HostPath = 'tdp-mmu' | 'legacy-direct' | 'shadow' | 'nested-shadow';

export interface Fact {
  /** What the answer rests on, in one sentence. */
  text: string;
  /** Where it was checked: a commit, file and function, or docs/history.md. */
  source: string;
}

export interface HostAnswer {
  kernel: KernelModel;
  path: HostPath;
  pathLabel: string;
  /** Whether the TDP MMU is on, and why (parameter or default). */
  tdpMmuOn: boolean;
  prefetch: 'none' | 'direct' | 'shadow';
  prefetchSentence: string;
  trailingBug: 'affected' | 'fixed' | 'not-affected';
  bugSentence: string;
  facts: Fact[];
  /** The seed's workload under this host's path and kernel. */
  scenario: Scenario;
  /** The same path on a kernel with the fix (v5.16), to price the bug; null when it cannot differ. */
  fixedScenario: Scenario | null;
}

export type HostResult = { ok: true; answer: HostAnswer } | { ok: false; message: string };

const HISTORY_MD = 'docs/history.md';

export function checkHost(input: HostInput): HostResult {
  const parsed = kernelFromText(kernelOfUname(input.kernel));
  if (!parsed.ok) return { ok: false, message: `kernel: ${parsed.message}` };
  const k = parsed.kernel;
  const facts: Fact[] = [];
  if (/^\d+\.\d+\.0-/.test(input.kernel.trim()))
    facts.push({
      text: `"${input.kernel.trim()}" looks like a distribution kernel: its uname -r hides the stable point release it is based on, which decides the 5.15.y TDP MMU default; check the package changelog (Ubuntu: /proc/version_signature).`,
      source: 'uname -r of distribution kernels',
    });
  const intel = input.cpu === 'intel';
  const tdpName = intel ? 'EPT' : 'NPT';

  // Which MMU handles this guest's faults.
  const tdpMmuExists = k.tdpMmuDefault !== 'absent';
  const tdpMmuOn =
    input.tdp &&
    tdpMmuExists &&
    (input.tdpMmu === 'default' ? k.tdpMmuDefault === 'on' : input.tdpMmu === 'on');
  if (input.tdp && tdpMmuExists)
    facts.push({
      text:
        input.tdpMmu === 'default'
          ? `kvm.tdp_mmu defaults to ${k.tdpMmuDefault === 'on' ? 'on' : 'off'} in ${k.label}: on from v5.15 (71ba3f3189c7), off again from 5.15.129 in the 5.15.y stable series (7e546bd08943).`
          : `kvm.tdp_mmu is set ${input.tdpMmu} on this host.`,
      source: `${HISTORY_MD}: 71ba3f3189c7, 7e546bd08943 (Revert "KVM: x86: enable TDP MMU by default", between 5.15.128 and 5.15.129)`,
    });
  if (input.tdp && !tdpMmuExists && input.tdpMmu === 'on')
    return { ok: false, message: `tdp_mmu: the TDP MMU does not exist before v5.10 (this is ${k.label})` };

  let path: HostPath;
  if (!input.tdp) path = 'shadow';
  else if (input.nested) path = 'nested-shadow';
  else path = tdpMmuOn ? 'tdp-mmu' : 'legacy-direct';

  const pathLabel = {
    'tdp-mmu': `TDP MMU (kvm_tdp_mmu_map) over ${tdpName}`,
    'legacy-direct': `legacy direct MMU (${k.behaviour.code.directMap}) over ${tdpName}`,
    shadow: `shadow paging (${tdpName} off): FNAME(page_fault) in paging_tmpl.h`,
    'nested-shadow': `nested: L0 shadows L1's ${tdpName} (FNAME(page_fault) for the ${intel ? 'EPT' : 'NPT'} format)`,
  }[path];

  // A/D bits the prefetch decisions depend on. Intel EPT had none before eptad (v3.6).
  const eptadExists =
    compareVersions(k.version, { major: 3, minor: 6, patch: null }) >= 0 && k.version.major !== 2;
  const adBits = intel ? input.eptad && eptadExists : true;
  if (intel && input.tdp && !eptadExists)
    facts.push({
      text: `EPT has no accessed bits before eptad (v3.6): on ${k.label} an EPT host never prefetches on the direct path.`,
      source: `${HISTORY_MD} (eptad's release is not verified)`,
    });
  let prefetch: HostAnswer['prefetch'];
  let prefetchSentence: string;
  const base: Scenario = {
    mmu: 'legacy',
    variant: k.variant,
    kernel: k.label,
    backing: input.hugepages ? '2m' : '4k',
    adBits: true,
    memslots: SEED_WORKLOAD.memslots.map((m) => ({ ...m })),
    nonResident: [],
    present: [],
    accesses: SEED_WORKLOAD.accesses,
  };
  const linearGuest = {
    paging: true,
    pageTables: SEED_WORKLOAD.memslots.map((m) => ({ gvaPage: m.baseGfn, pages: m.pages, gfn: m.baseGfn })),
  };
  let scenario: Scenario;
  let bug: HostAnswer['trailingBug'];

  if (path === 'tdp-mmu') {
    prefetch = 'none';
    prefetchSentence = 'The TDP MMU installs the faulting SPTE only: it has no prefetch in any version.';
    facts.push({
      text: 'kvm_tdp_mmu_map() never prefetches neighbouring SPTEs.',
      source: 'kvm-prefetch-facts.md, tdp_mmu.c',
    });
    scenario = { ...base, mmu: 'tdp' };
    bug = 'not-affected';
  } else if (path === 'legacy-direct') {
    scenario = { ...base, adBits };
    if (!adBits) {
      prefetch = 'none';
      prefetchSentence =
        k.behaviour.adGate === 'global'
          ? `Without EPT A/D bits the host has no accessed bit (shadow_accessed_mask is 0), so direct_pte_prefetch() returns at once: no prefetch.`
          : `Without EPT A/D bits sp_ad_disabled() is true for every page, so direct_pte_prefetch() returns at once: no prefetch.`;
      facts.push({
        text: `direct_pte_prefetch() returns early without accessed bits (${k.behaviour.adGate === 'global' ? 'global test, v2.6.37-v4.12' : 'per page, from v4.13'}).`,
        source: `${HISTORY_MD}: 957ed9effd80, ac8d57e57343; ${k.behaviour.code.mmuFile}, direct_pte_prefetch()`,
      });
      bug = 'not-affected';
    } else if (input.hugepages) {
      prefetch = 'none';
      prefetchSentence =
        'Guest memory in 2 MiB pages is mapped with 2 MiB SPTEs, and direct_pte_prefetch() returns for a leaf above 4 KiB: almost no prefetch (only 4 KiB-mapped remainders).';
      facts.push({
        text: 'No prefetch when installing a huge page (sp->role.level > 4K).',
        source: `the patch mail (seed); ${k.behaviour.code.mmuFile}, direct_pte_prefetch()`,
      });
      bug = 'not-affected';
    } else {
      prefetch = 'direct';
      prefetchSentence = `__direct_pte_prefetch() batches the not-present runs of the 8-entry window around each fault${k.behaviour.trailingFix ? ', including the trailing run (c6cecc4b9324).' : '; the run after the last present entry is dropped.'}`;
      bug = k.behaviour.trailingFix ? 'fixed' : 'affected';
      facts.push({
        text: k.behaviour.trailingFix
          ? `${k.label} has c6cecc4b9324 (v5.16): the trailing run is prefetched.`
          : `${k.label} predates c6cecc4b9324 (v5.16), which was never backported to 5.15.y: trailing runs are dropped.`,
        source: `${HISTORY_MD}: c6cecc4b9324, ${k.behaviour.code.mmuFile}, __direct_pte_prefetch()`,
      });
    }
  } else {
    // Shadow paging of the guest's own tables, or of L1's EPT/NPT for an L2 guest.
    const guestAd = path === 'shadow' ? true : adBits;
    scenario = { ...base, mmu: 'shadow', adBits: guestAd, guest: linearGuest };
    prefetch = 'shadow';
    bug = 'not-affected';
    prefetchSentence =
      'FNAME(pte_prefetch) fills each not-present entry of the window from its own guest PTE, one at a time: there is no batch, so no run to drop.';
    facts.push({
      text: 'Shadow paging prefetch does not batch and never had the trailing-run bug.',
      source: 'the patch mail (seed); paging_tmpl.h, FNAME(pte_prefetch)()',
    });
    if (path === 'nested-shadow') {
      facts.push({
        text: "An L2 guest faults through the shadow MMU for L1's EPT/NPT even when the TDP MMU runs L1.",
        source: 'kvm-prefetch-facts.md, History',
      });
      if (!guestAd && k.behaviour.adGate === 'per-page') {
        prefetchSentence +=
          ' Without EPT A/D bits the prefetched SPTEs are access-tracked: each one faults on its first touch, so prefetch saves no faults.';
        facts.push({
          text: 'From v4.13 shadow pages of an MMU without A/D bits are A/D-disabled; a prefetched SPTE is access-tracked.',
          source: `${HISTORY_MD}: ac8d57e57343; spte.c, make_spte() / mark_spte_for_access_track()`,
        });
      }
      if (input.hugepages)
        facts.push({
          text: 'Where L1 maps 2 MiB with one EPT/NPT entry but L0 uses 4 KiB, KVM builds a direct shadow page and runs __direct_pte_prefetch(): the trailing-run bug applies there before v5.16 (not modelled in this answer).',
          source: `${HISTORY_MD}; paging_tmpl.h, FNAME(pte_prefetch)() → __direct_pte_prefetch()`,
        });
    }
    if (path === 'shadow' && input.hugepages)
      facts.push({
        text: "Shadow paging maps at most the guest PTE's own size: 4 KiB guest pages stay 4 KiB SPTEs whatever backs them.",
        source: 'paging_tmpl.h, FNAME(fetch)()',
      });
  }
  if (k.behaviour.notifierSkip)
    facts.push({
      text: 'From v5.12 no prefetch runs while an MMU-notifier invalidation is in progress (not part of this workload).',
      source: `${HISTORY_MD}: 4a42d848db95`,
    });

  const fixedScenario =
    prefetch === 'none' || k.behaviour.trailingFix
      ? null
      : { ...scenario, kernel: '5.16', variant: 'fixed' as const };
  const bugSentence = {
    affected: `Yes: on this path ${k.label} drops the trailing run of every window, so ascending access faults on every page.`,
    fixed: `No: ${k.label} has the fix (c6cecc4b9324, v5.16).`,
    'not-affected':
      prefetch === 'none'
        ? 'No: this path does no prefetch at all, before or after the fix.'
        : 'No: this path prefetches one guest PTE at a time and never had the bug.',
  }[bug];
  return {
    ok: true,
    answer: {
      kernel: k,
      path,
      pathLabel,
      tdpMmuOn,
      prefetch,
      prefetchSentence,
      trailingBug: bug,
      bugSentence,
      facts,
      scenario,
      fixedScenario,
    },
  };
}

export interface HostCost {
  /** The host as described. */
  host: Totals;
  /** The same path on v5.16, or null when the fix cannot change it. */
  fixed: Totals | null;
}

/** Runs the seed's workload (1,572,864 ascending touches in 8 GiB) through the model. */
export function hostCost(a: HostAnswer): HostCost {
  const run = (s: Scenario) => runAnyBulk(s, scenarioKernel(s)).totals;
  return { host: run(a.scenario), fixed: a.fixedScenario ? run(a.fixedScenario) : null };
}
