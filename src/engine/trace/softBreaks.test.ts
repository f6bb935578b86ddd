import { describe, expect, it } from 'vitest';
import { parseTraceText } from './traceParser.ts';

// An AMD trace as the raw text of a quoted-printable mail shows it: long lines cut with "=" at
// the end of a piece (no blank at the cut), and hard-wrapped at blanks as well. Written here.
const QP_AMD = [
  '       CPU 2/KVM-7001 [004] d..2 5120.000100: kvm_entry: vcpu 2, rip',
  '0xfe05b',
  '       CPU 2/KVM-7001 [004] ...1 5120.000101: kvm_exit: vcpu 2 reason =',
  'npf',
  'rip 0xfe05b info1 0x0000000100000004 info2 0x00000000000fe000 intr_info',
  '0x00000000 error_code 0x00000000',
  '       CPU 2/KVM-7001 [004] ...1 5120.000102: kvm_page_fault: address',
  'fe000 error_code 4',
  '       CPU 2/KVM-7001 [004] ...1 5120.000110: kvm_emulate_insn: 0:fe05=',
  'b:',
  '(prot32)',
  '       CPU 2/KVM-7001 [004] ...1 5120.000120: kvm_page_fault: address 1f=',
  'f000 error_code 4',
].join('\n');

describe('quoted-printable soft line breaks', () => {
  it('joins a piece ending in "=" to the next line without a blank, so the evidence is read', () => {
    const r = parseTraceText(QP_AMD);
    expect(r.hardware).toBe('npt');
    expect(r.hardwareSource).toBe('detected');
    expect(r.gfns).toEqual([0xfe, 0x1ff]);
    expect(r.vcpus).toEqual([2]);
    expect(r.errorCount).toBe(0);
    // Two soft breaks joined, and four hard wraps of events the parser reads (kvm_entry, kvm_exit
    // twice, kvm_page_fault). "b:" looks like the start of an event of its own, so the
    // kvm_emulate_insn piece before it stays whole (an event the parser does not read anyway), and
    // "b:" and "(prot32)" are skipped.
    expect(r.rejoinedLines).toBe(2 + 4);
    expect(r.lines).toBe(r.faults + r.skipped + r.errorCount + r.rejoinedLines);
  });

  it('reads a trace without soft breaks as before, and a last piece ending in "=" as a line', () => {
    const plain = QP_AMD.replace(/=\n/g, '');
    const a = parseTraceText(plain);
    const b = parseTraceText(QP_AMD);
    expect(b.gfns).toEqual(a.gfns);
    expect(b.hardwareEvidence).toBe(a.hardwareEvidence);
    const cut = parseTraceText(
      '  CPU 0/KVM-1 [000] ..... 1.000001: kvm_page_fault: address 1000 error_code 4=',
    );
    expect(cut.lines).toBe(1);
    expect(cut.faults + cut.skipped + cut.errorCount + cut.rejoinedLines).toBe(1);
  });

  it('leaves a line ending in "=" alone when the next line starts an event (a base64 tail, say)', () => {
    const r = parseTraceText(
      [
        'aGVsbG8gd29ybGQ=',
        '  CPU 0/KVM-1 [000] ..... 1.000001: kvm_page_fault: address 1000 error_code 4',
      ].join('\n'),
    );
    expect(r).toMatchObject({ faults: 1, skipped: 1, rejoinedLines: 0, errorCount: 0 });
  });

  it('reports an error in a soft-broken event at the line of its last piece', () => {
    const r = parseTraceText(
      ['ok', '  CPU 0/KVM-1 [000] ..... 1.000001: kvm_page_fault: address zz=', 'zz error_code 4'].join('\n'),
    );
    expect(r.errorCount).toBe(1);
    expect(r.errors[0]!.line).toBe(3);
  });
});
