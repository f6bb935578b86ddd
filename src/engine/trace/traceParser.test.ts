import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, parseTraceText, TraceParser } from './traceParser.ts';
import type { ParsedTrace } from './types.ts';

const LKML =
  'CPU 5/KVM-4145 [002] ..... 86.581928: kvm_page_fault: vcpu 5 rip 0x7f08a4602116 address 0x0000000113600002 error_code 0x181';
const PERF =
  '       CPU 5/KVM  4145 [002]    86.581928: kvm:kvm_page_fault: vcpu 5 rip 0x7f08a4602116 address 0x0000000113600002 error_code 0x181';

/** Every line is counted exactly once. */
function accounted(r: ParsedTrace): number {
  return (
    r.faults +
    r.permissionFaults +
    r.guestFaults +
    r.otherVcpuEvents +
    r.setSptes.length +
    r.skipped +
    r.errorCount +
    r.rejoinedLines
  );
}

const SHORT_TRACE = [
  'cpus=2',
  '  CPU 0/KVM-4145 [000] .....    86.500022: kvm_page_fault: vcpu 0 rip 0xffffffff812a087e address 0x0000000010000008 error_code 0x182',
  '  CPU 1/KVM-4146 [001]    86.500030: kvm_page_fault:        address 2000f00 error_code 181',
  '       CPU 1/KVM   4146 [001]    86.500031: kvm:kvm_exit: reason EPT_VIOLATION rip 0x1 info 181 0',
  '       CPU 0/KVM   4145 [000]    86.500040: kvmmmu:kvm_mmu_set_spte: gfn 10001 spte 110001837 (rwx) level 1 at ffff888100020008',
  'kvm_page_fault: address 3000 error_code 18a',
  '',
].join('\r\n');

describe('TraceParser: framing', () => {
  it('parses the LKML trace-cmd example: GFN 0x113600, read + GVA valid + final is a not-present fault', () => {
    const r = parseTraceText(`${LKML}\n`);
    expect(r).toMatchObject({
      lines: 1,
      faults: 1,
      permissionFaults: 0,
      skipped: 0,
      errorCount: 0,
      maxGfn: 0x113600,
    });
    expect(r.gfns).toEqual([0x113600]);
    expect(r.vcpus).toEqual([5]);
  });

  it('parses perf script framing, whose comm holds a space, and the system-qualified event name', () => {
    const r = parseTraceText(`${PERF}\n${PERF.replace('113600002', '113601000')}`);
    expect(r.gfns).toEqual([0x113600, 0x113601]);
    expect(r.lines).toBe(2);
  });

  it('accepts old trace-cmd without flags, padded event names, the kernel trace file and bare payloads', () => {
    const lines = [
      '  qemu-system-x86-1234  [001]  1234.567890: kvm_page_fault:       address 7f8b1000 error_code 6',
      '  CPU 0/KVM-4145    [002] d..1.  86.581928: kvm_page_fault: vcpu 0 rip 0x1 address 0x0000000000002000 error_code 0x182',
      'kvm_page_fault: address 3000 error_code 181',
      'kvm:kvm_page_fault: address 4000 error_code 181',
      '     12481.879 qemu-system-x8/27004 kvm:kvm_page_fault:address 8000002000000 error_code 181',
    ];
    const r = parseTraceText(lines.join('\n'));
    expect(r.errors).toEqual([]);
    expect(r.gfns).toEqual([0x7f8b1, 2, 3, 4, 0x8000002000]);
  });

  it('skips headers, comments, blank lines and other events, including ones whose names end alike', () => {
    const lines = [
      '# tracer: nop',
      'cpus=2',
      'version = 6',
      '',
      '   ',
      'CPU 0/KVM-1 [000] 1.0: kvm_exit: reason EPT_VIOLATION rip 0x1 info 181 0',
      'CPU 0/KVM-1 [000] 1.0: fast_page_fault: vcpu 0 gva 1000 error_code P|W sptep ffff8881 old 0x1 new 3 spurious 0 fixed 1',
      'CPU 0/KVM-1 [000] 1.0: xkvm_page_fault: address 1000 error_code 181',
      'CPU 0/KVM-1 [000] 1.0: kvm:xkvm_page_fault: address 1000 error_code 181',
      'CPU 0/KVM-1 [000] 1.0: kvm_mmu_spte_requested: gfn 1 pfn 2 level 1',
    ];
    const r = parseTraceText(lines.join('\n'));
    expect(r).toMatchObject({ lines: 10, skipped: 10, faults: 0, errorCount: 0, maxGfn: -1 });
  });

  it('classifies permission faults and keeps them out of gfns', () => {
    const r = parseTraceText(SHORT_TRACE);
    expect(r.gfns).toEqual([0x10000, 0x2000]);
    expect(r.permissionFaults).toBe(1);
    expect(r.setSptes).toEqual([{ gfn: 0x10001, prefetched: true, level: 1 }]);
    expect(r).toMatchObject({ lines: 6, skipped: 2 });
    expect(accounted(r)).toBe(r.lines);
  });

  it('reads error codes and accessed bits as AMD NPT when asked', () => {
    const text = [
      'kvm_page_fault: address 1000 error_code 6',
      'kvm_page_fault: address 2000 error_code 7',
      'kvm_mmu_set_spte: gfn 2 spte 1000867 (rwxu) level 1 at 10',
      'kvm_mmu_set_spte: gfn 3 spte 1000847 (rwxu) level 1 at 10',
    ].join('\n');
    const r = parseTraceText(text, { hardware: 'npt' });
    expect(r.gfns).toEqual([1]);
    expect(r.permissionFaults).toBe(1);
    expect(r.setSptes.map((s) => s.prefetched)).toEqual([false, true]);
  });

  it('reads files with CR-only and mixed line endings line by line', () => {
    const lines = [
      'kvm_page_fault: address 1000 error_code 182',
      'kvm_page_fault: address 2000 error_code 182',
    ];
    expect(parseTraceText(lines.join('\r'))).toMatchObject({ lines: 2, faults: 2, gfns: [1, 2] });
    expect(parseTraceText(`${lines[0]}\r\n${lines[1]}\r# end\n`)).toMatchObject({ lines: 3, faults: 2 });
  });

  it('refuses vCPU numbers above 2^32 - 1 in the payload, as --vcpu does', () => {
    const r = parseTraceText('kvm_page_fault: vcpu 4294967296 rip 0x1 address 0x1000 error_code 0x181');
    expect(r.errors[0]).toEqual({
      line: 1,
      message: 'kvm_page_fault: vcpu 4294967296 is above 4294967295 (2^32 - 1)',
    });
    expect(
      parseTraceText('CPU 4294967296/KVM-1 [000] 1.0: kvm_page_fault: address 1000 error_code 181').vcpus,
    ).toEqual([]);
  });
});

describe('TraceParser: errors', () => {
  it('reports malformed event lines with their line numbers, keeping the first 20 and counting all', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) {
      lines.push(`CPU 0/KVM-1 [000] 1.0: kvm_page_fault: address ${(i + 1).toString(16)}000 error_code 181`);
      lines.push(
        i % 2 === 0
          ? 'CPU 0/KVM-1 [000] 1.0: kvm_page_fault: vcpu 0 rip 0x1 address'
          : 'kvm_mmu_set_spte: gfn zz',
      );
    }
    const r = parseTraceText(lines.join('\n'));
    expect(r.errorCount).toBe(30);
    expect(r.errors).toHaveLength(20);
    expect(r.errors.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i + 2));
    expect(r.errors[0]!.message).toMatch(/^kvm_page_fault: the line ends before its payload does/);
    expect(r.errors[1]!.message).toMatch(/^kvm_mmu_set_spte: expected a hex gfn at column 23/);
    expect(r.faults).toBe(30);
    expect(accounted(r)).toBe(r.lines);
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const r = parseTraceText(text);
        expect(accounted(r)).toBe(r.lines);
      }),
    );
  });

  it('never throws on damaged traces: cut, spliced, wrapped, with lines of other traces mixed in', () => {
    const sample = [
      LKML,
      PERF,
      'kvm_exit: vcpu 5 reason npf rip 0x1 info1 0x0000000100000006 info2 0x0000000000002000 intr_info 0x00000000 error_code 0x00000000',
      '  <...>-9 [001] d..1 1.0: kvm_exit: reason EXCEPTION_NMI rip 0x5 info 7f0000001000 80000b0e',
      '  <...>-9 [001] d..1 1.0: kvm_inj_exception: #PF (0x6)',
      'kvm_mmu_set_spte: gfn 113601 spte 113601837 (rwx) level 1 at ffff888104a3f008',
      '     12481.879 qemu-system-x8/27004 kvm:kvm_page_fault:address 8000002000000 error_code 181',
      'kvm_tdp_mmu_spte_changed: as id 0 gfn 1 level 1 old_spte 5a0 new_spte 1867',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...sample), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 6 })), { maxLength: 6 }),
        fc.integer({ min: 1, max: 120 }),
        (lines, edits, width) => {
          let text = lines.join(width % 3 === 0 ? '\r\n' : '\n');
          for (const [at, len, insert] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + (len % 8));
          }
          const wrapped = text
            .split('\n')
            .flatMap((l) => (width > 60 ? [l] : (l.match(new RegExp(`.{1,${width}}(\\s|$)`, 'g')) ?? [l])))
            .join('\n');
          for (const t of [text, wrapped]) {
            const r = parseTraceText(t);
            expect(accounted(r)).toBe(r.lines);
            for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(1);
            for (const e of r.errors) expect(e.line).toBeLessThanOrEqual(r.lines);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('recognises binary recordings loaded by mistake and stops', () => {
    const dat = parseTraceText('\x17\x08Dtracing6\0\0\0kvm_page_fault: address 1000 error_code 181\n');
    expect(dat.errors).toEqual([{ line: 1, message: expect.stringMatching(/binary trace-cmd trace\.dat/) }]);
    expect(dat.faults).toBe(0);
    const perf = new TraceParser();
    perf.push('PER');
    perf.push('FILE2\0\0\0\0\nmore');
    expect(perf.finish().errors[0]!.message).toMatch(/binary perf\.data.*perf script/);
  });

  it('reports overlong lines as errors with their line numbers, without holding them', () => {
    const long = 'x'.repeat(MAX_LINE_CHARS + 10);
    const p = new TraceParser();
    p.push(`${long.slice(0, 100)}`);
    p.push(`${long.slice(100)}\nkvm_page_fault: address 1000 error_code 181\n${long}`);
    const r = p.finish();
    expect(r).toMatchObject({ lines: 3, skipped: 0, faults: 1, errorCount: 2 });
    expect(r.errors.map((e) => e.line)).toEqual([1, 3]);
    expect(r.errors[0]!.message).toMatch(/longer than 65,536 characters/);
    // Even a valid fault padded with blanks past the limit: an error, not a silent skip.
    const padded = `kvm_page_fault: address 1000 error_code 181${' '.repeat(MAX_LINE_CHARS)}`;
    expect(parseTraceText(`${padded}\nkvm_page_fault: address 2000 error_code 181`)).toMatchObject({
      lines: 2,
      faults: 1,
      errorCount: 1,
      errors: [{ line: 1 }],
    });
  });
});

describe('TraceParser: chunks', () => {
  const whole = parseTraceText(SHORT_TRACE);

  it('gives the same result however a short input is split in two', () => {
    for (let i = 0; i <= SHORT_TRACE.length; i++) {
      const p = new TraceParser();
      p.push(SHORT_TRACE.slice(0, i));
      p.push(SHORT_TRACE.slice(i));
      expect(p.finish(), `split at ${i}`).toEqual(whole);
    }
  });

  it('gives the same result one character at a time and in random chunkings', () => {
    const p = new TraceParser();
    for (const c of SHORT_TRACE) p.push(c);
    expect(p.finish()).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: SHORT_TRACE.length }), { maxLength: 12 }), (cuts) => {
        const at = [0, ...[...cuts].sort((a, b) => a - b), SHORT_TRACE.length];
        const q = new TraceParser();
        for (let i = 0; i + 1 < at.length; i++) q.push(SHORT_TRACE.slice(at[i], at[i + 1]));
        expect(q.finish()).toEqual(whole);
      }),
    );
  });

  it('ignores a byte-order mark before the first line', () => {
    expect(parseTraceText('\ufeffkvm_page_fault: address 1000 error_code 181').gfns).toEqual([1]);
  });

  it('counts a last line without a newline, and no extra line after a final newline', () => {
    expect(parseTraceText('a\nb').lines).toBe(2);
    expect(parseTraceText('a\nb\n').lines).toBe(2);
    expect(parseTraceText('a\r\nb\r\n').lines).toBe(2);
    expect(parseTraceText('').lines).toBe(0);
  });

  it('reports progress in caller-given bytes and stops when cancelled between chunks', () => {
    const seen: number[] = [];
    let stop = false;
    const p = new TraceParser({ onProgress: (b) => seen.push(b), isCancelled: () => stop });
    p.push('kvm_page_fault: address 1000 error_code 181\n', 100);
    p.push('kvm_page_fault: address 2000 error_code 181\n', 50);
    stop = true;
    p.push('kvm_page_fault: address 3000 error_code 181\n', 50);
    const r = p.finish();
    expect(seen).toEqual([100, 150]);
    expect(r).toMatchObject({ cancelled: true, bytes: 150, gfns: [1, 2] });

    const q = new TraceParser();
    q.push('kvm_page_fault: address 1000 error_code 181\nkvm_page_fault: address 2000');
    q.cancel();
    q.push(' error_code 181\n');
    expect(q.finish()).toMatchObject({ cancelled: true, gfns: [1], lines: 1 });
  });
});
