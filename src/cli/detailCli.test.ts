import { describe, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The real CLI streaming --detail through a pipe: valid JSON out, a reader that stops early, and
// the up-front refusal. (Peak memory at the limit is measured by the envelopes bench.)

const root = fileURLToPath(new URL('../..', import.meta.url));

function sim(
  args: string[],
  stdin: string,
  stopAfter = Infinity,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
      cwd: root,
      stdio: 'pipe',
    });
    const out: string[] = [];
    let length = 0;
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out.push(d);
      length += d.length;
      if (length >= stopAfter) child.stdout.destroy();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: out.join(''), stderr }));
    child.stdin.end(stdin);
  });
}

const pattern = (pages: number) =>
  JSON.stringify({
    variant: 'buggy',
    memslots: [{ baseGfn: 0, pages: 2 ** 27 }],
    accesses: { pattern: 'sequential', startGfn: 0, pages },
  });

describe.concurrent('sim --detail (spawned)', () => {
  it('streams a million faults as one valid JSON document', async ({ expect }) => {
    const r = await sim(['-', '--detail'], pattern(2 ** 20));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { totals: { pfFixed: number }; faults: Array<{ gfn: number }> };
    expect(out.totals.pfFixed).toBe(2 ** 20);
    expect(out.faults).toHaveLength(2 ** 20);
    expect(out.faults[2 ** 20 - 1]).toEqual({ gfn: 2 ** 20 - 1, calls: [] });
  });

  it('stops quietly when the reader goes away (sim --detail | head)', async ({ expect }) => {
    const r = await sim(['-', '--detail'], pattern(2 ** 22), 4096);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('refuses 2^26 accesses up front: exit 2, one line, nothing on stdout', async ({ expect }) => {
    const r = await sim(['-', '--detail'], pattern(2 ** 26));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'sim: $.accesses: too large for --detail: 67,108,864 accesses, at most 16,777,216 (every fault is printed); run without --detail\n',
    );
  });
});
