import { describe, expect, it } from 'vitest';
import { faultPayload, frameEvent } from './traceFormat.ts';
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

describe('TraceParser: vCPU filter', () => {
  const frame = (vcpu: number, comm = `CPU ${vcpu}/KVM`) => ({
    comm,
    tid: 100 + vcpu,
    cpu: vcpu,
    seconds: 1,
  });
  const lines = [
    frameEvent(
      'trace-cmd',
      frame(0),
      'kvm',
      'kvm_page_fault',
      faultPayload('v6.1', { vcpu: 0, ripHex: '1', gpa: 0x1000, errorCode: 0x181 }),
    ),
    frameEvent(
      'perf',
      frame(1),
      'kvm',
      'kvm_page_fault',
      faultPayload('v6.1', { vcpu: 1, ripHex: '1', gpa: 0x2000, errorCode: 0x181 }),
    ),
    // Old payload: the vCPU comes from the thread name, or is unknown.
    frameEvent(
      'perf',
      frame(1),
      'kvm',
      'kvm_page_fault',
      faultPayload('v5.15', { vcpu: 1, ripHex: '1', gpa: 0x3000, errorCode: 0x181 }),
    ),
    frameEvent(
      'perf',
      frame(3, 'qemu-kvm'),
      'kvm',
      'kvm_page_fault',
      faultPayload('v5.15', { vcpu: 3, ripHex: '1', gpa: 0x4000, errorCode: 0x181 }),
    ),
    // The payload's vcpu wins over the thread name.
    frameEvent(
      'perf',
      frame(0),
      'kvm',
      'kvm_page_fault',
      faultPayload('v6.1', { vcpu: 12, ripHex: '1', gpa: 0x5000, errorCode: 0x181 }),
    ),
    frameEvent('perf', frame(1), 'kvmmmu', 'kvm_mmu_set_spte', 'gfn 6 spte 6837 (rwx) level 1 at 10'),
    frameEvent(
      'perf',
      frame(2, 'kworker/2:1'),
      'kvmmmu',
      'kvm_mmu_set_spte',
      'gfn 7 spte 7837 (rwx) level 1 at 10',
    ),
  ].join('\n');

  it('keeps every event without a filter and lists the vCPUs seen on faults', () => {
    const r = parseTraceText(lines);
    expect(r.gfns).toEqual([1, 2, 3, 4, 5]);
    expect(r.vcpus).toEqual([0, 1, 12]);
    expect(r.unknownVcpuEvents).toBe(1);
    expect(r.setSptes).toHaveLength(2);
  });

  it('keeps only the chosen vCPU: payload vcpu, else the CPU N/KVM thread name; unknown never matches', () => {
    const r = parseTraceText(lines, { vcpu: 1 });
    expect(r.gfns).toEqual([2, 3]);
    // A set_spte takes the vCPU of the fault before it in its window (GFN 6: the fault on GFN 5, vCPU 12).
    expect(r.setSptes).toEqual([]);
    expect(parseTraceText(lines, { vcpu: 12 }).setSptes).toEqual([
      { gfn: 6, prefetched: true, level: 1 },
      { gfn: 7, prefetched: true, level: 1 },
    ]);
    expect(r.otherVcpuEvents).toBe(5);
    expect(r.vcpus).toEqual([0, 1, 12]);
    expect(r.faults + r.otherVcpuEvents + r.setSptes.length + r.skipped).toBe(r.lines);
    expect(parseTraceText(lines, { vcpu: 12 }).gfns).toEqual([5]);
    expect(parseTraceText(lines, { vcpu: 3 }).gfns).toEqual([]);
  });
});
