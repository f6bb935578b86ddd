/*
 * What "is my host affected?" takes: the values a user reads off a host, and one reader of them
 * as key=value pairs, shared by `sim --host kernel=... ept=N` and the host page's URL
 * (`?view=host&kernel=...&ept=N`), so a link and a command line mean the same thing. Apart from
 * hostCheck.ts, which runs the model: the page's form and its URL need none of it.
 */

export type Cpu = 'intel' | 'amd';
export type TdpMmuSetting = 'default' | 'on' | 'off';

export interface HostInput {
  /** `uname -r`, e.g. "5.15.0-91-generic" or "6.8.12": only the leading version counts. */
  kernel: string;
  cpu: Cpu;
  /** kvm_intel.ept or kvm_amd.npt: two-dimensional paging on. */
  tdp: boolean;
  /** kvm_intel.eptad (Intel only): EPT accessed/dirty bits on. */
  eptad: boolean;
  /** kvm.tdp_mmu, or its default for that kernel. */
  tdpMmu: TdpMmuSetting;
  /** The workload runs in an L2 guest (a VM inside a VM), its L1 hypervisor being KVM on this host. */
  nested: boolean;
  /** Guest memory backed by 2 MiB pages (hugetlbfs or THP). */
  hugepages: boolean;
}

/** The version at the start of `uname -r` ("5.15.0-91-generic" -> "5.15.0"). */
export function kernelOfUname(text: string): string {
  const m = /^v?(\d+\.\d+(?:\.\d+)?)/.exec(text.trim());
  return m ? m[1]! : text.trim();
}

/** Every input but the kernel, as `sim --host` assumes it when not given. */
export const HOST_INPUT_DEFAULTS: Omit<HostInput, 'kernel'> = {
  cpu: 'intel',
  tdp: true,
  eptad: true,
  tdpMmu: 'default',
  nested: false,
  hugepages: false,
};

/** The keys, as the host names them (module parameters); `npt` is `ept` on AMD. */
export const HOST_KEYS = ['kernel', 'cpu', 'ept', 'npt', 'eptad', 'tdp_mmu', 'nested', 'hugepages'] as const;
export type HostKey = (typeof HOST_KEYS)[number];

const YES = new Set(['y', 'yes', '1', 'true', 'on']);
const NO = new Set(['n', 'no', '0', 'false', 'off']);

/** A value quoted for a message: bounded, so a pasted megabyte never becomes the message. */
function quoted(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}

function yesNo(key: string, v: string): boolean | string {
  const l = v.trim().toLowerCase();
  if (YES.has(l)) return true;
  if (NO.has(l)) return false;
  return `${key}: expected Y or N, got ${quoted(v)}`;
}

export interface HostPairsRead {
  input: HostInput;
  /** One sentence per refused pair, in order; each refused value kept its default. */
  problems: string[];
  /** Whether a kernel= pair was read (the CLI requires one). */
  hasKernel: boolean;
}

/**
 * Reads key=value pairs over `base`. A bad value or an unknown key is a problem sentence naming
 * it, and the input keeps the base's value for it: the CLI stops at the first problem, the page
 * shows them and answers for the rest. Never throws.
 */
export function readHostPairs(pairs: Iterable<readonly [string, string]>, base: HostInput): HostPairsRead {
  const input: HostInput = { ...base };
  const problems: string[] = [];
  let hasKernel = false;
  for (const [rawKey, value] of pairs) {
    const key = rawKey.trim().toLowerCase();
    const flag = (field: 'tdp' | 'eptad' | 'nested' | 'hugepages') => {
      const b = yesNo(key, value);
      if (typeof b === 'string') problems.push(b);
      else input[field] = b;
    };
    switch (key) {
      case 'kernel':
        if (value.trim() === '') problems.push('kernel: empty (the output of uname -r)');
        else {
          input.kernel = value.trim().slice(0, 200);
          hasKernel = true;
        }
        break;
      case 'cpu': {
        const c = value.trim().toLowerCase();
        if (c === 'intel' || c === 'amd') input.cpu = c;
        else problems.push(`cpu: expected intel or amd, got ${quoted(value)}`);
        break;
      }
      case 'ept':
      case 'npt':
        flag('tdp');
        break;
      case 'tdp_mmu': {
        if (value.trim().toLowerCase() === 'default') input.tdpMmu = 'default';
        else {
          const b = yesNo(key, value);
          if (typeof b === 'string') problems.push(`${key}: expected default, Y or N, got ${quoted(value)}`);
          else input.tdpMmu = b ? 'on' : 'off';
        }
        break;
      }
      case 'eptad':
      case 'nested':
      case 'hugepages':
        flag(key);
        break;
      default:
        problems.push(`unknown key ${quoted(key)} (${HOST_KEYS.join(', ')})`);
    }
  }
  return { input, problems, hasKernel };
}

/**
 * The pairs that say `input`, in HOST_KEYS order, for a link or a command line. Values equal to
 * the defaults are left out (the kernel always stays), so links stay short and read like the
 * command: kernel=5.15.139&ept=N. The TDP key is named for the CPU (ept on Intel, npt on AMD).
 */
export function hostPairs(input: HostInput): Array<[HostKey, string]> {
  const yn = (b: boolean) => (b ? 'Y' : 'N');
  const d = HOST_INPUT_DEFAULTS;
  const out: Array<[HostKey, string]> = [['kernel', input.kernel]];
  if (input.cpu !== d.cpu) out.push(['cpu', input.cpu]);
  if (input.tdp !== d.tdp) out.push([input.cpu === 'amd' ? 'npt' : 'ept', yn(input.tdp)]);
  if (input.eptad !== d.eptad) out.push(['eptad', yn(input.eptad)]);
  if (input.tdpMmu !== d.tdpMmu) out.push(['tdp_mmu', input.tdpMmu === 'on' ? 'Y' : 'N']);
  if (input.nested !== d.nested) out.push(['nested', yn(input.nested)]);
  if (input.hugepages !== d.hugepages) out.push(['hugepages', yn(input.hugepages)]);
  return out;
}
