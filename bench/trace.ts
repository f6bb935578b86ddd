// Trace parse throughput (issue 6: "parsed streaming in the worker"; issue 11: "stays at least
// 100 MB/s with detection and rejoining"). Writes synthetic ~100 MB traces to a temp dir with the
// project's own line writers (traceFormat.ts, as the samples and parser tests use) and parses each
// through the trace worker's code path in Node: fs.openAsBlob -> TraceSession.parse (Blob stream,
// TextDecoder, TraceParser with hardware detection, vCPU inference, the kernel-behaviour pass and
// rejoining). Best of 3. Run alone with `npx tsx bench/trace.ts`, or as a section of `npm run bench`.
import { closeSync, mkdtempSync, openAsBlob, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { faultPayload, frameEvent, mailWrap, setSptePayload } from '../src/engine/trace/traceFormat.ts';
import type { FaultPayloadFormat, TraceTool } from '../src/engine/trace/traceFormat.ts';
import { TraceSession } from '../src/worker/traceSession.ts';
import { machine } from './machine.ts';

const TARGET_BYTES = 100 * 1024 * 1024;
const GOAL_MB_S = 100;
const RUNS = 3;

interface TraceCase {
  name: string;
  tool: TraceTool;
  format: FaultPayloadFormat;
  /** kvm_mmu_set_spte lines after each fault (the kernel's side, for the comparison). */
  setSptes: boolean;
  /** Hard-wrapped at this many columns, as a mail client would. */
  wrap?: number;
}

const CASES: TraceCase[] = [
  { name: 'trace-cmd v6.1 + set_spte', tool: 'trace-cmd', format: 'v6.1', setSptes: true },
  { name: 'perf script v5.15', tool: 'perf', format: 'v5.15', setSptes: false },
  { name: 'trace-cmd v6.1, wrapped at 76', tool: 'trace-cmd', format: 'v6.1', setSptes: true, wrap: 76 },
];

/**
 * A guest of 4 vCPUs touching memory in runs: sequential stretches, strided ones and scattered
 * single pages, with a kvm_exit line (another event, counted and skipped) every 8 faults and a
 * permission fault now and then. Deterministic (an LCG), so every run parses the same bytes.
 */
function writeTrace(path: string, c: TraceCase): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let seed = 12345;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  let t = 100;
  let gfn = 0x1000;
  let faults = 0;
  try {
    while (bytes < TARGET_BYTES) {
      const lines: string[] = [];
      for (let i = 0; i < 4096; i++) {
        const vcpu = faults & 3;
        const frame = {
          comm: `CPU ${vcpu}/KVM`,
          tid: 4145 + vcpu,
          cpu: vcpu,
          seconds: (t += 0.000003),
          flags: '.....',
        };
        const pick = rand(100);
        gfn = pick < 80 ? gfn + 1 : pick < 90 ? gfn + 8 : rand(0x200000);
        const permission = rand(64) === 0;
        const ev = {
          vcpu,
          ripHex: 'ffffffff812b0950',
          gpa: gfn * 4096,
          errorCode: permission ? 0x18a : 0x182,
        };
        lines.push(frameEvent(c.tool, frame, 'kvm', 'kvm_page_fault', faultPayload(c.format, ev)));
        if (c.setSptes && !permission) {
          const spte = {
            gfn,
            spte: 0x600000000b77 + gfn * 4096,
            flags: 'rwx',
            level: 1,
            sptepHex: 'ffff9e7d4a3c1008',
          };
          lines.push(frameEvent(c.tool, frame, 'kvmmmu', 'kvm_mmu_set_spte', setSptePayload(spte)));
        }
        if ((faults & 7) === 7)
          lines.push(
            frameEvent(
              c.tool,
              frame,
              'kvm',
              'kvm_exit',
              'reason EPT_VIOLATION rip 0xffffffff812b0950 info 182 0',
            ),
          );
        faults++;
      }
      const wrapped = c.wrap === undefined ? lines : lines.flatMap((l) => mailWrap(l, c.wrap!));
      const text = wrapped.join('\n') + '\n';
      bytes += writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

interface CaseResult {
  name: string;
  mb: number;
  lines: number;
  faults: number;
  bestMs: number;
  allMs: number[];
  /** CPU time (user + system) of the best run: what the parse costs when the machine is shared. */
  bestCpuMs: number;
}

async function measure(path: string, c: TraceCase): Promise<CaseResult> {
  const allMs: number[] = [];
  const cpuMs: number[] = [];
  let lines = 0;
  let faults = 0;
  for (let i = 0; i < RUNS; i++) {
    const session = new TraceSession();
    const blob = await openAsBlob(path);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const s = await session.parse(
      { source: blob, name: c.name, vcpu: null, hardware: null },
      () => undefined,
      () => false,
    );
    allMs.push(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    cpuMs.push((cpu.user + cpu.system) / 1000);
    if (s.errorCount > 0)
      throw new Error(`${c.name}: ${s.errorCount} malformed lines, e.g. ${s.errors[0]?.message}`);
    lines = s.lines;
    faults = s.faults;
  }
  return {
    name: c.name,
    mb: statSync(path).size / 1e6,
    lines,
    faults,
    bestMs: Math.min(...allMs),
    allMs,
    bestCpuMs: Math.min(...cpuMs),
  };
}

export async function traceBench(): Promise<void> {
  console.log("\n## Trace parsing (Node, the trace worker's code path)\n");
  console.log(
    `Machine: ${machine()}; load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(', ')}\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'spte-trace-bench-'));
  const rows: string[][] = [];
  try {
    for (const c of CASES) {
      const path = join(dir, `${c.tool}-${c.format}.txt`);
      writeTrace(path, c);
      const r = await measure(path, c);
      const mbs = r.mb / (r.bestMs / 1000);
      rows.push([
        r.name,
        r.mb.toFixed(1),
        r.lines.toLocaleString('en-US'),
        r.faults.toLocaleString('en-US'),
        r.allMs.map((m) => m.toFixed(0)).join(' / '),
        mbs.toFixed(1),
        (r.mb / (r.bestCpuMs / 1000)).toFixed(1),
        `>= ${GOAL_MB_S}`,
        mbs >= GOAL_MB_S ? 'yes' : 'NO',
      ]);
      rmSync(path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const head = [
    'trace',
    'MB',
    'lines',
    'faults kept',
    `ms (${RUNS} runs)`,
    'MB/s (best)',
    'MB/s of CPU time',
    'goal',
    'met',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(
    [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'),
  );
  console.log(
    '\nMB = 10^6 bytes of trace text. Each run: a fresh TraceSession parses the file as a Blob' +
      ' (fs.openAsBlob; read, UTF-8 decode, parse with hardware detection and rejoining, classify at' +
      ' the end; per-fault arrays kept as the worker keeps them). "MB/s of CPU time" divides by the' +
      ' process CPU time of the fastest run, which a busy machine inflates less than wall time; the' +
      ' goal is judged on wall time.',
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await traceBench();
