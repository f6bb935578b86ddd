import type { HostInput } from './hostInput.ts';

/*
 * The shell command that reads each input of the host check on a host. Kept apart from
 * hostCheck.ts, which runs the model, so the host page's form loads without the bulk engine.
 */
/** The command that reads each input on a host (shown next to the form and in the CLI help). */
export const HOST_COMMANDS: ReadonlyArray<{ input: keyof HostInput; label: string; command: string }> = [
  { input: 'kernel', label: 'Kernel version', command: 'uname -r' },
  { input: 'cpu', label: 'CPU vendor', command: "grep -m1 -oE 'GenuineIntel|AuthenticAMD' /proc/cpuinfo" },
  {
    input: 'tdp',
    label: 'EPT / NPT',
    command: 'cat /sys/module/kvm_intel/parameters/ept  # AMD: /sys/module/kvm_amd/parameters/npt',
  },
  { input: 'eptad', label: 'EPT A/D bits (Intel)', command: 'cat /sys/module/kvm_intel/parameters/eptad' },
  {
    input: 'tdpMmu',
    label: 'TDP MMU',
    command:
      'cat /sys/module/kvm/parameters/tdp_mmu  # missing before v5.10; kvm.tdp_mmu= on the kernel command line',
  },
  {
    input: 'nested',
    label: 'Nested (L2) guest',
    command:
      'cat /sys/module/kvm_intel/parameters/nested  # AMD: kvm_amd; then: does the VM run its own KVM guests?',
  },
  {
    input: 'hugepages',
    label: 'Hugepage-backed guest memory',
    command:
      "grep -E 'HugePages_Total|AnonHugePages' /proc/meminfo; cat /sys/kernel/mm/transparent_hugepage/enabled",
  },
];
