import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraceCommand } from './traceCommand.ts';
import { TraceSession } from '../worker/traceSession.ts';
import {
  MAX_TRACE_BYTES,
  MAX_TRACE_FAULTS,
  traceFaultsProblem,
  traceSizeProblem,
} from '../engine/traceLimits.ts';

describe('trace replay limits', () => {
  it('accepts up to 256 MiB and 1,000,000 faults, and says why above', () => {
    expect(traceSizeProblem(MAX_TRACE_BYTES)).toBeNull();
    expect(traceSizeProblem(MAX_TRACE_BYTES + 1)).toBe(
      '256.0 MiB: at most 256.0 MiB of trace text is read; record a shorter trace or cut it (one vCPU: grep its "CPU N/KVM" thread)',
    );
    expect(traceFaultsProblem(MAX_TRACE_FAULTS)).toBeNull();
    expect(traceFaultsProblem(1_234_567)).toBe(
      '1,234,567 page faults, more than the 1,000,000 a replay takes; replay one vCPU or a shorter trace',
    );
  });

  it('the CLI refuses a larger file before reading it: exit 2, one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trace-limit-'));
    const file = join(dir, 'big.txt');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 300 * 2 ** 20); // sparse: no disk used, nothing to read
    closeSync(fd);
    const out: string[] = [];
    const err: string[] = [];
    try {
      const code = await runTraceCommand(['--trace', file], {
        stdout: { write: (t: string) => out.push(t) },
        stderr: { write: (t: string) => err.push(t) },
        stdin: (async function* () {})(),
      });
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('')).toBe(
        `sim --trace: trace ${file} is 300.0 MiB: at most 256.0 MiB of trace text is read; record a shorter trace or cut it (one vCPU: grep its "CPU N/KVM" thread)\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the trace worker refuses a larger file before reading it', async () => {
    const blob = { size: MAX_TRACE_BYTES + 1, stream: () => new ReadableStream() } as unknown as Blob;
    await expect(
      new TraceSession().parse(
        { source: blob, name: 'big', vcpu: null, hardware: 'ept' },
        () => undefined,
        () => false,
      ),
    ).rejects.toThrow(/^the file is 256\.0 MiB: at most 256\.0 MiB/);
  });
});
