import { describe, expect, it } from 'vitest';
import { parseSimArgs, runSimCommand, simulateText } from './simCommand.ts';
import { extractKernelFlags, withKernels } from './simKernels.ts';
import type { SimResult } from './simKernels.ts';
import { parseScenario } from '../engine/scenario.ts';

// One fault on entry 8 of an empty table: 5.15 drops the trailing run 9-15, 5.16 prefetches it.
const seedFault = { name: 'fault on 8', memslots: [{ baseGfn: 0, pages: 512 }], accesses: [8] };
// Shadow paging, window 8-15, the guest PTE of GVA 10 with Accessed clear: before v3.8 the walk
// skips it (9 and 11-15 prefetched, 6), from v3.8 it ends there (9 only, 1).
const badGpte = {
  mmu: 'shadow',
  memslots: [{ baseGfn: 0, pages: 64 }],
  guest: {
    paging: true,
    pageTables: [
      { gvaPage: 0, pages: 64, gfn: 0 },
      { gvaPage: 10, pages: 1, gfn: 10, accessed: false },
    ],
  },
  accesses: [8],
};

const run = (scenario: object, opts: Parameters<typeof simulateText>[1] = {}): SimResult => {
  const out = simulateText(JSON.stringify(scenario), opts);
  if (out.code !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as SimResult;
};

describe('sim names the kernel it modelled', () => {
  it('from the variant, the kernel, or both', () => {
    expect(run(seedFault).kernel).toBe('5.16');
    expect(run({ ...seedFault, variant: 'buggy' }).kernel).toBe('5.15');
    expect(run({ ...seedFault, kernel: 'v5.15.139' }).kernel).toBe('5.15.139');
    expect(run({ ...seedFault, kernel: 'buggy' }).kernel).toBe('5.15');
    expect(run({ ...seedFault, kernel: '2.6.37' })).toMatchObject({
      kernel: '2.6.37',
      totals: { prefetched: 0 },
    });
  });

  it("runs a scenario's compareKernel too, beside the kernel's run", () => {
    const r = run({ ...badGpte, kernel: '3.8', compareKernel: '3.7' });
    expect(Object.keys(r)).toEqual(['kernel', 'totals', 'engineMs', 'compareKernel', 'compare']);
    expect(r).toMatchObject({ kernel: '3.8', totals: { pfFixed: 1, prefetched: 1 }, compareKernel: '3.7' });
    expect(r.compare?.totals).toMatchObject({ pfFixed: 1, prefetched: 6 });
    const detailed = run({ ...badGpte, kernel: '3.8', compareKernel: '3.7' }, { detail: true });
    expect(detailed.faults).toHaveLength(1);
    expect(detailed.compare?.faults).toHaveLength(1);
  });
});

describe('--kernel and --compare-kernel', () => {
  it('are read in either spelling, anywhere before --, as the labels the format writes', () => {
    expect(parseSimArgs(['--kernel', 'v5.15.139', 'a.json'])).toEqual({
      kind: 'run',
      input: 'a.json',
      detail: false,
      kernel: '5.15.139',
    });
    expect(parseSimArgs(['a.json', '--compare-kernel=buggy', '--detail', '--kernel=6.13'])).toEqual({
      kind: 'run',
      input: 'a.json',
      detail: true,
      kernel: '6.13',
      compareKernel: '5.15',
    });
    expect(parseSimArgs(['--compare-kernel', 'none', '-'])).toMatchObject({
      input: '-',
      compareKernel: 'none',
    });
    expect(parseSimArgs(['--', '--kernel'])).toEqual({ kind: 'run', input: '--kernel', detail: false });
  });

  it('an unknown version or a missing one is one line naming what is supported', () => {
    for (const [argv, message] of [
      [
        ['--kernel', '9.1', 'a.json'],
        /^--kernel: 9\.1 is not a Linux release; supported: 2\.6\.37-2\.6\.39, 3\.0-3\.19/,
      ],
      [['--compare-kernel=2.6.30', 'a.json'], /^--compare-kernel: 2\.6\.30 is older than 2\.6\.37/],
      [['a.json', '--kernel'], /^--kernel needs a version, e\.g\. --kernel 5\.15\.139$/],
      [['--kernel', '--detail', 'a.json'], /^--kernel needs a version/],
      [['--compare-kernel=', 'a.json'], /^--compare-kernel needs a version/],
    ] as const) {
      const r = parseSimArgs(argv);
      expect(r.kind).toBe('error');
      expect(r.kind === 'error' && r.message).toMatch(message);
    }
    expect(extractKernelFlags(['--kernel', 'fixed'])).toEqual({
      ok: true,
      rest: [],
      overrides: { kernel: '5.16' },
    });
  });

  it('--kernel replaces the file kernel and variant: the buggy file runs fixed on 6.1', () => {
    const r = run({ ...seedFault, variant: 'buggy' }, { kernel: '6.1' });
    expect(r).toMatchObject({ kernel: '6.1', totals: { pfFixed: 1, prefetched: 7 } });
    const back = run({ ...seedFault, kernel: '5.16' }, { kernel: '5.15.139' });
    expect(back).toMatchObject({ kernel: '5.15.139', totals: { prefetched: 0 } });
  });

  it("--compare-kernel adds a run, replaces the file's compareKernel, or with none drops it", () => {
    const r = run(badGpte, { kernel: '3.8', compareKernel: '3.7' });
    expect(r).toMatchObject({ kernel: '3.8', totals: { prefetched: 1 }, compareKernel: '3.7' });
    expect(r.compare?.totals.prefetched).toBe(6);
    // Without a kernel the variant's short form is the kernel compared with.
    expect(run(seedFault, { compareKernel: '5.15' })).toMatchObject({
      kernel: '5.16',
      totals: { prefetched: 7 },
      compareKernel: '5.15',
      compare: { totals: { prefetched: 0 } },
    });
    const dropped = run({ ...badGpte, kernel: '3.8', compareKernel: '3.7' }, { compareKernel: 'none' });
    expect(dropped).not.toHaveProperty('compare');
    expect(dropped).not.toHaveProperty('compareKernel');
  });

  it('--detail streams the same result, both kernels with their faults', () => {
    const streamed = simulateText(JSON.stringify([seedFault, badGpte]), {
      detail: true,
      kernel: '3.8',
      compareKernel: '3.7',
    });
    const r = JSON.parse(streamed.stdout) as SimResult[];
    expect(r.map((x) => [x.kernel, x.compareKernel, x.faults?.length, x.compare?.faults?.length])).toEqual([
      ['3.8', '3.7', 1, 1],
      ['3.8', '3.7', 1, 1],
    ]);
    expect(r[1]!.faults![0]).toMatchObject({ gva: 8, prefetched: [{ gva: 9 }] });
    expect(r[1]!.compare!.faults![0]!.prefetched).toHaveLength(6);
  });

  it('applies to every scenario of an array', () => {
    const out = simulateText(JSON.stringify([seedFault, { ...seedFault, variant: 'buggy' }]), {
      kernel: '4.19',
    });
    const r = JSON.parse(out.stdout) as SimResult[];
    expect(r.map((x) => [x.kernel, x.totals.prefetched])).toEqual([
      ['4.19', 0],
      ['4.19', 0],
    ]);
  });

  it('withKernels keeps a scenario valid for the format', () => {
    const parsed = parseScenario({ ...seedFault, variant: 'buggy' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const s = withKernels(parsed.value, { kernel: '6.13', compareKernel: '2.6.37' });
    expect(parseScenario(s)).toEqual({ ok: true, value: s });
  });

  it('runSimCommand passes the flags through', async () => {
    const io = {
      readFile: () => Promise.resolve(JSON.stringify(seedFault)),
      readStdin: () => Promise.resolve(''),
    };
    const out = await runSimCommand(['s.json', '--kernel', '5.15'], io);
    expect(JSON.parse(out.stdout)).toMatchObject({ kernel: '5.15', totals: { prefetched: 0 } });
    const bad = await runSimCommand(['s.json', '--kernel', 'next'], io);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^sim: --kernel: "next" is not a kernel version like 5\.15; supported: .*\n$/);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
