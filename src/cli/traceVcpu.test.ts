import { describe, expect, it } from 'vitest';
import { runTraceCommand } from './traceCommand.ts';

// `--vcpu 0` must filter like any other vCPU number: 0 is falsy, and a `if (vcpu)` slip would
// replay every vCPU's faults instead (issue 15's tests-that-pin list).

const v61 = (vcpu: number, gfn: number) =>
  `  CPU ${vcpu}/KVM-41${vcpu} [00${vcpu}] .....    86.5000${10 + (gfn % 80)}: kvm_page_fault: vcpu ${vcpu} rip 0xffffffff812b0950 address 0x${(gfn * 4096 + 8).toString(16)} error_code 0x182`;
const v515 = (vcpu: number, gfn: number) =>
  `       CPU ${vcpu}/KVM   41${vcpu} [00${vcpu}]    86.5000${10 + (gfn % 80)}: kvm:kvm_page_fault: address ${(gfn * 4096).toString(16)} error_code 182`;

/** vCPU 0 touches 16 pages upwards from GFN 0x1000; vCPU 1 two pages at GFN 0x2000 and 0x2008. */
function trace(line: (vcpu: number, gfn: number) => string): string {
  const lines: string[] = [];
  for (let i = 0; i < 16; i++) {
    lines.push(line(0, 0x1000 + i));
    if (i === 3) lines.push(line(1, 0x2000));
    if (i === 9) lines.push(line(1, 0x2008));
  }
  return `${lines.join('\n')}\n`;
}

async function replay(text: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  async function* input() {
    yield text;
  }
  const code = await runTraceCommand(['--trace', '-', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: input(),
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as {
    parse: { faults: number; otherVcpuEvents: number; vcpus: number[] };
    replay: { accesses: number };
    buggy: { totals: { pfFixed: number } };
    fixed: { totals: { pfFixed: number; prefetched: number } };
  };
}

describe.each([
  ['v6.1 payload (vcpu field)', trace(v61)],
  ['v5.15 payload (CPU N/KVM thread name)', trace(v515)],
])('--vcpu on a %s', (_, text) => {
  it('without --vcpu replays every vCPU', async () => {
    const all = await replay(text, []);
    expect(all.parse).toMatchObject({ faults: 18, otherVcpuEvents: 0, vcpus: [0, 1] });
  });

  it.each([['--vcpu', '0'], ['--vcpu=0']])('%s %s replays only vCPU 0', async (...args) => {
    const zero = await replay(text, args.filter(Boolean));
    expect(zero.parse).toMatchObject({ faults: 16, otherVcpuEvents: 2, vcpus: [0, 1] });
    expect(zero.replay.accesses).toBe(16);
    // 16 ascending pages from an 8-aligned GFN: 16 faults before the fix, one per window after.
    expect(zero.buggy.totals.pfFixed).toBe(16);
    expect(zero.fixed.totals).toMatchObject({ pfFixed: 2, prefetched: 14 });
  });

  it('--vcpu 1 replays only vCPU 1', async () => {
    const one = await replay(text, ['--vcpu', '1']);
    expect(one.parse).toMatchObject({ faults: 2, otherVcpuEvents: 16 });
  });
});
