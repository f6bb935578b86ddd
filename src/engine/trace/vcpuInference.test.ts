import { describe, expect, it } from 'vitest';
import { parseTraceText } from './traceParser.ts';
import { ThreadTable, UNKNOWN } from './vcpuInference.ts';

describe('ThreadTable', () => {
  it('gives a thread the vCPU named last on it, and events before the first naming the first', () => {
    const t = new ThreadTable();
    const a = t.of(100);
    const early = t.refFor(a);
    expect(early).toBeLessThan(UNKNOWN);
    t.name(a, 3, 10);
    expect(t.refFor(a)).toBe(3);
    t.name(a, 5, 20);
    expect(t.refFor(a)).toBe(5);
    expect(t.resolve(early)).toBe(3);
    expect(t).toMatchObject({ changedThreads: 1, firstChangeLine: 20 });
    expect(t.refFor(t.of(-1))).toBe(UNKNOWN);
    expect(t.resolve(t.refFor(t.of(200)))).toBe(UNKNOWN);
  });
});

describe('vCPU inference in a trace', () => {
  // Old payloads (no vcpu) on threads QEMU did not name, as a VMM or a test program leaves them.
  const text = [
    ' qemu-system-x86-1234 [002] 10.000001: kvm_page_fault: address 1000 error_code 182',
    ' qemu-system-x86-1234 [002] 10.000002: kvm_entry: vcpu 0',
    ' qemu-system-x86-1234 [002] 10.000003: kvm_exit: reason EPT_VIOLATION rip 0x1 info 182 0',
    ' qemu-system-x86-1234 [002] 10.000004: kvm_page_fault: address 2000 error_code 182',
    '   VCPU-1-61883 [003] 10.000005: kvm_exit: vcpu 1 reason EPT_VIOLATION rip 0x1 info1 0x0000000000000182 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000',
    '   VCPU-1-61883 [003] 10.000006: kvm_page_fault: address 3000 error_code 182',
    '   VCPU-1-61883 [003] 10.000007: kvm_mmu_set_spte: gfn 3 spte 3937 (rwx) level 1 at 18',
    '   <...>-35787 [001] 10.000008: fast_page_fault: vcpu 7 gva 1000 error_code P|W sptep ffff8881 old 0x1 new 3 spurious 0 fixed 1',
    '   <...>-35787 [001] 10.000009: kvm_page_fault: address 4000 error_code 182',
    '   stress-ng-999 [000] 10.000010: kvm_page_fault: address 5000 error_code 182',
  ].join('\n');

  it('takes the vCPU from kvm_entry / kvm_exit / any event naming it on the same thread', () => {
    const r = parseTraceText(text);
    expect(r.vcpus).toEqual([0, 1, 7]);
    expect(r.vcpuInferred).toBe(4);
    expect(r.unknownVcpuEvents).toBe(1);
  });

  it('filters by an inferred vCPU, the set_spte events with their fault', () => {
    expect(parseTraceText(text, { vcpu: 0 }).gfns).toEqual([1, 2]);
    const one = parseTraceText(text, { vcpu: 1 });
    expect(one.gfns).toEqual([3]);
    expect(one.setSptes).toEqual([{ gfn: 3, prefetched: false, level: 1 }]);
    expect(parseTraceText(text, { vcpu: 7 }).gfns).toEqual([4]);
  });

  it('warns when one thread names two vCPUs', () => {
    const r = parseTraceText(
      [
        't-5 [000] 1.0: kvm_entry: vcpu 0',
        't-5 [000] 1.1: kvm_entry: vcpu 1',
        't-5 [000] 1.2: kvm_page_fault: address 1000 error_code 182',
      ].join('\n'),
    );
    expect(r.vcpus).toEqual([1]);
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['vcpu-thread-changed', 2]]);
  });
});
