import { describe, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// End-to-end checks of the real CLI process. Each spawn costs about half a second, so these are
// few and run concurrently; the logic itself is covered by simCommand.test.ts.

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  args: string[],
  stdin?: string,
  command = process.execPath,
  prefix = ['--import', 'tsx', 'src/cli/sim.ts'],
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], { cwd: root, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const row1 = JSON.stringify({ memslots: [{ baseGfn: 0, pages: 512 }], accesses: [8] });

describe.concurrent('sim CLI (spawned)', () => {
  it('runs a scenario file: the buggy seed', async ({ expect }) => {
    const r = await run(['public/scenarios/seed-buggy.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { totals: Record<string, number> };
    expect(out.totals).toMatchObject({ accesses: 1_572_864, pfFixed: 1_572_864, prefetched: 0 });
    expect(r.stdout).toMatch(/^\{\n {2}"name"/);
  });

  it("reads stdin for '-' and prints faults with --detail", async ({ expect }) => {
    const r = await run(['-', '--detail'], row1);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['kernel', 'totals', 'engineMs', 'faults']);
    expect(out.faults).toEqual([
      { gfn: 8, calls: [{ start: 9, end: 16, result: 0, installed: 7, trailing: true }] },
    ]);
  });

  it('runs an array and keeps its order', async ({ expect }) => {
    const r = await run(['public/scenarios/worked-examples.json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{ name: string; totals: { prefetched: number } }>;
    expect(out).toHaveLength(12);
    expect(out[0]).toMatchObject({ name: 'Row 1: none present, fault at 8', totals: { prefetched: 7 } });
    expect(out.every((x) => !('faults' in x))).toBe(true);
  });

  it.for<[string, string, RegExp]>([
    ['an invalid scenario', 'bad', /^sim: \$\.memslots\[0\]\.pages: must be a positive integer\n$/],
    ['a missing file', 'missing', /^sim: cannot read \S*nope\.json: no such file\n$/],
    ['an unknown flag', 'flag', /^sim: unknown option "--detial" \(usage: sim /],
  ])('exits 2 with one stderr line for %s', async ([, kind, stderr], { expect }) => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-test-'));
    const file = join(dir, kind === 'missing' ? 'nope.json' : 'bad.json');
    if (kind !== 'missing')
      writeFileSync(file, '{"memslots": [{"baseGfn": 0, "pages": 0}], "accesses": [1]}');
    const r = await run(kind === 'flag' ? ['--detial', file] : [file]).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\s+at\s|Error:/);
  });

  it('--kernel overrides the file, --compare-kernel runs beside it, and each names its kernel', async ({
    expect,
  }) => {
    const r = await run([
      'public/scenarios/seed-buggy.json',
      '--kernel',
      '5.16',
      '--compare-kernel=5.15.139',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['name', 'kernel', 'totals', 'engineMs', 'compareKernel', 'compare']);
    expect(out).toMatchObject({
      kernel: '5.16',
      totals: { pfFixed: 196_608, prefetched: 1_376_256 },
      compareKernel: '5.15.139',
      compare: { totals: { pfFixed: 1_572_864, prefetched: 0 } },
    });
  });

  it('an unknown --kernel exits 2 with one line listing the supported versions', async ({ expect }) => {
    const r = await run(['public/scenarios/seed.json', '--kernel', '9.1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^sim: --kernel: 9\.1 is not a Linux release; supported: 2\.6\.37-2\.6\.39, 3\.0-3\.19, 4\.0-4\.20, 5\.0-5\.19, 6\.x, 7\.x/,
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('works through node_modules/.bin/tsx too (npm run sim)', async ({ expect }) => {
    const r = await run(['--help'], undefined, join(root, 'node_modules/.bin/tsx'), ['src/cli/sim.ts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: sim <scenario\.json \| -> \[--detail\]/);
    expect(r.stderr).toBe('');
  });
});
