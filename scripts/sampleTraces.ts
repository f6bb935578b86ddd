// The samples that show hardware detection, the traced kernel's behaviour, vCPU inference, shadow
// paging and mailed (hard-wrapped, annotated) traces. Like the others, made up here from the model
// and a seeded order, never recorded from a kernel.
import { guessMemslots } from '../src/engine/trace/memslotGuess.ts';
import { modelTraceGroups, printEvents } from '../src/engine/trace/modelTrace.ts';
import type { TraceEvent } from '../src/engine/trace/modelTrace.ts';
import {
  entryPayload,
  exitPayload,
  faultPayload,
  injectedPfPayload,
  mailWrap,
} from '../src/engine/trace/traceFormat.ts';
import type { SampleFile } from './gen-samples.ts';

const SYNTHETIC = 'SYNTHETIC trace made by scripts/gen-samples.ts, not recorded from a real kernel.';

/** Deterministic order (a 32-bit LCG), so the files never change unless the generator does. */
function shuffled(values: number[], seed: number): number[] {
  const out = [...values];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const range = (start: number, count: number, step = 1): number[] =>
  Array.from({ length: count }, (_, i) => start + i * step);

/** Alternates the fault groups of several vCPU streams, a few faults of each at a time. */
function interleave(streams: TraceEvent[][][], run = 3): TraceEvent[] {
  const out: TraceEvent[] = [];
  const at = streams.map(() => 0);
  for (let live = true; live;) {
    live = false;
    streams.forEach((groups, s) => {
      for (let k = 0; k < run && at[s]! < groups.length; k++) out.push(...groups[at[s]!++]!);
      if (at[s]! < groups.length) live = true;
    });
  }
  return out;
}

function file(name: string, description: string, lines: string[], header: string[] = []): SampleFile {
  return {
    name,
    description,
    text: `${[`# ${SYNTHETIC} ${description}`, ...header, ...lines].join('\n')}\n`,
  };
}

/** AMD NPT host on v6.1+ with the TDP MMU (the default): no neighbour is ever prefetched. */
function amdTdp(): SampleFile {
  const low = range(0x20000, 256);
  const high = shuffled(range(0x120000, 512), 11).slice(0, 96);
  const spec = {
    tool: 'trace-cmd',
    format: 'v6.1',
    hardware: 'npt',
    kernel: 'tdp',
    exits: true,
    requested: true,
    tdpEvents: true,
    flags: '.....',
  } as const;
  const memslots = guessMemslots(Math.max(...high));
  const events = interleave([
    modelTraceGroups({ ...spec, vcpu: 0, accesses: low, memslots }),
    modelTraceGroups({ ...spec, vcpu: 1, accesses: high, memslots }),
  ]);
  const description =
    'AMD NPT host, v6.1+ formats, TDP MMU: two vCPUs (256 pages upwards from 512 MiB, 96 random pages of 2 MiB at 4.5 GiB). ' +
    'kvm_exit says npf, error codes carry bit 32; kvm_mmu_set_spte has the NPT accessed bit (0x20); ' +
    'kvm_tdp_mmu_spte_changed shows the TDP MMU, which never prefetches.';
  return file('synthetic-amd-npt-v6.1.trace-cmd.txt', description, printEvents('trace-cmd', events), [
    'cpus=2',
  ]);
}

/** Intel host on v5.15 with kvm.tdp_mmu=0: the legacy MMU before the fix; QEMU threads not named. */
function intelLegacyBuggy(): SampleFile {
  const accesses = [...shuffled(range(0x30000, 1024), 5).slice(0, 300), ...range(0x38000, 240)];
  const memslots = guessMemslots(Math.max(...accesses));
  const groups = modelTraceGroups({
    tool: 'perf',
    format: 'v5.15',
    hardware: 'ept',
    kernel: 'buggy',
    exits: true,
    accesses,
    memslots,
    vcpu: 2,
    comm: 'qemu-system-x86',
    tid: 20917,
  });
  const description =
    'Intel EPT host, v5.15 formats, kvm.tdp_mmu=0: the legacy MMU before c6cecc4b9324. One vCPU (300 random pages of 4 MiB ' +
    'at 768 MiB, then 240 pages upwards at 896 MiB) on a thread QEMU did not name, so only kvm_entry says it is vCPU 2. ' +
    'Runs before a fault are prefetched, runs to the end of a window never.';
  return file('synthetic-legacy-buggy-v5.15.perf.txt', description, printEvents('perf', groups.flat()));
}

/** Intel host with ept=0: shadow paging, raw ftrace file, guest virtual addresses. */
function intelShadow(): SampleFile {
  const frame = { comm: '<...>', tid: 35787, cpu: 3, flags: 'd..1' };
  const events: TraceEvent[] = [];
  const add = (system: string, event: string, payload: string) =>
    events.push({ frame, system, event, payload });
  // A buffer the guest mapped already (its PTEs present): faults at each 8-page window's start,
  // as shadow paging prefetches the rest; and pages the guest has not mapped: KVM hands the #PF back.
  const base = 0x7f3a5c000;
  const touched = [...range(base, 96, 8), ...range(base + 0x400, 24)];
  touched.forEach((page, i) => {
    const guestOwn = i >= 96;
    const gva = page * 4096 + ((i * 24) % 4096);
    const code = guestOwn ? 0x6 : 0x4;
    const ripHex = `55d0c4a${(0x1000 + i * 16).toString(16)}`;
    add(
      'kvm',
      'kvm_exit',
      exitPayload('v5.15', {
        vcpu: 0,
        reason: 'EXCEPTION_NMI',
        ripHex,
        info1: BigInt(gva),
        info2: 0n,
        intrInfo: 0x80000b0e,
        errorCode: code,
      }),
    );
    add('kvm', 'kvm_page_fault', faultPayload('v5.15', { vcpu: 0, ripHex, gpa: gva, errorCode: code }));
    if (guestOwn) add('kvm', 'kvm_inj_exception', injectedPfPayload(code));
    add('kvm', 'kvm_entry', entryPayload('v5.15', 0, ripHex));
  });
  const description =
    "Intel host with ept=0 (shadow paging), the kernel's own trace file: kvm_exit EXCEPTION_NMI carries a #PF " +
    '(intr info 0x80000b0e), addresses are guest virtual. 96 faults on a buffer the guest had mapped, one per 8-page ' +
    'window, and 24 the guest takes itself (kvm_inj_exception #PF).';
  return file('synthetic-shadow-v5.15.ftrace.txt', description, printEvents('ftrace', events), [
    '# tracer: nop',
    '#',
    '#                                _-----=> irqs-off',
    '#           TASK-PID     CPU#  ||||   TIMESTAMP  FUNCTION',
    '#              | |         |   ||||      |         |',
  ]);
}

/** A fixed-kernel trace as pasted into a mail: wrapped at 72 columns, quoted, annotated. */
function mailed(): SampleFile {
  const accesses = [...range(0x9000, 64), ...range(0x9100 + 63, 64, -1)];
  const memslots = guessMemslots(Math.max(...accesses));
  const lines = printEvents(
    'trace-cmd',
    modelTraceGroups({
      tool: 'trace-cmd',
      format: 'v6.1',
      hardware: 'ept',
      kernel: 'fixed',
      accesses,
      memslots,
      vcpu: 3,
      exits: true,
      flags: '.....',
    }).flat(),
    3602162.97,
  );
  const body: string[] = [];
  lines.forEach((line, i) => {
    const note = i === 2 ? '    <-------- [1]' : '';
    body.push(...mailWrap(line + note, 72).map((piece) => `> ${piece}`));
  });
  const description =
    'A trace of the fixed legacy MMU as quoted in a mail reply: every line hard-wrapped at 72 columns, quoted with "> ", ' +
    'one annotated. One vCPU, 64 pages upwards and 64 downwards at 144 MiB; the parser rejoins the pieces.';
  return file('synthetic-mailed-v6.1.trace-cmd.txt', description, [
    'On Mon, 3 Mar 2025, someone wrote:',
    '> Here is what the host recorded:',
    '>',
    ...body,
    '>',
    '> [1] the first fault of the run',
  ]);
}

export function modelSamples(): SampleFile[] {
  return [amdTdp(), intelLegacyBuggy(), intelShadow(), mailed()];
}
