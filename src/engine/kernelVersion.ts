import { quoteText } from './quoting.ts';
import type { Variant } from './types.ts';

/*
 * Kernel versions the model knows, and what each one does. The boundaries come from
 * docs/history.md, which says for each one what was verified in which tree or mail and what was
 * not. Everything the engine does differently by version goes through KernelBehaviour, so step
 * mode, bulk mode and the code panel read the same flags.
 */

/** A parsed release: 5.15 is { major: 5, minor: 15, patch: null }, 2.6.37 is { 2, 6, 37 }. */
export interface KernelVersion {
  major: number;
  minor: number;
  /** Stable point release (5.15.139 -> 139); for 2.6.x the third number is the release itself. */
  patch: number | null;
}

export interface KernelBehaviour {
  /** c6cecc4b9324 (v5.16): `break` became `return` and the trailing run is prefetched. */
  trailingFix: boolean;
  /**
   * How direct_pte_prefetch() decides there is no accessed bit: one global test of
   * shadow_accessed_mask (v2.6.37-v4.12), or per shadow page, sp_ad_disabled() (ac8d57e5, v4.13).
   * The per-page version came with access tracking for A/D-disabled MMUs: a prefetched SPTE of a
   * nested EPT MMU without A/D bits is access-tracked and its first touch faults.
   */
  adGate: 'global' | 'per-page';
  /**
   * What FNAME(pte_prefetch) does with an invalid guest PTE (not present, Accessed clear, reserved
   * bits): `skip` it and go on (v2.6.37-v3.7) or `stop` the walk (FNAME(prefetch_gpte), v3.8).
   * A page that cannot be had (no slot, dirty log, not resident) stops the walk in every version.
   */
  invalidGpte: 'skip' | 'stop';
  /** 4a42d848db95 (v5.12): no prefetch while an MMU-notifier invalidation is in progress. */
  notifierSkip: boolean;
  /** Code-only changes, for the code panel. */
  code: KernelCode;
}

/** Names and files of the code the panel paraphrases; no behaviour hangs on these. */
export interface KernelCode {
  /** arch/x86/kvm/mmu.c before v5.5, arch/x86/kvm/mmu/mmu.c from v5.5. */
  mmuFile: string;
  pagingTmplFile: string;
  /** __direct_map before v6.3, direct_map from v6.3 (362871d74ff6). */
  directMap: string;
  /**
   * mmu_notifier_count (v5.12-v5.19), mmu_invalidate_in_progress from v6.0 (20ec3ebd707c, merged
   * for v6.0-rc2). Empty before v5.12.
   */
  notifierField: string;
  /** FNAME(prefetch_gpte) takes no_dirty_log before v6.4 (91ca7672dc73). */
  noDirtyLogArg: boolean;
  /** v6.13: kvm_mmu_prefetch_sptes() and kvm_prefetch_pages() (fa8fe58d1e4d, 6419bc52072b). */
  commonPrefetchHelper: boolean;
  /** The shadow walk reads its guest PTEs from FNAME(prefetch_gpte) (v3.8) or inline (before). */
  prefetchGpteFn: boolean;
  /**
   * A spurious fault (the SPTE was installed meanwhile by another vCPU) returns before prefetch and
   * the stats: "KVM: x86/mmu: Bail early from final #PF handling on spurious faults", in the KVM
   * pull for v5.10 (docs/history.md). Before, every fault went on to prefetch.
   */
  spuriousCheck: boolean;
}

/** The TDP MMU on x86-64: absent before v5.10, then off or on by default. */
export type TdpMmuDefault = 'absent' | 'off' | 'on';

export interface KernelModel {
  version: KernelVersion;
  /** As written in scenarios and shown: "5.15", "5.15.139", "2.6.37". */
  label: string;
  behaviour: KernelBehaviour;
  /** buggy before c6cecc4b9324, fixed from it: the short form the rest of the app speaks. */
  variant: Variant;
  tdpMmuDefault: TdpMmuDefault;
}

/** The short forms: `variant: buggy|fixed` is kernel 5.15 / 5.16. */
export const VARIANT_KERNEL: Readonly<Record<Variant, string>> = { buggy: '5.15', fixed: '5.16' };

/** Minor releases per major line; later 6.x and 7.x are accepted as "newest known behaviour". */
const LINES: ReadonlyArray<{ major: number; from: number; to: number }> = [
  { major: 3, from: 0, to: 19 },
  { major: 4, from: 0, to: 20 },
  { major: 5, from: 0, to: 19 },
  { major: 6, from: 0, to: 99 },
  { major: 7, from: 0, to: 99 },
];

// Kept short: it ends every version error, after a quoted value of up to ~100 characters, and a
// message must stay one readable line (links, the CLI). 7.x and later model as the newest tree
// read (docs/history.md says which that is).
export const SUPPORTED_VERSIONS =
  '2.6.37-2.6.39, 3.0-3.19, 4.0-4.20, 5.0-5.19, 6.x, 7.x, each optionally with a point release ' +
  '(5.15.139); buggy = 5.15, fixed = 5.16';

export type VersionResult = { ok: true; value: KernelVersion } | { ok: false; message: string };

/** Parses "5.15", "v5.15", "5.15.139", "2.6.37", "v6.13". Never throws. */
export function parseKernelVersion(text: string): VersionResult {
  const bad = (why: string): VersionResult => ({
    ok: false,
    message: `${why}; supported: ${SUPPORTED_VERSIONS}`,
  });
  const m = /^v?(\d{1,3})\.(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) return bad(`${quoteText(text)} is not a kernel version like 5.15`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const third = m[3] === undefined ? null : Number(m[3]);
  if (major === 2) {
    if (minor !== 6 || third === null) return bad(`${text} is older than 2.6.37, the first with prefetch`);
    if (third < 37)
      return bad(`2.6.${third} is older than 2.6.37, where SPTE prefetch arrived (957ed9effd80)`);
    if (third > 39) return bad(`2.6.${third} does not exist (2.6.39 was followed by 3.0)`);
    return { ok: true, value: { major, minor, patch: third } };
  }
  const line = LINES.find((l) => l.major === major);
  if (!line) return bad(`${text} is not a Linux release`);
  if (minor < line.from || minor > line.to) return bad(`${major}.${minor} is not a Linux release`);
  return { ok: true, value: { major, minor, patch: third } };
}

/** Negative, zero or positive like a comparator; a missing point release counts as .0. */
export function compareVersions(a: KernelVersion, b: KernelVersion): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  return (a.patch ?? 0) - (b.patch ?? 0);
}

function v(major: number, minor: number, patch: number | null = null): KernelVersion {
  return { major, minor, patch };
}

const atLeast = (x: KernelVersion, major: number, minor: number): boolean =>
  compareVersions({ ...x, patch: null }, v(major, minor)) >= 0;

export function versionLabel(x: KernelVersion): string {
  return x.patch === null ? `${x.major}.${x.minor}` : `${x.major}.${x.minor}.${x.patch}`;
}

export function behaviourOf(x: KernelVersion): KernelBehaviour {
  const is2637 = x.major === 2;
  return {
    trailingFix: !is2637 && atLeast(x, 5, 16),
    adGate: !is2637 && atLeast(x, 4, 13) ? 'per-page' : 'global',
    invalidGpte: !is2637 && atLeast(x, 3, 8) ? 'stop' : 'skip',
    notifierSkip: !is2637 && atLeast(x, 5, 12),
    code: {
      mmuFile: !is2637 && atLeast(x, 5, 5) ? 'arch/x86/kvm/mmu/mmu.c' : 'arch/x86/kvm/mmu.c',
      pagingTmplFile:
        !is2637 && atLeast(x, 5, 5) ? 'arch/x86/kvm/mmu/paging_tmpl.h' : 'arch/x86/kvm/paging_tmpl.h',
      directMap: !is2637 && atLeast(x, 6, 3) ? 'direct_map' : '__direct_map',
      notifierField:
        is2637 || !atLeast(x, 5, 12)
          ? ''
          : atLeast(x, 6, 0)
            ? 'mmu_invalidate_in_progress'
            : 'mmu_notifier_count',
      noDirtyLogArg: is2637 || !atLeast(x, 6, 4),
      commonPrefetchHelper: !is2637 && atLeast(x, 6, 13),
      prefetchGpteFn: !is2637 && atLeast(x, 3, 8),
      spuriousCheck: !is2637 && atLeast(x, 5, 10),
    },
  };
}

/**
 * The TDP MMU's default on x86-64: added in v5.10 (off), on from v5.15 (71ba3f3189c7), turned off
 * again in the 5.15.y stable series from 5.15.129 (7e546bd08943, the revert), and on from 5.16.
 */
export function tdpMmuDefaultOf(x: KernelVersion): TdpMmuDefault {
  if (x.major === 2 || !atLeast(x, 5, 10)) return 'absent';
  if (!atLeast(x, 5, 15)) return 'off';
  if (x.major === 5 && x.minor === 15) return (x.patch ?? 0) >= 129 ? 'off' : 'on';
  return 'on';
}

export function kernelModelOf(x: KernelVersion): KernelModel {
  const behaviour = behaviourOf(x);
  return {
    version: x,
    label: versionLabel(x),
    behaviour,
    variant: behaviour.trailingFix ? 'fixed' : 'buggy',
    tdpMmuDefault: tdpMmuDefaultOf(x),
  };
}

/**
 * What engine entry points accept: the short form, a version string ("5.15.139"; throws when it
 * is not one, so validate user input first) or a resolved kernel.
 */
export type KernelArg = Variant | KernelModel | string;

const cache = new Map<string, KernelModel>();

/** Resolves a short form or a version string; throws on an invalid string (validate first). */
export function resolveKernel(arg: KernelArg): KernelModel {
  if (typeof arg !== 'string') return arg;
  const text = arg === 'buggy' || arg === 'fixed' ? VARIANT_KERNEL[arg] : arg;
  let k = cache.get(text);
  if (!k) {
    const r = parseKernelVersion(text);
    if (!r.ok) throw new Error(r.message);
    k = kernelModelOf(r.value);
    cache.set(text, k);
  }
  return k;
}

/** Parses a version or short form into a kernel, with the error message when it is not one. */
export function kernelFromText(
  text: string,
): { ok: true; kernel: KernelModel } | { ok: false; message: string } {
  const t = text.trim();
  if (t === 'buggy' || t === 'fixed') return { ok: true, kernel: resolveKernel(t) };
  const r = parseKernelVersion(t);
  return r.ok ? { ok: true, kernel: resolveKernel(versionLabel(r.value)) } : r;
}

/**
 * The kernel a scenario models: its `kernel` when that agrees with its `variant`, else the
 * variant's short form. Parsing rejects a disagreement, so one only arises when code overrides
 * `variant` on a spread copy (`{ ...s, variant: 'buggy' }`): the later, explicit variant wins.
 */
export function scenarioKernel(s: { kernel?: string; variant: Variant }): KernelModel {
  if (s.kernel !== undefined) {
    const k = resolveKernel(s.kernel);
    if (k.variant === s.variant) return k;
  }
  return resolveKernel(s.variant);
}

/**
 * The two kernels the visualizer shows side by side for a scenario, in its `buggy` and `fixed`
 * slots (left and right). Without `kernel`: 5.15 | 5.16, as before versions existed. With
 * `compareKernel`: compareKernel | kernel. With `kernel` alone it takes the side of its variant and
 * the short form of the other variant fills the other side, so the left side is still the one
 * without c6cecc4b9324.
 */
export function sideKernels(s: { kernel?: string; compareKernel?: string; variant: Variant }): {
  buggy: KernelModel;
  fixed: KernelModel;
} {
  const k = scenarioKernel(s);
  if (s.compareKernel !== undefined) return { buggy: resolveKernel(s.compareKernel), fixed: k };
  if (s.kernel === undefined) return { buggy: resolveKernel('buggy'), fixed: resolveKernel('fixed') };
  return k.variant === 'buggy'
    ? { buggy: k, fixed: resolveKernel('fixed') }
    : { buggy: resolveKernel('buggy'), fixed: k };
}

/** Whether the sides are the default pair, 5.15 | 5.16 (labels then say before/after the fix). */
export function isDefaultPair(sides: { buggy: KernelModel; fixed: KernelModel }): boolean {
  return sides.buggy.label === VARIANT_KERNEL.buggy && sides.fixed.label === VARIANT_KERNEL.fixed;
}

/** The release just before `label` ("3.8" -> "3.7", "5.0" -> "4.20", "5.15.129" -> "5.15.128"), or null. */
export function previousRelease(label: string): string | null {
  const r = parseKernelVersion(label);
  if (!r.ok) return null;
  const { major, minor, patch } = r.value;
  if (major === 2) return patch !== null && patch > 37 ? `2.6.${patch - 1}` : null;
  if (patch !== null && patch > 0) return `${major}.${minor}.${patch - 1}`;
  if (minor > 0) return `${major}.${minor - 1}`;
  const last: Record<number, string> = { 3: '2.6.39', 4: '3.19', 5: '4.20', 6: '5.19', 7: '6.99' };
  return last[major] ?? null;
}
