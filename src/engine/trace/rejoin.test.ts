import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessMemslots } from './memslotGuess.ts';
import { modelTraceGroups, printEvents } from './modelTrace.ts';
import type { ModelKernel, TraceEvent } from './modelTrace.ts';
import { mailWrap } from './traceFormat.ts';
import type { FaultPayloadFormat, TraceTool } from './traceFormat.ts';
import { parseTraceText } from './traceParser.ts';
import type { ParsedTrace } from './types.ts';

/** What must not change when a trace is wrapped: everything but line counts and line numbers. */
function meaning(r: ParsedTrace) {
  const { lines: _l, skipped: _s, rejoinedLines: _r, bytes: _b, errors, warnings, ...rest } = r;
  return {
    ...rest,
    errors: errors.map((e) => e.message),
    warnings: warnings.map((w) => ({ code: w.code, count: w.count })),
  };
}

const wrapText = (text: string, width: number) =>
  text
    .split('\n')
    .flatMap((line) => mailWrap(line, width))
    .join('\n');

interface TraceSpec {
  tool: TraceTool;
  format: FaultPayloadFormat;
  hardware: 'ept' | 'npt';
  kernel: ModelKernel;
  exits: boolean;
  named: boolean;
  streams: number[][];
}

function traceOf(spec: TraceSpec): string {
  const all = spec.streams.flat();
  const memslots = guessMemslots(Math.max(0, ...all));
  const groups = spec.streams.map((accesses, vcpu) =>
    modelTraceGroups({
      ...spec,
      accesses,
      memslots,
      vcpu,
      comm: spec.named ? undefined : 'qemu-system-x86',
      tid: 3000 + vcpu,
      requested: spec.kernel !== 'buggy',
      tdpEvents: true,
      flags: spec.format === 'v6.1' ? '.....' : 'd..1',
    }),
  );
  const events: TraceEvent[] = [];
  for (let i = 0; groups.some((g) => i < g.length); i++)
    for (const g of groups) if (i < g.length) events.push(...g[i]!);
  const header = spec.tool === 'trace-cmd' ? ['cpus=4'] : [];
  return [...header, ...printEvents(spec.tool, events, 4711.5)].join('\n');
}

const traceSpec: fc.Arbitrary<TraceSpec> = fc.record({
  tool: fc.constantFrom<TraceTool>('trace-cmd', 'perf', 'ftrace', 'perf-trace'),
  format: fc.constantFrom<FaultPayloadFormat>('v5.15', 'v6.1'),
  hardware: fc.constantFrom<'ept' | 'npt'>('ept', 'npt'),
  kernel: fc.constantFrom<ModelKernel>('buggy', 'fixed', 'tdp'),
  exits: fc.boolean(),
  named: fc.boolean(),
  streams: fc.array(fc.array(fc.integer({ min: 0x1000, max: 0x1100 }), { minLength: 1, maxLength: 12 }), {
    minLength: 1,
    maxLength: 3,
  }),
});

describe('hard-wrapped traces', () => {
  it('parse the same as unwrapped, wrapped at any column (property)', () => {
    fc.assert(
      fc.property(traceSpec, fc.integer({ min: 1, max: 240 }), (spec, width) => {
        const text = traceOf(spec);
        const whole = parseTraceText(text);
        expect(whole.errorCount).toBe(0);
        const wrapped = parseTraceText(wrapText(text, width));
        expect(meaning(wrapped)).toEqual(meaning(whole));
        // Every extra line was joined back, none skipped or lost.
        expect(wrapped.lines - whole.lines).toBe(wrapped.rejoinedLines - whole.rejoinedLines);
      }),
      { numRuns: 150 },
    );
  });

  it('joins a line wrapped right after the event name, and one wrapped in its payload', () => {
    const text = [
      '  qemu-5786 [029] ..... 3602162.971194: kvm_page_fault:',
      'vcpu 4 rip 0xffffffff8103d0a3 address 0x00000000fed000f0 error_code 0x181',
      '  qemu-5786 [029] ..... 3602162.971201: kvm_page_fault: vcpu 4 rip',
      '0xffffffff8103d0a3 address 0x0000000012345000 error_code',
      '0x182',
    ].join('\n');
    const r = parseTraceText(text);
    expect(r).toMatchObject({ lines: 5, faults: 2, rejoinedLines: 3, errorCount: 0, vcpus: [4] });
    expect(r.gfns).toEqual([0xfed00, 0x12345]);
  });

  it('joins the pieces of a quoted reply, and keeps a line whose rest never came as an error', () => {
    const text = [
      '> CPU 2/KVM-9001 [001] ..... 512.000100: kvm_page_fault: vcpu 2 rip',
      '> 0xffffffff81000000 address 0x0000000000200000 error_code 0x182',
      '> CPU 2/KVM-9001 [001] ..... 512.000200: kvm_page_fault: vcpu 2 rip',
      '',
      '> CPU 2/KVM-9001 [001] ..... 512.000300: kvm_mmu_set_spte: gfn 200 spte',
      'Then the host crashed.',
    ].join('\n');
    const r = parseTraceText(text);
    expect(r).toMatchObject({ faults: 1, rejoinedLines: 1, errorCount: 2 });
    expect(r.errors.map((e) => e.line)).toEqual([3, 5]);
    expect(r.errors[0]!.message).toMatch(/kvm_page_fault: the line ends before its payload does/);
    expect(r.lines).toBe(r.faults + r.skipped + r.errorCount + r.rejoinedLines);
  });

  it('reports a trace cut in the middle of its last line, with that line', () => {
    const r = parseTraceText('kvm_page_fault: address 1000 error_code 182\nkvm_page_fault: address 2000 err');
    expect(r.errors).toEqual([
      { line: 2, message: expect.stringMatching(/trace cut in the middle of a line/) },
    ]);
    const cut = parseTraceText('kvm_page_fault: address 1000 error_code 182\nkvm_page_fault: address 2000');
    expect(cut.errors).toEqual([
      { line: 2, message: expect.stringMatching(/trace cut in the middle of a line/) },
    ]);
  });

  it('reads other events cut short as far as they go, and says so', () => {
    const r = parseTraceText(
      [
        'kvm_exit: vcpu 0 reason npf rip 0x1 info1 0x0000000100000006 info2',
        '',
        'kvm_page_fault: vcpu 0 rip 0x1 address 0x0000000000003000 error_code 0x100000006',
      ].join('\n'),
    );
    expect(r.hardware).toBe('npt');
    expect(r.evidence.exitNpf).toBe(1);
    expect(r.warnings.find((w) => w.code === 'incomplete-event')).toMatchObject({ line: 1, count: 1 });
  });

  it('keeps an annotated event and warns with the first line and the count', () => {
    const r = parseTraceText(
      [
        'kvm_page_fault: address 1000 error_code 582      <-------- [1]',
        'kvm_page_fault: address 2000 error_code 182',
        'kvm_mmu_set_spte: gfn 2 spte 2937 (rwx) level 1 at 10  (this one)',
      ].join('\n'),
      { hardware: 'ept' },
    );
    expect(r).toMatchObject({ faults: 2, errorCount: 0 });
    expect(r.warnings).toEqual([
      {
        code: 'trailing-text',
        line: 1,
        count: 2,
        message: expect.stringMatching(
          /^2 event lines have text after a complete payload \(first at line 1: "<-------- \[1\]"\)/,
        ),
      },
    ]);
  });
});
