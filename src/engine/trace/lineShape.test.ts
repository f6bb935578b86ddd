import { describe, expect, it } from 'vitest';
import {
  commOf,
  commVcpu,
  emptyEventLocation,
  emptyPrefix,
  findKvmEvent,
  looksLikeEventLine,
  parsePrefix,
} from './lineShape.ts';
import { parseTraceText } from './traceParser.ts';

// Every line here is written for these tests, in the shapes the tools print; none is copied from
// anyone's capture.

function shape(line: string) {
  const loc = emptyEventLocation();
  if (!findKvmEvent(line, line.length, loc)) return null;
  const prefix = emptyPrefix();
  const thread = parsePrefix(line, loc.prefixEnd, prefix);
  return {
    kind: loc.kind,
    payload: line.slice(loc.payload).trim(),
    tid: thread ? prefix.tid : -1,
    comm: thread ? line.slice(...commOf(line, prefix)) : null,
  };
}

const FAULT = 'vcpu 1 rip 0xffffffff81a02b40 address 0x000000007ff3a000 error_code 0x182';

describe('event line shapes', () => {
  it.each([
    [
      'trace-cmd report, v6.x 5-character flags',
      `      CPU 1/KVM-20111 [006] d..1.  5120.004411: kvm_page_fault: ${FAULT}`,
      'CPU 1/KVM',
      20111,
    ],
    [
      'trace-cmd report, 4-character flags',
      `      CPU 1/KVM-20111 [006] d..1  5120.004411: kvm_page_fault: ${FAULT}`,
      'CPU 1/KVM',
      20111,
    ],
    [
      'trace-cmd report without a flags column, padded event name',
      `      CPU 1/KVM-20111 [006]  5120.004411: kvm_page_fault:       ${FAULT}`,
      'CPU 1/KVM',
      20111,
    ],
    [
      'ftrace trace file with a tgid column',
      `   qemu-kvm-20111 (  20098) [006] .N..  5120.004411: kvm_page_fault: ${FAULT}`,
      'qemu-kvm',
      20111,
    ],
    [
      'ftrace trace_pipe, name unknown to the recorder',
      `           <...>-20111   [006] ....  5120.004411: kvm_page_fault: ${FAULT}`,
      '<...>',
      20111,
    ],
    [
      'perf script',
      `       CPU 1/KVM 20111 [006]  5120.004411: kvm:kvm_page_fault: ${FAULT}`,
      'CPU 1/KVM',
      20111,
    ],
    [
      'perf script with pid/tid',
      `       CPU 1/KVM 20098/20111 [006]  5120.004411: kvm:kvm_page_fault: ${FAULT}`,
      'CPU 1/KVM',
      20111,
    ],
    [
      'perf script without the cpu field',
      `  qemu-system-x86 20111  5120.004411: kvm:kvm_page_fault: ${FAULT}`,
      'qemu-system-x86',
      20111,
    ],
    ['perf trace', `  5120004.411 qemu-system-x8/20111 kvm:kvm_page_fault:${FAULT}`, 'qemu-system-x8', 20111],
    [
      'perf trace, a comm with a slash',
      `5120004.411 CPU 1/KVM/20111 kvm:kvm_page_fault:${FAULT}`,
      'CPU 1/KVM',
      20111,
    ],
    [
      'quoted in a mail reply',
      `> > CPU 1/KVM-20111 [006] ..... 5120.004411: kvm_page_fault: ${FAULT}`,
      'CPU 1/KVM',
      20111,
    ],
  ])('%s', (_what, line, comm, tid) => {
    expect(shape(line)).toEqual({ kind: 'fault', payload: FAULT, tid, comm });
    const r = parseTraceText(line);
    expect(r.errors).toEqual([]);
    expect(r.gfns).toEqual([0x7ff3a]);
  });

  it('reads bare payloads, with or without the system name, as events without a thread', () => {
    expect(shape(`kvm_page_fault: ${FAULT}`)).toEqual({ kind: 'fault', payload: FAULT, tid: -1, comm: null });
    expect(shape(`kvm:kvm_page_fault: ${FAULT}`)?.tid).toBe(-1);
    expect(shape(`kvm:kvm_page_fault:${FAULT}`)?.payload).toBe(FAULT);
  });

  it('names every event the parser reads, and other kvm events as such', () => {
    const kinds = [
      'kvm_mmu_set_spte: gfn 1 spte 1 (rwx) level 1 at 1',
      'kvm_exit: reason npf rip 0x1 info 100000004 1000',
      'kvm_entry: vcpu 0',
      'kvm_inj_exception: #PF (0x2)',
      'kvm_mmu_spte_requested: gfn 1 pfn 2 level 1',
      'kvm_tdp_mmu_spte_changed: as id 0 gfn 1 level 1 old_spte 5a0 new_spte 1867',
      'kvm_mmio: mmio write len 4 gpa 0xfebd0000 val 0x1',
    ].map((l) => shape(`  CPU 0/KVM-7 [000] ..... 1.0: ${l}`)?.kind);
    expect(kinds).toEqual([
      'setSpte',
      'exit',
      'entry',
      'injException',
      'spteRequested',
      'tdpSpteChanged',
      'otherKvm',
    ]);
  });

  it('does not take names that merely contain an event name, or a comm holding "kvm_", for one', () => {
    expect(shape('CPU 0/KVM-7 [000] 1.0: fast_page_fault: vcpu 0 gva 1000')).toBeNull();
    expect(shape('CPU 0/KVM-7 [000] 1.0: xkvm_page_fault: address 1000 error_code 181')).toBeNull();
    expect(shape('kvm_worker-7 [000] 1.0: sched_switch: prev_comm=kvm_worker')).toBeNull();
    expect(shape('kvm_worker-7 [000] 1.0: kvm_exit: reason HLT rip 0x1 info 0 0')?.comm).toBe('kvm_worker');
  });

  it('tells QEMU vCPU thread names from others', () => {
    const at = (s: string) => commVcpu(s, 0, s.length);
    expect(at('CPU 12/KVM')).toBe(12);
    expect(at('CPU 0/KVM')).toBe(0);
    expect(at('CPU x/KVM')).toBe(-1);
    expect(at('qemu-kvm')).toBe(-1);
    expect(at('CPU 4294967296/KVM')).toBe(-1);
  });

  it('tells event lines from their wrapped continuations', () => {
    for (const l of [
      '  CPU 0/KVM-7 [000] ..... 1.0: sched_switch: prev_comm=a',
      '1.000 qemu/7 kvm:kvm_exit:reason npf',
      'kvm_entry: vcpu 0',
      '> fast_page_fault: vcpu 0 gva 1000',
    ])
      expect(looksLikeEventLine(l), l).toBe(true);
    for (const l of [
      '0xffffffff8103d0a3 address 0x00000000fed000f0 error_code 0x181',
      'EPT_VIOLATION rip 0x1 info1 0x0000000000000181 info2',
      'spte 109000937 (rwx) level 1 at ffff888100048000',
      '  CPU 0/KVM-7 [000] ..... 1.0:',
      'cpus=4',
    ])
      expect(looksLikeEventLine(l), l).toBe(false);
  });
});
