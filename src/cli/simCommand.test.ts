import { describe, it, expect } from 'vitest';
import { describeReadError, HELP, parseSimArgs, runSimCommand, simulateText, USAGE } from './simCommand.ts';
import type { SimIo } from './simCommand.ts';

const scenario = { name: 'row 1', memslots: [{ baseGfn: 0, pages: 512 }], accesses: [8] };
const text = JSON.stringify(scenario);

function io(files: Record<string, string>, stdin = ''): SimIo {
  return {
    readFile: (path) =>
      path in files
        ? Promise.resolve(files[path]!)
        : Promise.reject(
            Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' }),
          ),
    readStdin: () => Promise.resolve(stdin),
  };
}

describe('parseSimArgs', () => {
  it.each([
    [['a.json'], { kind: 'run', input: 'a.json', detail: false }],
    [['--detail', 'a.json'], { kind: 'run', input: 'a.json', detail: true }],
    [['-', '--detail'], { kind: 'run', input: '-', detail: true }],
    [['--', '--odd-name.json'], { kind: 'run', input: '--odd-name.json', detail: false }],
    [['a.json', '--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
    [['--trace', 't.txt', '--vcpu', '1'], { kind: 'trace' }],
    [['--bogus', 'a.json'], { kind: 'error', message: 'unknown option "--bogus"' }],
    [[], { kind: 'error', message: 'missing scenario file' }],
    [['a.json', 'b.json'], { kind: 'error', message: 'too many arguments: a.json b.json' }],
  ])('%j', (argv, expected) => {
    expect(parseSimArgs(argv)).toEqual(expected);
  });
});

describe('simulateText', () => {
  it('prints one result, with the name, as 2-space JSON', () => {
    const out = simulateText(text);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    // The kernel it modelled follows the name (issue 12): variant fixed, the default, is 5.16.
    expect(out.stdout).toMatch(/^\{\n {2}"name": "row 1",\n {2}"kernel": "5.16",\n {2}"totals": \{\n/);
    const r = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual(['name', 'kernel', 'totals', 'engineMs']);
    expect(r.totals).toMatchObject({ pfFixed: 1, prefetched: 7, prefetchCalls: 1 });
  });

  it('prints an array of results in input order', () => {
    const arr = [scenario, { ...scenario, name: undefined, variant: 'buggy' }];
    const out = simulateText(JSON.stringify(arr));
    const r = JSON.parse(out.stdout) as Array<{ name?: string; totals: { prefetched: number } }>;
    expect(r.map((x) => [x.name, x.totals.prefetched])).toEqual([
      ['row 1', 7],
      [undefined, 0],
    ]);
  });

  it('adds faults only with detail', () => {
    expect(JSON.parse(simulateText(text).stdout)).not.toHaveProperty('faults');
    const r = JSON.parse(simulateText(text, { detail: true }).stdout) as { faults: unknown };
    expect(r.faults).toEqual([
      { gfn: 8, calls: [{ start: 9, end: 16, result: 0, installed: 7, trailing: true }] },
    ]);
  });

  it.each([
    [
      '{"memslots": [{"baseGfn": 0, "pages": -1}], "accesses": [1]}',
      'sim: $.memslots[0].pages: must be a positive integer\n',
    ],
    [
      '[{"memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1], "variant": "x"}]',
      /^sim: \$\[0\]\.variant: unknown variant "x"/,
    ],
    ['{"memslots": [', /^sim: \$: not JSON: [^\n]+\n$/],
    ['', /^sim: \$: not JSON: [^\n]+\n$/],
  ])('rejects %s with exit 2 and one line', (input, stderr) => {
    const out = simulateText(input);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    if (typeof stderr === 'string') expect(out.stderr).toBe(stderr);
    else expect(out.stderr).toMatch(stderr);
    expect(out.stderr.split('\n')).toHaveLength(2);
  });
});

describe('runSimCommand', () => {
  it('reads a file', async () => {
    const out = await runSimCommand(['s.json'], io({ 's.json': text }));
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ totals: { pfFixed: 1 } });
  });

  it("reads stdin for '-'", async () => {
    const out = await runSimCommand(['-', '--detail'], io({}, text));
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toHaveProperty('faults');
  });

  it('reports unreadable files in one line', async () => {
    expect(await runSimCommand(['foo.json'], io({}))).toEqual({
      stdout: '',
      stderr: 'sim: cannot read foo.json: no such file\n',
      code: 2,
    });
    const broken: SimIo = {
      readFile: () => Promise.reject(new Error('x')),
      readStdin: () => Promise.reject(new Error('closed')),
    };
    expect((await runSimCommand(['-'], broken)).stderr).toBe('sim: cannot read stdin: closed\n');
  });

  it('prints usage for bad flags and help for --help', async () => {
    const bad = await runSimCommand(['--detial', 's.json'], io({ 's.json': text }));
    expect(bad).toEqual({ stdout: '', stderr: `sim: unknown option "--detial" (${USAGE})\n`, code: 2 });
    const help = await runSimCommand(['--help'], io({}));
    expect(help).toEqual({ stdout: HELP, stderr: '', code: 0 });
    expect(HELP).toContain('--trace FILE');
  });
});

describe('describeReadError', () => {
  it.each([
    [{ code: 'ENOENT' }, 'no such file'],
    [{ code: 'EISDIR' }, 'is a directory'],
    [{ code: 'EACCES' }, 'permission denied'],
    [{ code: 'EMFILE' }, 'EMFILE'],
    [new Error('boom'), 'boom'],
    ['odd', 'odd'],
  ])('%j', (err, expected) => {
    expect(describeReadError(err)).toBe(expected);
  });
});

describe('input hygiene (issue 15)', () => {
  it('hands --trace=FILE to the trace command like --trace FILE', () => {
    expect(parseSimArgs(['--trace=t.txt'])).toEqual({ kind: 'trace' });
    expect(parseSimArgs(['--trace=t.txt', '--vcpu=0'])).toEqual({ kind: 'trace' });
    expect(parseSimArgs(['--tracer'])).toMatchObject({ kind: 'error' });
  });

  it('refuses a value given to --detail', () => {
    expect(parseSimArgs(['--detail=yes', 'a.json'])).toEqual({
      kind: 'error',
      message: '--detail takes no value',
    });
  });

  it('quotes a huge or hostile argument in a short line', async () => {
    const out = await runSimCommand([`--${'x'.repeat(100_000)}\u001b[2J`, 'a.json'], io({}));
    expect(out.code).toBe(2);
    expect(out.stderr.length).toBeLessThan(250);
    expect(out.stderr).toMatch(/^sim: unknown option "--x+…x+\\u001b\[2J" \(100,006 characters\) \(usage/);
    const many = parseSimArgs(Array.from({ length: 1000 }, (_, i) => `f${i}.json`));
    expect(many).toEqual({
      kind: 'error',
      message: 'too many arguments: f0.json f1.json f2.json and 997 more',
    });
  });

  it('escapes terminal codes in a file name', async () => {
    const out = await runSimCommand(['nope\u001b[31m\n.json'], io({}));
    expect(out.stderr).toBe('sim: cannot read nope\\u001b[31m\\n.json: no such file\n');
  });

  it('accepts a UTF-8 byte order mark, as the import dialog does', async () => {
    const out = await runSimCommand(['bom.json'], io({ 'bom.json': `\ufeff${text}` }));
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ totals: { pfFixed: 1 } });
  });

  it('quotes numbers as written', () => {
    const out = simulateText('{"version": 1e309, "memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1]}');
    expect(out.stderr).toBe('sim: $.version: unsupported version 1e309 (expected 1)\n');
    const big = simulateText(
      '{"variant": 9007199254740993, "memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1]}',
    );
    expect(big.stderr).toBe('sim: $.variant: unknown variant 9007199254740993 (expected buggy or fixed)\n');
  });

  it('keeps a 5 MB bad value out of the one line', () => {
    const v = 'v'.repeat(5_000_000);
    const out = simulateText(
      JSON.stringify({ variant: v, memslots: [{ baseGfn: 0, pages: 8 }], accesses: [1] }),
    );
    expect(out.code).toBe(2);
    expect(out.stderr.length).toBeLessThan(200);
    expect(out.stderr.split('\n')).toHaveLength(2);
  });

  it('names inputs over the size limit and UTF-16 text', () => {
    expect(describeReadError({ code: 'EFBIG' })).toBe('larger than 64 MiB (the input limit)');
    expect(describeReadError({ code: 'EUTF16' })).toBe('is UTF-16 text (save it as UTF-8)');
  });
});
