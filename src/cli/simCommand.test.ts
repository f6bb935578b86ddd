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
