import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { runScenario } from '../engine/run.ts';
import { parseScenario } from '../engine/scenario.ts';
import { HARDWARE_LABELS } from '../engine/trace/hardwareEvidence.ts';
import { comparedModel, compareWithKernel } from '../engine/trace/kernelCompare.ts';
import { guessMemslots, MEMSLOT_PRESETS, memslotPreset } from '../engine/trace/memslotGuess.ts';
import { traceToScenario } from '../engine/trace/traceScenario.ts';
import { TraceParser } from '../engine/trace/traceParser.ts';
import { traceFaultsProblem, traceSizeProblem } from '../engine/traceLimits.ts';
import type { ParsedTrace, TraceHardware } from '../engine/trace/types.ts';
import type { Memslot, RunResult, Scenario } from '../engine/types.ts';
import { parseJsonText } from '../engine/jsonSource.ts';
import { oneLine, quoteArg } from './cliText.ts';

export interface TraceCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: AsyncIterable<string | Uint8Array>;
}

const USAGE = `usage: npm run sim -- --trace FILE [--vcpu N] [--memslots JSON|FILE|PRESET] [--hardware ept|npt|shadow|auto]
  FILE        text with kvm:kvm_page_fault events: trace-cmd report, perf script, perf trace, or the
              kernel's trace / trace_pipe file, hard-wrapped or not; - reads stdin (docs/recording.md)
  --vcpu      replay one vCPU's faults (the payload's vcpu, the "CPU N/KVM" thread name, or the vCPU
              that kvm_entry / kvm_exit name on the same thread)
  --memslots  a JSON array of {baseGfn, pages, readonly?, dirtyLog?}, a file holding one, or a preset:
              ${MEMSLOT_PRESETS.map((p) => p.id).join(', ')} (default: x86-pci-hole from the highest GPA;
              flat under shadow paging)
  --hardware  how error codes, addresses and accessed bits read: ept (Intel), npt (AMD), shadow
              (EPT/NPT off: addresses are guest virtual); auto (default) decides from the trace
Replays the not-present faults in the buggy and fixed legacy MMU and the TDP MMU, says which hardware
and (with kvmmmu:kvm_mmu_set_spte) which kernel behaviour the trace shows, and prints JSON.`;

/** Bad input: reported as one line on stderr with exit status 2. */
class UsageError extends Error {}

type MemslotChoice = { kind: 'given'; memslots: Memslot[] } | { kind: 'preset'; id: string };

interface TraceArgs {
  trace: string;
  vcpu?: number;
  /** null when the user gave none: then a preset suited to the decided hardware. */
  memslots: MemslotChoice | null;
  /** undefined: decided from the trace. */
  hardware?: TraceHardware;
}

const HARDWARE_CHOICES = ['ept', 'npt', 'shadow', 'auto'] as const;

/** `sim --trace FILE ...`: parses a KVM trace and replays its faults. Resolves to the exit status. */
export async function runTraceCommand(
  args: string[],
  io: TraceCommandIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<number> {
  try {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const opts = await parseArgs(args);
    const parsed = await parseTraceSource(opts, io);
    io.stdout.write(`${JSON.stringify(replay(opts, parsed), null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`sim --trace: ${oneLine(e.message)}\n`);
      return 2;
    }
    io.stderr.write(`sim --trace: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
}

async function parseArgs(args: string[]): Promise<TraceArgs> {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!['--trace', '--vcpu', '--memslots', '--hardware'].includes(name)) {
      throw new UsageError(`unknown option ${quoteArg(arg)} (see --help)`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    values.set(name, value);
  }
  const trace = values.get('--trace');
  if (trace === undefined || trace === '') throw new UsageError('--trace FILE is required (- reads stdin)');
  const out: TraceArgs = { trace, memslots: null };
  const vcpu = values.get('--vcpu');
  if (vcpu !== undefined) {
    if (!/^\d{1,10}$/.test(vcpu) || Number(vcpu) > 0xffffffff) {
      throw new UsageError(`--vcpu must be a vCPU number (0, 1, ...), got ${quoteArg(vcpu)}`);
    }
    out.vcpu = Number(vcpu);
  }
  const hardware = values.get('--hardware');
  if (hardware !== undefined) {
    const choice = HARDWARE_CHOICES.find((h) => h === hardware);
    if (choice === undefined)
      throw new UsageError(`--hardware must be ept, npt, shadow or auto, got ${quoteArg(hardware)}`);
    if (choice !== 'auto') out.hardware = choice;
  }
  const memslots = values.get('--memslots');
  if (memslots !== undefined) out.memslots = await memslotChoice(memslots);
  return out;
}

/** Inline JSON when it starts with "[" or "{", else a file if one exists, else a preset name. */
async function memslotChoice(arg: string): Promise<MemslotChoice> {
  const trimmed = arg.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{'))
    return { kind: 'given', memslots: memslotsFromJson(trimmed, '--memslots') };
  const isFile = await stat(arg).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile) {
    const text = await readFile(arg, 'utf8').catch((e: unknown) => {
      throw new UsageError(`cannot read memslots file ${arg}: ${errorText(e)}`);
    });
    return { kind: 'given', memslots: memslotsFromJson(text, arg) };
  }
  if (memslotPreset(arg)) return { kind: 'preset', id: arg };
  const presets = MEMSLOT_PRESETS.map((p) => p.id).join(', ');
  throw new UsageError(`--memslots ${quoteArg(arg)} is neither JSON, a file, nor a preset (${presets})`);
}

/** A JSON array of memslots, or an object with a memslots array (a scenario file). */
function memslotsFromJson(text: string, source: string): Memslot[] {
  const json = parseJsonText(text);
  if (!json.ok) throw new UsageError(`${source}: ${json.message}`);
  let value = json.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'memslots' in value) {
    value = (value as { memslots: unknown }).memslots;
  }
  const checked = parseScenario({ memslots: value, accesses: [] });
  if (!checked.ok) {
    const where = checked.error.path.replace(/^\$\.?/, '');
    throw new UsageError(`${source}: ${where ? `${where}: ` : ''}${checked.error.message}`);
  }
  return checked.value.memslots;
}

async function parseTraceSource(opts: TraceArgs, io: TraceCommandIo): Promise<ParsedTrace> {
  const parser = new TraceParser({ vcpu: opts.vcpu, hardware: opts.hardware });
  let source: AsyncIterable<string | Uint8Array>;
  if (opts.trace === '-') {
    source = io.stdin;
  } else {
    const info = await stat(opts.trace).catch((e: unknown) => {
      throw new UsageError(`cannot read trace ${opts.trace}: ${errorText(e)}`);
    });
    if (!info.isFile()) throw new UsageError(`cannot read trace ${opts.trace}: not a file`);
    const tooLarge = traceSizeProblem(info.size);
    if (tooLarge) throw new UsageError(`trace ${opts.trace} is ${tooLarge}`);
    source = createReadStream(opts.trace, { highWaterMark: 1 << 20 });
  }
  const decoder = new TextDecoder();
  let bytes = 0;
  try {
    for await (const chunk of source) {
      const n = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      bytes += n;
      // stdin has no size to check up front: stop as soon as it passes the limit.
      if (traceSizeProblem(bytes)) throw new UsageError(`trace on stdin is ${traceSizeProblem(Infinity)}`);
      if (typeof chunk === 'string') parser.push(chunk, n);
      else parser.push(decoder.decode(chunk, { stream: true }), n);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read trace ${opts.trace}: ${errorText(e)}`);
  }
  parser.push(decoder.decode(), 0);
  const parsed = parser.finish();
  if (parsed.faults === 0) throw new UsageError(noFaultsMessage(parsed, opts));
  return parsed;
}

function noFaultsMessage(p: ParsedTrace, opts: TraceArgs): string {
  const where = `no usable page faults in ${opts.trace === '-' ? 'stdin' : opts.trace}`;
  const first = p.errors[0];
  if (first && first.message.startsWith('not a text trace')) return `${where}: ${first.message}`;
  if (opts.vcpu !== undefined && p.otherVcpuEvents > 0) {
    const seen = p.vcpus.length > 0 ? p.vcpus.join(', ') : 'none';
    const unknown =
      p.unknownVcpuEvents > 0
        ? `; ${p.unknownVcpuEvents} events name no vCPU (old payload without "CPU N/KVM" thread names)`
        : '';
    return `${where}: none from vCPU ${opts.vcpu} (vCPUs seen: ${seen}${unknown})`;
  }
  if (p.permissionFaults > 0) {
    const evidence = p.hardwareEvidence.replace(/\.$/, '');
    const why =
      p.hardwareSource === 'option'
        ? `as asked; ${evidence.replace(/^As chosen; /, '')}`
        : `${p.hardwareSource === 'detected' ? 'detected' : 'guessed'}: ${evidence.charAt(0).toLowerCase()}${evidence.slice(1)}`;
    return (
      `${where}: all ${p.permissionFaults} kvm_page_fault events are permission faults when read as ` +
      `${HARDWARE_LABELS[p.hardware]} (${why}); --hardware reads them otherwise`
    );
  }
  if (first)
    return `${where}: ${p.errorCount} malformed event lines, the first at line ${first.line}: ${first.message}`;
  return `${where}: no kvm_page_fault events among ${p.lines} lines (record with trace-cmd record -e kvm:kvm_page_fault)`;
}

function replay(opts: TraceArgs, parsed: ParsedTrace) {
  // Guest virtual pages have no PCI hole: under shadow paging the default is one flat slot.
  const choice = opts.memslots ?? {
    kind: 'preset',
    id: parsed.hardware === 'shadow' ? 'flat' : 'x86-pci-hole',
  };
  const memslots =
    choice.kind === 'given'
      ? choice.memslots
      : (memslotPreset(choice.id)?.build(parsed.maxGfn) ?? guessMemslots(parsed.maxGfn));
  const traceName = opts.trace === '-' ? 'stdin' : basename(opts.trace);
  const { scenario, outsideMemslots, outsideExamples } = traceToScenario(parsed, memslots, {
    traceName,
    vcpu: opts.vcpu,
    guestVirtual: parsed.hardware === 'shadow',
  });
  const accesses = scenario.accesses as number[];
  const tooMany = traceFaultsProblem(accesses.length);
  if (tooMany) throw new UsageError(`cannot replay ${traceName}: ${tooMany} (--vcpu N)`);
  if (accesses.length === 0) {
    throw new UsageError(
      `no usable page faults in ${traceName}: all ${outsideMemslots} faults lie outside the memslots (MMIO?), e.g. GFN 0x${outsideExamples[0]?.toString(16)}`,
    );
  }
  const {
    gfns: _gfns,
    setSptes,
    kernel: _kernel,
    cancelled: _cancelled,
    bytes: _bytes,
    maxGfn: _maxGfn,
    ...counts
  } = parsed;
  const out: Record<string, unknown> = {
    parse: { ...counts, setSptes: setSptes.length },
    replay: {
      // Under shadow paging the "GFNs" below are guest virtual page numbers.
      addresses: parsed.hardware === 'shadow' ? 'guest-virtual' : 'guest-physical',
      memslots,
      memslotSource: choice.kind === 'given' ? 'given' : choice.id,
      accesses: accesses.length,
      // MMIO faults: no memslot, so nothing to install or prefetch; left out of every run.
      outsideMemslots,
      outsideExamples,
    },
    buggy: summary(runScenario({ ...scenario, variant: 'buggy' })),
    fixed: summary(runScenario({ ...scenario, variant: 'fixed' })),
    tdp: summary(runScenario({ ...scenario, mmu: 'tdp' })),
  };
  if (parsed.kernel !== null) out.kernel = kernelComparison(parsed, scenario);
  return out;
}

function summary(r: RunResult): Pick<RunResult, 'totals' | 'engineMs'> {
  return { totals: r.totals, engineMs: r.engineMs };
}

/**
 * What the traced kernel did, and its prefetched entries against each model's on the same fault
 * stream; `comparedWith` is the model that does what the kernel did (none when undetermined).
 * Under shadow paging set_spte names GFNs and the faults GVAs: nothing to compare.
 */
function kernelComparison(parsed: ParsedTrace, scenario: Scenario) {
  const k = parsed.kernel!;
  const verdict = {
    behaviour: k.behaviour,
    evidence: k.evidence,
    faults: k.faults,
    comparedWith: comparedModel(k.behaviour),
    setSptes: parsed.setSptes.length,
  };
  if (parsed.hardware === 'shadow') return verdict;
  const detail = (s: Scenario) => runScenario(s, { detail: true }).faults ?? [];
  return {
    ...verdict,
    buggy: compareWithKernel(parsed, detail({ ...scenario, variant: 'buggy' })),
    fixed: compareWithKernel(parsed, detail({ ...scenario, variant: 'fixed' })),
    tdp: compareWithKernel(parsed, detail({ ...scenario, mmu: 'tdp' })),
  };
}

function errorText(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}
