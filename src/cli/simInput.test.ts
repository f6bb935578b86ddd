import { describe, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_INPUT_BYTES } from './simCommand.ts';

// The real CLI process on inputs a careless or hostile user gives it (issue 15, point 8): each
// case is a spawn (about half a second), run concurrently.

const root = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = 'public/samples/synthetic-sequential-v6.1.trace-cmd.txt';
const row1 = JSON.stringify({ memslots: [{ baseGfn: 0, pages: 512 }], accesses: [8] });

function run(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function withDir<T>(f: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sim-input-'));
  return f(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe.concurrent('sim CLI input hygiene (spawned)', () => {
  it('accepts --trace=FILE and --vcpu=N like --trace FILE --vcpu N', async ({ expect }) => {
    const [a, b] = await Promise.all([
      run([`--trace=${SAMPLE}`, '--vcpu=0']),
      run(['--trace', SAMPLE, '--vcpu', '0']),
    ]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const strip = (s: string) => s.replace(/"engineMs": [\d.]+/g, '');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
  });

  it('accepts a file with a UTF-8 byte order mark', async ({ expect }) => {
    await withDir(async (dir) => {
      const file = join(dir, 'bom.json');
      writeFileSync(file, `\ufeff${row1}`);
      const r = await run([file]);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ totals: { pfFixed: 1, prefetched: 7 } });
    });
  });

  it('says a UTF-16 file is UTF-16', async ({ expect }) => {
    await withDir(async (dir) => {
      const file = join(dir, 'utf16.json');
      writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(row1, 'utf16le')]));
      const r = await run([file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^sim: cannot read \S+utf16\.json: is UTF-16 text \(save it as UTF-8\)\n$/);
    });
  });

  it('echoes a file name with terminal escape codes escaped', async ({ expect }) => {
    await withDir(async (dir) => {
      const file = join(dir, 'x\u001b[31mred\u0007.json');
      writeFileSync(file, '{"memslots": [], "accesses": []}');
      const [scenario, trace] = await Promise.all([
        run([file]),
        run(['--trace', join(dir, 'no\u001b]0;t\u0007')]),
      ]);
      expect(scenario.code).toBe(2);
      expect(trace.code).toBe(2);
      for (const r of [scenario, trace]) {
        expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/); // eslint-disable-line no-control-regex
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      }
      expect(trace.stderr).toContain('no\\u001b]0;t\\u0007');
    });
  });

  it('refuses an input over the size limit before reading it', async ({ expect }) => {
    await withDir(async (dir) => {
      const file = join(dir, 'huge.json');
      writeFileSync(file, '');
      truncateSync(file, MAX_INPUT_BYTES + 1); // sparse: no disk space used
      const r = await run([file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^sim: cannot read \S+huge\.json: larger than 64 MiB \(the input limit\)\n$/);
    });
  });

  it('keeps a 20 MB bad value and a 20 MB unknown key to one short line', async ({ expect }) => {
    const slot = '"memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1]';
    const [value, key] = await Promise.all([
      run(['-'], `{"variant": "${'v'.repeat(20_000_000)}", ${slot}}`),
      run(['-'], `{"${'k'.repeat(20_000_000)}": 1, ${slot}}`),
    ]);
    for (const r of [value, key]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.length).toBeLessThan(250);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(key.stderr).toMatch(/unknown key "k+…k+" \(20,000,000 characters\)\n$/);
  });

  it('quotes 1e309 and 9007199254740993 as written', async ({ expect }) => {
    const r = await run(
      ['-'],
      '{"version": 1e309, "memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1]}',
    );
    expect(r.stderr).toBe('sim: $.version: unsupported version 1e309 (expected 1)\n');
  });
});
