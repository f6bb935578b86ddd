import { isBlank, scanDecimal } from './scan.ts';

// The line framing is read liberally: trace-cmd report (`comm-tid [cpu] flags ts: event: ...`,
// flags optional), perf script (`comm tid [cpu] ts: system:event: ...`), the kernel's own trace
// file, and bare payloads all work, because only the event name and what follows it are parsed.
// The comm may hold spaces ("CPU 5/KVM"), so the prefix is never split into fields.

export const FAULT_EVENT = 'kvm_page_fault:';
export const SET_SPTE_EVENT = 'kvm_mmu_set_spte:';
export const FAULT_SYSTEM = 'kvm:';
export const SET_SPTE_SYSTEM = 'kvmmmu:';

/**
 * Index of the event name in line, or -1. The name must start the line or follow a blank, or
 * follow its own system name ("kvm:kvm_page_fault:" in perf script), so a longer event name that
 * merely ends with it is not taken for it.
 */
export function findEvent(line: string, event: string, system: string): number {
  const at = line.indexOf(event);
  if (at <= 0) return at;
  const before = line.charCodeAt(at - 1);
  if (isBlank(before)) return at;
  const sys = at - system.length;
  if (
    before === 58 &&
    sys >= 0 &&
    line.startsWith(system, sys) &&
    (sys === 0 || isBlank(line.charCodeAt(sys - 1)))
  ) {
    return at;
  }
  return -1;
}

const COMM_VCPU = 'CPU ';
const COMM_VCPU_END = '/KVM';

/**
 * The vCPU named by QEMU's vCPU thread name `CPU N/KVM` in the line's prefix (before prefixEnd),
 * or -1. The old kvm_page_fault payload has no vCPU, and kvm_mmu_set_spte never has one; the
 * thread name is the only other place it shows, when the VMM names its threads that way.
 */
export function commVcpu(line: string, prefixEnd: number): number {
  const at = line.indexOf(COMM_VCPU);
  if (at < 0 || at >= prefixEnd) return -1;
  const from = at + COMM_VCPU.length;
  const to = scanDecimal(line, from, prefixEnd);
  if (to === from || to - from > 10 || !line.startsWith(COMM_VCPU_END, to)) return -1;
  return Number(line.slice(from, to));
}
