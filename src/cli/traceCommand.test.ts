import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTraceCommand } from './traceCommand.ts';
import type { TraceCommandIo } from './traceCommand.ts';

const SAMPLES = join(import.meta.dirname, '../../public/samples');
const SEQUENTIAL = join(SAMPLES, 'synthetic-sequential-v6.1.trace-cmd.txt');
const MIXED = join(SAMPLES, 'synthetic-mixed-v5.15.perf.txt');
const SET_SPTE = join(SAMPLES, 'synthetic-setspte-fixed-v6.1.trace-cmd.txt');
const AMD = join(SAMPLES, 'synthetic-amd-npt-v6.1.trace-cmd.txt');
const LEGACY_BUGGY = join(SAMPLES, 'synthetic-legacy-buggy-v5.15.perf.txt');
const SHADOW = join(SAMPLES, 'synthetic-shadow-v5.15.ftrace.txt');
const MAILED = join(SAMPLES, 'synthetic-mailed-v6.1.trace-cmd.txt');

async function* noInput(): AsyncGenerator<Uint8Array> {}

async function run(args: string[], stdin: AsyncIterable<string | Uint8Array> = noInput()) {
  let stdout = '';
  let stderr = '';
  const io: TraceCommandIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
  };
  const code = await runTraceCommand(args, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

function tempFile(name: string, text: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'trace-cmd-test-')), name);
  writeFileSync(path, text);
  return path;
}

describe('runTraceCommand: replay', () => {
  it('replays the sequential sample: every page faults when buggy, one in 8 when fixed', async () => {
    const r = await run(['--trace', SEQUENTIAL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.parse).toMatchObject({
      lines: 1538,
      faults: 1536,
      skipped: 2,
      permissionFaults: 0,
      errors: [],
      hardware: 'ept',
      hardwareSource: 'detected',
      hardwareEvidence: '1,536 error codes with EPT’s 0x80/0x100 bits.',
      rejoinedLines: 0,
      warnings: [],
    });
    expect(out.replay.addresses).toBe('guest-physical');
    expect(out.replay).toMatchObject({ memslotSource: 'x86-pci-hole', accesses: 1536, outsideMemslots: 0 });
    expect(out.buggy.totals).toMatchObject({ accesses: 1536, pfFixed: 1536, prefetched: 0 });
    expect(out.fixed.totals).toMatchObject({
      accesses: 1536,
      pfFixed: 192,
      prefetched: 1344,
      prefetchHits: 1344,
    });
    expect(out.tdp.totals).toMatchObject({ pfFixed: 1536, prefetched: 0 });
    expect(typeof out.fixed.engineMs).toBe('number');
    expect(out.kernel).toBeUndefined();
  });

  it('leaves permission and MMIO faults out, and filters by vCPU from the thread name (old payload)', async () => {
    const all = (await run(['--trace', MIXED])).json();
    expect(all.parse).toMatchObject({ faults: 488, permissionFaults: 24, vcpus: [0, 1], errorCount: 0 });
    expect(all.replay).toMatchObject({ accesses: 480, outsideMemslots: 8 });
    expect(all.replay.memslots).toEqual([
      { baseGfn: 0, pages: 0xc0000 },
      { baseGfn: 0x100000, pages: 0x80000 },
    ]);
    const one = (await run(['--trace', MIXED, '--vcpu', '1'])).json();
    expect(one.parse.faults).toBe(160);
    expect(one.replay).toMatchObject({ accesses: 160, outsideMemslots: 0 });
    expect(one.parse.otherVcpuEvents).toBe(
      all.parse.faults + all.parse.permissionFaults - 160 - one.parse.permissionFaults,
    );
  });

  it('compares with the kernel when set_spte lines exist: the fixed model agrees, the buggy one does not', async () => {
    const out = (await run(['--trace', SET_SPTE])).json();
    expect(out.parse.setSptes).toBeGreaterThan(1000);
    const { fixed, buggy, tdp } = out.kernel;
    expect(out.kernel).toMatchObject({ behaviour: 'legacy-after-fix', comparedWith: 'fixed', faults: 150 });
    expect(out.kernel.evidence).toMatch(/150 of the 176 faults .* prefetched the last entry of their window/);
    expect(tdp).toMatchObject({ modelPrefetched: 0, agree: 0 });
    expect(fixed).toMatchObject({ onlyKernel: 0, onlyModel: 0 });
    expect(fixed.agree).toBe(fixed.kernelPrefetched);
    expect(buggy.onlyKernel).toBeGreaterThan(0);
    expect(buggy.agree).toBeLessThan(fixed.agree);
  });

  it('takes memslots as inline JSON, as a file (array or scenario) and as a preset', async () => {
    // The sample faults on GFNs 0x10000..0x105ff; a slot ending at 0x10400 covers 1024 of them.
    const slots = '[{"baseGfn": 0, "pages": 66560}]';
    const inline = (await run(['--trace', SEQUENTIAL, '--memslots', slots])).json();
    expect(inline.replay).toMatchObject({ memslotSource: 'given', accesses: 1024, outsideMemslots: 512 });
    expect(inline.replay.outsideExamples[0]).toBe(0x10400);
    const file = tempFile('slots.json', JSON.stringify({ memslots: JSON.parse(slots) }));
    expect((await run(['--trace', SEQUENTIAL, `--memslots=${file}`])).json().replay.accesses).toBe(1024);
    const flat = (await run(['--trace', MIXED, '--memslots', 'flat'])).json();
    expect(flat.replay).toMatchObject({ memslotSource: 'flat', outsideMemslots: 0, accesses: 488 });
  });

  it('reads stdin for -, across chunk boundaries and CRLF line ends', async () => {
    const text = [
      'kvm_page_fault: address 1000 error_code 182',
      'kvm_page_fault: address 2000 error_code 182',
      '',
    ].join('\r\n');
    const bytes = new TextEncoder().encode(text);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.slice(i, i + 7);
    }
    const r = await run(['--trace', '-'], chunks());
    expect(r.code).toBe(0);
    expect(r.json().parse).toMatchObject({ lines: 2, faults: 2 });
    expect(r.json().fixed.totals).toMatchObject({ pfFixed: 1, prefetched: 7, prefetchHits: 1 });
  });
});

describe('runTraceCommand: hardware, kernel, vCPUs, shapes', () => {
  it('detects AMD NPT and the TDP MMU, and compares with the TDP model', async () => {
    const out = (await run(['--trace', AMD])).json();
    expect(out.parse).toMatchObject({
      hardware: 'npt',
      hardwareSource: 'detected',
      warnings: [],
      vcpus: [0, 1],
    });
    expect(out.parse.hardwareEvidence).toMatch(/^352 kvm_exit npf and 352 error codes with AMD’s bits 32–34/);
    expect(out.kernel).toMatchObject({ behaviour: 'no-prefetch', comparedWith: 'tdp' });
    expect(out.kernel.tdp).toMatchObject({
      kernelPrefetched: 0,
      modelPrefetched: 0,
      onlyKernel: 0,
      onlyModel: 0,
    });
    // --hardware reads it otherwise, and says the trace disagrees.
    const asEpt = (await run(['--trace', AMD, '--hardware', 'ept'])).json();
    expect(asEpt.parse).toMatchObject({ hardware: 'ept', hardwareSource: 'option' });
    expect(asEpt.parse.warnings.map((w: { code: string }) => w.code)).toEqual(['hardware-overridden']);
    expect((await run(['--trace', AMD, '--hardware=auto'])).json().parse.hardwareSource).toBe('detected');
  });

  it('infers the vCPU from kvm_entry on the same thread, and filters by it', async () => {
    const out = (await run(['--trace', LEGACY_BUGGY])).json();
    expect(out.parse).toMatchObject({ vcpus: [2], unknownVcpuEvents: 0, vcpuInferred: out.parse.faults });
    expect(out.kernel).toMatchObject({ behaviour: 'legacy-before-fix', comparedWith: 'buggy' });
    expect(out.kernel.buggy).toMatchObject({ onlyKernel: 0, onlyModel: 0 });
    const two = (await run(['--trace', LEGACY_BUGGY, '--vcpu', '2'])).json();
    expect(two.parse.faults).toBe(out.parse.faults);
  });

  it('replays shadow paging on guest virtual pages, with one flat slot, and says so', async () => {
    const out = (await run(['--trace', SHADOW])).json();
    expect(out.parse).toMatchObject({ hardware: 'shadow', faults: 96, guestFaults: 24 });
    expect(out.parse.warnings.map((w: { code: string }) => w.code)).toEqual(['shadow-paging']);
    expect(out.replay).toMatchObject({
      addresses: 'guest-virtual',
      memslotSource: 'flat',
      outsideMemslots: 0,
    });
    expect(out.fixed.totals.pfFixed).toBe(96);
    expect(out.kernel).toBeUndefined();
  });

  it('rejoins a trace wrapped in a mail and warns about its annotation', async () => {
    const out = (await run(['--trace', MAILED])).json();
    expect(out.parse.rejoinedLines).toBeGreaterThan(100);
    expect(out.parse.warnings).toEqual([
      { code: 'trailing-text', line: 10, count: 1, message: expect.stringMatching(/<-------- \[1\]/) },
    ]);
    expect(out.kernel.behaviour).toBe('legacy-after-fix');
  });

  it('reads perf trace output and CR-only line ends from stdin', async () => {
    const text = [
      '     0.000 qemu-system-x8/27004 kvm:kvm_exit:reason EPT_VIOLATION rip 0xffffffff81000000 info 182 0',
      '     0.004 qemu-system-x8/27004 kvm:kvm_page_fault:address 8000002000000 error_code 182',
      '     0.009 qemu-system-x8/27004 kvm:kvm_entry:vcpu 3',
    ].join('\r');
    const r = await run(
      ['--trace', '-', '--memslots', 'flat'],
      (async function* () {
        yield text;
      })(),
    );
    expect(r.stderr).toBe('');
    expect(r.json().parse).toMatchObject({
      lines: 3,
      faults: 1,
      vcpus: [3],
      vcpuInferred: 1,
      hardware: 'ept',
    });
  });
});

describe('runTraceCommand: bad input exits 2 with one line on stderr', () => {
  const empty = tempFile(
    'other.txt',
    'cpus=1\nCPU 0/KVM-1 [000] 1.0: kvm_exit: reason HLT rip 0x1 info 0 0\n',
  );
  const cases: Array<[string, string[], RegExp]> = [
    ['no --trace', ['--vcpu', '1'], /--trace FILE is required/],
    [
      'a missing file',
      ['--trace', '/nonexistent/trace.txt'],
      /cannot read trace \/nonexistent\/trace\.txt: no such file/,
    ],
    ['a directory', ['--trace', tmpdir()], /not a file/],
    ['a bad --vcpu', ['--trace', SEQUENTIAL, '--vcpu', 'abc'], /--vcpu must be a vCPU number/],
    ['a negative --vcpu', ['--trace', SEQUENTIAL, '--vcpu', '-1'], /--vcpu must be a vCPU number/],
    ['a missing value', ['--trace', SEQUENTIAL, '--vcpu'], /--vcpu needs a value/],
    ['an unknown option', ['--trace', SEQUENTIAL, '--fast'], /unknown option "--fast"/],
    [
      'a bad --hardware',
      ['--trace', SEQUENTIAL, '--hardware', 'arm'],
      /--hardware must be ept, npt, shadow or auto/,
    ],
    ['memslots that are not JSON', ['--trace', SEQUENTIAL, '--memslots', '[{oops'], /--memslots: not JSON/],
    [
      'memslots without pages',
      ['--trace', SEQUENTIAL, '--memslots', '[{"baseGfn": 0}]'],
      /memslots\[0\]\.pages: is required/,
    ],
    [
      'overlapping memslots',
      ['--trace', SEQUENTIAL, '--memslots', '[{"baseGfn":0,"pages":9},{"baseGfn":8,"pages":1}]'],
      /overlaps memslot 0/,
    ],
    [
      'an unknown memslots name',
      ['--trace', SEQUENTIAL, '--memslots', 'nowhere.json'],
      /neither JSON, a file, nor a preset/,
    ],
    [
      'a trace without page faults',
      ['--trace', empty],
      /no usable page faults in .*other\.txt: no kvm_page_fault events among 2 lines/,
    ],
    ['a vCPU with no faults', ['--trace', MIXED, '--vcpu', '7'], /none from vCPU 7 \(vCPUs seen: 0, 1\)/],
    [
      'faults all outside the memslots',
      ['--trace', SEQUENTIAL, '--memslots', '[{"baseGfn":0,"pages":16}]'],
      /all 1536 faults lie outside the memslots/,
    ],
  ];
  it.each(cases)('%s', async (_what, args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains binary recordings and traces of nothing but permission faults or malformed lines', async () => {
    const dat = tempFile(
      'trace.dat',
      new Uint8Array([0x17, 0x08, 0x44, ...new TextEncoder().encode('tracing6\0\0\0\0')]),
    );
    expect((await run(['--trace', dat])).stderr).toMatch(
      /trace\.dat: not a text trace: a binary trace-cmd trace\.dat/,
    );
    const perm = tempFile('perm.txt', 'kvm_page_fault: address 1000 error_code 18a\n');
    expect((await run(['--trace', perm])).stderr).toMatch(
      /all 1 kvm_page_fault events are permission faults when read as Intel EPT \(detected: 1 error codes with EPT’s 0x80\/0x100 bits\); --hardware reads them otherwise/,
    );
    const amdAsIntel = tempFile('amd.txt', 'kvm_page_fault: address fc000 error_code 14\n');
    const guessed = await run(['--trace', amdAsIntel]);
    expect(guessed.code).toBe(0);
    expect(guessed.json().parse).toMatchObject({ hardware: 'npt', hardwareSource: 'default', faults: 1 });
    expect((await run(['--trace', amdAsIntel, '--hardware', 'ept'])).stderr).toMatch(
      /permission faults when read as Intel EPT \(as asked; the trace has no evidence either way\)/,
    );
    const bad = tempFile('bad.txt', 'x\nkvm_page_fault: address 1000\n');
    expect((await run(['--trace', bad])).stderr).toMatch(
      /1 malformed event lines, the first at line 2: kvm_page_fault: the line ends before its payload does/,
    );
  });

  it('prints usage for --help and exits 0', async () => {
    const r = await run(['--trace', 'x', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run sim -- --trace FILE/);
  });
});
