// Writes the synthetic example traces in public/samples/: `npx tsx scripts/gen-samples.ts`.
// Every trace is made up here from a seeded generator, never recorded from a kernel; each file
// says so in its name and in its first line. Output is byte-for-byte deterministic.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runScenario } from '../src/engine/run.ts';
import { guessMemslots } from '../src/engine/trace/memslotGuess.ts';
import { faultPayload, frameEvent, setSptePayload } from '../src/engine/trace/traceFormat.ts';
import type { FaultPayloadFormat, TraceTool } from '../src/engine/trace/traceFormat.ts';
import type { Scenario } from '../src/engine/types.ts';
import { modelSamples } from './sampleTraces.ts';

export interface SampleFile {
  name: string;
  description: string;
  text: string;
}

type TouchKind = 'read' | 'write' | 'permission' | 'mmio';
interface Touch {
  vcpu: number;
  gfn: number;
  kind: TouchKind;
}

/** EPT exit qualifications: access R/W/X, plus GVA valid and final translation (0x180). */
const ERROR_CODES: Record<TouchKind, number> = {
  read: 0x181,
  write: 0x182,
  // A write to an entry that exists read-only: 0x8 (readable) is set, so not a not-present fault.
  permission: 0x18a,
  mmio: 0x181,
};

/** Deterministic 32-bit generator (mulberry32). */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  shuffled(values: number[]): number[] {
    const out = [...values];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const range = (start: number, count: number, step = 1): number[] =>
  Array.from({ length: count }, (_, i) => start + i * step);
const touches = (vcpu: number, gfns: number[], kind: TouchKind = 'write'): Touch[] =>
  gfns.map((gfn) => ({ vcpu, gfn, kind }));

/** Interleaves per-vCPU streams in a seeded random order, keeping each stream's own order. */
function interleave(rng: Rng, streams: Touch[][]): Touch[] {
  const queues = streams.map((s) => [...s]);
  const out: Touch[] = [];
  for (;;) {
    const live = queues.filter((q) => q.length > 0);
    if (live.length === 0) return out;
    out.push(live[rng.int(live.length)]!.shift()!);
  }
}

interface WriterSpec {
  tool: TraceTool;
  format: FaultPayloadFormat;
  seed: number;
  header: string;
  /** Also print the kvm_exit / kvm_entry around each fault and a few other events. */
  otherEvents?: boolean;
}

/** Renders touches as one tool's text, with a clock, thread names and RIPs from the seed. */
class TraceWriter {
  readonly lines: string[] = [];
  private seconds = 86.5;
  private readonly rng: Rng;

  constructor(private readonly spec: WriterSpec) {
    this.rng = new Rng(spec.seed);
    this.lines.push(`# ${spec.header}`);
    if (spec.tool === 'trace-cmd') this.lines.push('cpus=4');
  }

  private frame(vcpu: number) {
    this.seconds += (2 + this.rng.int(38)) / 1e6;
    const flags = this.spec.format === 'v6.1' ? '.....' : undefined;
    return { comm: `CPU ${vcpu}/KVM`, tid: 4145 + vcpu, cpu: vcpu % 4, seconds: this.seconds, flags };
  }

  private event(vcpu: number, system: string, event: string, payload: string): void {
    this.lines.push(frameEvent(this.spec.tool, this.frame(vcpu), system, event, payload));
  }

  fault(t: Touch): void {
    const code = ERROR_CODES[t.kind];
    const ripHex = `ffffffff81${(0x200000 + this.rng.int(0xfffff)).toString(16)}`;
    const v6 = this.spec.format === 'v6.1';
    if (this.spec.otherEvents) {
      const qual = code.toString(16).padStart(16, '0');
      const exit = v6
        ? `vcpu ${t.vcpu} reason EPT_VIOLATION rip 0x${ripHex} info1 0x${qual} info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000`
        : `reason EPT_VIOLATION rip 0x${ripHex} info ${code.toString(16)} 0`;
      this.event(t.vcpu, 'kvm', 'kvm_exit', exit);
    }
    const gpa = t.gfn * 4096 + this.rng.int(512) * 8;
    this.event(
      t.vcpu,
      'kvm',
      'kvm_page_fault',
      faultPayload(this.spec.format, { vcpu: t.vcpu, ripHex, gpa, errorCode: code }),
    );
    if (t.kind === 'mmio' && this.spec.otherEvents) {
      this.event(t.vcpu, 'kvm', 'kvm_mmio', `mmio write len 4 gpa 0x${gpa.toString(16)} val 0x1`);
    }
    if (this.spec.otherEvents)
      this.event(t.vcpu, 'kvm', 'kvm_entry', v6 ? `vcpu ${t.vcpu}, rip 0x${ripHex}` : `vcpu ${t.vcpu}`);
  }

  /** A fast_page_fault line: its name ends like kvm_page_fault's, and the parser must skip it. */
  fastPageFault(t: Touch): void {
    const sptep = `ffff8881${(t.gfn * 8).toString(16).padStart(8, '0').slice(-8)}`;
    const payload = `vcpu ${t.vcpu} gva ${(t.gfn * 4096).toString(16)} error_code P|W sptep ${sptep} old 0x${(t.gfn * 4096 + 0x935).toString(16)} new ${(t.gfn * 4096 + 0xb37).toString(16)} spurious 0 fixed 1`;
    this.event(t.vcpu, 'kvmmmu', 'fast_page_fault', payload);
  }

  setSpte(vcpu: number, gfn: number, prefetched: boolean): void {
    // EPT leaf: RWX, write-back memory type, bit 11 (MMU-present); accessed (bit 8) unless prefetched.
    const host = gfn + 0x100000;
    const spte = host * 4096 + 0x837 + (prefetched ? 0 : 0x100);
    const sptepHex = `ffff8881${((gfn >>> 9) * 4096 + (gfn % 512) * 8).toString(16).padStart(8, '0').slice(-8)}`;
    this.event(
      vcpu,
      'kvmmmu',
      'kvm_mmu_set_spte',
      setSptePayload({ gfn, spte, flags: 'rwx', level: 1, sptepHex }),
    );
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

const SYNTHETIC = 'SYNTHETIC trace made by scripts/gen-samples.ts, not recorded from a real kernel.';
const NO_PREFETCH = 'Faults as a kernel without prefetch (TDP MMU) records them: every first touch faults.';

function simple(
  name: string,
  tool: TraceTool,
  format: FaultPayloadFormat,
  seed: number,
  what: string,
  list: Touch[],
): SampleFile {
  const description = `${what} ${NO_PREFETCH}`;
  const w = new TraceWriter({ tool, format, seed, header: `${SYNTHETIC} ${description}` });
  for (const t of list) w.fault(t);
  return { name, description, text: w.text() };
}

function mixed(name: string, tool: TraceTool, format: FaultPayloadFormat, seed: number): SampleFile {
  const rng = new Rng(seed);
  const low = touches(0, range(0x8000, 320));
  const high = touches(1, rng.shuffled(range(0x140000, 512)).slice(0, 160), 'read');
  const stream = interleave(rng, [low, high]);
  const description =
    'Two vCPUs: vCPU 0 writes 320 pages upwards from 128 MiB, vCPU 1 reads 160 random pages of 2 MiB at 5 GiB; ' +
    'with write-protection (permission) faults, MMIO faults in the PCI hole, kvm_exit/kvm_entry/kvm_mmio and ' +
    `fast_page_fault events interleaved. ${NO_PREFETCH}`;
  const w = new TraceWriter({ tool, format, seed, header: `${SYNTHETIC} ${description}`, otherEvents: true });
  let mmioPages = 0;
  stream.forEach((t, i) => {
    w.fault(t);
    if (i % 20 === 10) w.fault({ vcpu: t.vcpu, gfn: t.gfn, kind: 'permission' });
    if (i % 20 === 11) w.fastPageFault(t);
    // A device BAR in the PCI hole: each page faults once, then KVM installs an MMIO SPTE.
    if (i % 60 === 30) w.fault({ vcpu: 0, gfn: 0xfebd0 + mmioPages++, kind: 'mmio' });
  });
  return { name, description, text: w.text() };
}

/** Faults and set_spte lines of the fixed legacy MMU model, so the kernel comparison agrees. */
function withSetSptes(name: string, seed: number): SampleFile {
  const rng = new Rng(seed);
  const accesses = [
    ...range(0x4000, 768),
    ...rng.shuffled(range(0x6000, 512)).slice(0, 256),
    ...range(0x7000 + 127, 128, -1),
  ];
  const scenario: Scenario = {
    mmu: 'legacy',
    variant: 'fixed',
    backing: '4k',
    adBits: true,
    // What the replay will guess for these GFNs, so model and "kernel" see the same slots.
    memslots: guessMemslots(Math.max(...accesses)),
    nonResident: [],
    present: [],
    accesses,
  };
  const faults = runScenario(scenario, { detail: true }).faults ?? [];
  const description =
    'One vCPU: 768 pages upwards from 64 MiB, 256 random pages of 2 MiB at 96 MiB, 128 pages downwards at 112 MiB. ' +
    'Faults and kvm_mmu_set_spte events as the fixed legacy MMU model (c6cecc4b9324) produces them: ' +
    'prefetched SPTEs have the accessed bit (0x100) clear.';
  const w = new TraceWriter({
    tool: 'trace-cmd',
    format: 'v6.1',
    seed,
    header: `${SYNTHETIC} ${description}`,
  });
  for (const f of faults) {
    w.fault({ vcpu: 0, gfn: f.gfn, kind: 'write' });
    w.setSpte(0, f.gfn, false);
    for (const c of f.calls) for (let g = c.start; g < c.start + c.installed; g++) w.setSpte(0, g, true);
  }
  return { name, description, text: w.text() };
}

export function buildSamples(): SampleFile[] {
  const rng = new Rng(0x5eed);
  return [
    simple(
      'synthetic-sequential-v6.1.trace-cmd.txt',
      'trace-cmd',
      'v6.1',
      1,
      "One vCPU writes to 1536 pages (6 MiB) in ascending order from 256 MiB, like the seed patch's test, shrunk.",
      touches(0, range(0x10000, 1536)),
    ),
    simple(
      'synthetic-reverse-v5.15.trace-cmd.txt',
      'trace-cmd',
      'v5.15',
      2,
      'One vCPU writes to 1536 pages (6 MiB) in descending order, ending at 512 MiB.',
      touches(0, range(0x20000 + 1535, 1536, -1)),
    ),
    simple(
      'synthetic-stride-v6.1.perf.txt',
      'perf',
      'v6.1',
      3,
      'One vCPU reads every third page of 18 MiB from 768 MiB.',
      touches(1, range(0x30000, 1536, 3), 'read'),
    ),
    simple(
      'synthetic-random-v5.15.perf.txt',
      'perf',
      'v5.15',
      4,
      'One vCPU writes 1536 random pages of 8 MiB from 1 GiB.',
      touches(2, rng.shuffled(range(0x40000, 2048)).slice(0, 1536)),
    ),
    mixed('synthetic-mixed-v6.1.trace-cmd.txt', 'trace-cmd', 'v6.1', 5),
    mixed('synthetic-mixed-v5.15.perf.txt', 'perf', 'v5.15', 6),
    withSetSptes('synthetic-setspte-fixed-v6.1.trace-cmd.txt', 7),
    ...modelSamples(),
  ];
}

export const SAMPLES_DIR = fileURLToPath(new URL('../public/samples/', import.meta.url));

function main(): void {
  const samples = buildSamples();
  mkdirSync(SAMPLES_DIR, { recursive: true });
  // A renamed sample must not leave its old file behind.
  for (const f of readdirSync(SAMPLES_DIR)) if (f.startsWith('synthetic-')) rmSync(`${SAMPLES_DIR}${f}`);
  for (const s of samples) writeFileSync(`${SAMPLES_DIR}${s.name}`, s.text);
  const index = samples.map((s) => ({
    name: s.name,
    bytes: Buffer.byteLength(s.text),
    description: s.description,
  }));
  writeFileSync(
    `${SAMPLES_DIR}index.json`,
    `${JSON.stringify({ synthetic: true, samples: index }, null, 2)}\n`,
  );
  for (const s of index) console.log(`${s.name}  ${s.bytes} bytes`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
