import { describe, expect, it } from 'vitest';
import { decideHardware, emptyEvidence } from './hardwareEvidence.ts';
import { parseEntryPayload, parseExitPayload, parseInjectedPf, parseSpteRequested } from './otherEvents.ts';
import type { ExitFields } from './otherEvents.ts';
import { INCOMPLETE } from './scan.ts';
import { parseTraceText } from './traceParser.ts';
import type { HardwareEvidence } from './types.ts';

function exit(payload: string) {
  const out: ExitFields = { vcpu: -1, kind: 'other' };
  const status = parseExitPayload(payload, 0, payload.length, out);
  return { status, ...out };
}

const VMX_NEW = (reason: string, intr = '00000000') =>
  `vcpu 2 reason ${reason} rip 0xffffffff8106e3b2 info1 0x00000000000003a0 info2 0x0000000000000000 intr_info 0x${intr} error_code 0x00000006`;

describe('kvm_exit and friends', () => {
  it.each([
    [VMX_NEW('EPT_VIOLATION'), 'ept', 2],
    [VMX_NEW('EPT_MISCONFIG'), 'ept', 2],
    [VMX_NEW('EXCEPTION_NMI', '80000b0e'), 'shadow-intel', 2],
    [VMX_NEW('EXCEPTION_NMI', '80000306'), 'exception', 2],
    [VMX_NEW('EXTERNAL_INTERRUPT', '800000ec'), 'other', 2],
    ['reason EPT_VIOLATION rip 0xffffffff8106e3b2 info 182 0', 'ept', -1],
    ['reason EXCEPTION_NMI rip 0x7f2e11c0 info 7f2e11c04008 80000b0e', 'shadow-intel', -1],
    ['reason npf rip 0xffffffff8106e3b2 info 100000006 7ff3a000', 'npf', -1],
    [
      'vcpu 0 reason npf rip 0xffffffff8106e3b2 info1 0x0000000200000006 info2 0x000000007ff3a000 intr_info 0x00000000 error_code 0x00000000',
      'npf',
      0,
    ],
    [
      'vcpu 0 reason PF excp rip 0x7f2e11c0 info1 0x0000000000000004 info2 0x00007f2e11c04008 intr_info 0x00000000 error_code 0x00000000',
      'shadow-amd',
      0,
    ],
    ['reason HLT rip 0x1 info 0 0', 'other', -1],
    ['exit reason 48', 'other', -1],
  ])('reads %j', (payload, kind, vcpu) => {
    expect(exit(payload)).toEqual({ status: null, kind, vcpu });
  });

  it('says when a kvm_exit ends early, keeping what it read', () => {
    expect(exit('')).toMatchObject({ status: INCOMPLETE });
    expect(exit('vcpu 2')).toMatchObject({ status: INCOMPLETE, vcpu: 2 });
    expect(exit('vcpu 2 reason npf')).toMatchObject({ status: INCOMPLETE, kind: 'npf' });
    expect(exit('vcpu 2 reason EXCEPTION_NMI rip 0x1 info1 0x0000000000000000 info2')).toMatchObject({
      status: INCOMPLETE,
      kind: 'exception',
    });
    expect(exit('reason EXCEPTION_NMI rip 0x1 info 7f2e11c04008')).toMatchObject({ status: INCOMPLETE });
  });

  it('reads kvm_entry, kvm_inj_exception and kvm_mmu_spte_requested', () => {
    const vcpu = { vcpu: -1 };
    expect(parseEntryPayload('vcpu 3', 0, 6, vcpu)).toBeNull();
    expect(vcpu.vcpu).toBe(3);
    expect(parseEntryPayload('vcpu 3, rip 0xffffffff81a0', 0, 26, vcpu)).toBeNull();
    expect(parseEntryPayload('vcpu 3,', 0, 7, vcpu)).toBe(INCOMPLETE);
    const pf = { pf: false };
    expect(parseInjectedPf('#PF (0x2)', 0, 9, pf)).toBeNull();
    expect(pf.pf).toBe(true);
    parseInjectedPf('#GP (0x0)', 0, 9, pf);
    expect(pf.pf).toBe(false);
    const req = { gfn: 0, level: 0 };
    const text = 'gfn 7ff3a pfn 1a3f3a level 2';
    expect(parseSpteRequested(text, 0, text.length, req)).toBeNull();
    expect(req).toEqual({ gfn: 0x7ff3a, level: 2 });
    expect(parseSpteRequested('gfn 7ff3a pfn', 0, 13, req)).toBe(INCOMPLETE);
  });
});

const ev = (over: Partial<HardwareEvidence>): HardwareEvidence => ({ ...emptyEvidence(), ...over });

describe('decideHardware', () => {
  it.each([
    ['kvm_exit npf', { exitNpf: 5 }, 'npt', /5 kvm_exit npf/],
    ['v6.1+ AMD error codes', { codesNpt: 7 }, 'npt', /7 error codes with AMD’s bits 32–34/],
    ['kvm_exit EPT_VIOLATION', { exitEpt: 3 }, 'ept', /3 kvm_exit EPT_VIOLATION\/MISCONFIG/],
    ['EPT exit qualifications', { codesEpt: 9 }, 'ept', /9 error codes with EPT’s 0x80\/0x100 bits/],
    [
      'kvm_exit EXCEPTION_NMI with a #PF',
      { exitShadowIntel: 4 },
      'shadow',
      /4 kvm_exit EXCEPTION_NMI with a #PF/,
    ],
    ['kvm_exit PF excp', { exitShadowAmd: 2 }, 'shadow', /2 kvm_exit PF excp/],
  ])('detects from %s alone', (_what, evidence, hardware, sentence) => {
    const d = decideHardware(ev(evidence));
    expect(d).toMatchObject({ hardware, source: 'detected' });
    expect(d.evidence).toMatch(sentence);
    expect(d.warnings.map((w) => w.code)).toEqual(hardware === 'shadow' ? ['shadow-paging'] : []);
  });

  it('guesses, and says so, without evidence', () => {
    const none = decideHardware(ev({}));
    expect(none).toMatchObject({ hardware: 'ept', source: 'default' });
    expect(none.warnings[0]).toMatchObject({ code: 'hardware-guessed' });
    const plain = decideHardware(ev({ codesPlain: 3 }));
    expect(plain).toMatchObject({ hardware: 'npt', source: 'default' });
    expect(plain.warnings[0]!.message).toMatch(/read as AMD NPT, a guess/);
    expect(plain.evidence).toMatch(/none of the 3 error codes has EPT’s 0x80\/0x100 bits/);
    const injected = decideHardware(ev({ codesPlain: 3, injectedPf: 2 }));
    expect(injected.hardware).toBe('shadow');
    expect(injected.warnings.map((w) => w.code)).toEqual(['hardware-guessed', 'shadow-paging']);
  });

  it('warns when the evidence is mixed, and reads it as the hardware with the most', () => {
    const d = decideHardware(ev({ exitNpf: 10, codesNpt: 10, exitEpt: 2 }));
    expect(d).toMatchObject({ hardware: 'npt', source: 'detected' });
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]!.code).toBe('hardware-mixed');
    expect(d.warnings[0]!.message).toMatch(/AMD NPT \(10 kvm_exit.*\) and Intel EPT \(2 kvm_exit/);
    // A #PF injected into the guest under EPT is an async page fault, not a contradiction.
    expect(decideHardware(ev({ codesEpt: 4, injectedPf: 4 })).warnings).toEqual([]);
  });

  it('follows the caller, saying when the trace disagrees', () => {
    const agree = decideHardware(ev({ exitEpt: 1 }), 'ept');
    expect(agree).toMatchObject({ hardware: 'ept', source: 'option', warnings: [] });
    expect(agree.evidence).toMatch(/^As chosen; the trace agrees/);
    const against = decideHardware(ev({ exitNpf: 6 }), 'ept');
    expect(against.warnings.map((w) => w.code)).toEqual(['hardware-overridden']);
    expect(against.evidence).toMatch(/the trace says AMD NPT: 6 kvm_exit/);
    expect(decideHardware(ev({}), 'shadow').warnings.map((w) => w.code)).toEqual(['shadow-paging']);
  });
});

describe('the parser decides the hardware, and reads the trace by it', () => {
  const amdOld = [
    'kvm_page_fault: address fc000 error_code 14',
    'kvm_page_fault: address fd000 error_code 15',
  ];

  it('reads a v5.15 AMD trace without exits as NPT, guessed, and keeps its not-present fault', () => {
    const r = parseTraceText(amdOld.join('\n'));
    expect(r).toMatchObject({
      hardware: 'npt',
      hardwareSource: 'default',
      gfns: [0xfc],
      permissionFaults: 1,
    });
    expect(r.warnings.map((w) => w.code)).toEqual(['hardware-guessed']);
    // Read as EPT (as asked), 0x14 has "entry was writable" (0x10): a permission fault.
    const asEpt = parseTraceText(amdOld.join('\n'), { hardware: 'ept' });
    expect(asEpt).toMatchObject({
      hardware: 'ept',
      hardwareSource: 'option',
      faults: 0,
      permissionFaults: 2,
    });
  });

  it('detects AMD from kvm_exit npf, and reads the accessed bit as bit 5', () => {
    const text = [
      'qemu-1 [000] 1.0: kvm_exit: reason npf rip 0x1 info 100000006 1000',
      'qemu-1 [000] 1.0: kvm_page_fault: address 1000 error_code 6',
      'qemu-1 [000] 1.0: kvm_mmu_set_spte: gfn 1 spte 1000867 (rwxu) level 1 at 10',
      'qemu-1 [000] 1.0: kvm_mmu_set_spte: gfn 2 spte 2000807 (rwxu) level 1 at 18',
    ].join('\n');
    const r = parseTraceText(text);
    expect(r).toMatchObject({ hardware: 'npt', hardwareSource: 'detected', gfns: [1] });
    expect(r.setSptes.map((s) => s.prefetched)).toEqual([false, true]);
    // As EPT, bit 8 is clear in both: the faulting entry is still its own, the neighbour prefetched.
    expect(parseTraceText(text, { hardware: 'ept' }).setSptes.map((s) => s.prefetched)).toEqual([
      false,
      true,
    ]);
  });

  it('reads shadow paging: guest virtual addresses, faults handed back to the guest left out', () => {
    const text = [
      '<...>-9 [001] d..1 1.0: kvm_exit: reason EXCEPTION_NMI rip 0x5 info ffffffff8103d0a3 80000b0e',
      '<...>-9 [001] d..1 1.0: kvm_page_fault: address ffffffff8103d0a3 error_code 2',
      '<...>-9 [001] d..1 1.0: kvm_entry: vcpu 0',
      '<...>-9 [001] d..1 1.0: kvm_exit: reason EXCEPTION_NMI rip 0x5 info 7f0000001000 80000b0e',
      '<...>-9 [001] d..1 1.0: kvm_page_fault: address 7f0000001000 error_code 6',
      '<...>-9 [001] d..1 1.0: kvm_inj_exception: #PF (0x6)',
      '<...>-9 [001] d..1 1.0: kvm_entry: vcpu 0',
    ].join('\n');
    const r = parseTraceText(text);
    expect(r).toMatchObject({
      hardware: 'shadow',
      hardwareSource: 'detected',
      guestFaults: 1,
      errorCount: 0,
    });
    // Kernel addresses fold to their low 48 bits, as 4-level paging walks them.
    expect(r.gfns).toEqual([0xffff8103d]);
    expect(r.warnings.map((w) => w.code)).toEqual(['shadow-paging']);
    // Read as EPT, the kernel address is beyond 52 bits: an error with its line number.
    const asEpt = parseTraceText(text, { hardware: 'ept' });
    expect(asEpt.errors[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/beyond 52 bits.*shadow-paging GVA/),
    });
  });

  it('warns about mixed evidence in a trace, with both kinds named', () => {
    const text = [
      'kvm_exit: vcpu 0 reason EPT_VIOLATION rip 0x1 info1 0x0000000000000182 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000',
      'kvm_page_fault: vcpu 0 rip 0x1 address 0x0000000000002000 error_code 0x182',
      'kvm_exit: vcpu 0 reason npf rip 0x1 info1 0x0000000100000006 info2 0x0000000000003000 intr_info 0x00000000 error_code 0x00000000',
      'kvm_page_fault: vcpu 0 rip 0x1 address 0x0000000000003000 error_code 0x100000006',
      'kvm_exit: vcpu 0 reason npf rip 0x1 info1 0x0000000100000006 info2 0x0000000000004000 intr_info 0x00000000 error_code 0x00000000',
      'kvm_page_fault: vcpu 0 rip 0x1 address 0x0000000000004000 error_code 0x100000006',
    ].join('\n');
    const r = parseTraceText(text);
    expect(r.hardware).toBe('npt');
    expect(r.warnings.map((w) => w.code)).toEqual(['hardware-mixed']);
  });
});
