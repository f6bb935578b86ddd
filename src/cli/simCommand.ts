import { parseScenarioText } from '../engine/scenario.ts';
import type { Scenario } from '../engine/types.ts';
import { detailRefusal, writeDetail } from './detailOutput.ts';
import { extractKernelFlags, simResult, withKernels } from './simKernels.ts';
import type { KernelOverrides, SimResult } from './simKernels.ts';
import { fileName, oneLine, quoteArg } from './cliText.ts';

/*
 * The sim command without I/O: argv and input text in, {stdout, stderr, code} out. sim.ts only
 * reads files and stdin and writes the streams, so everything here is unit-testable.
 */

export const USAGE =
  'usage: sim <scenario.json | -> [--detail] [--kernel VERSION] [--compare-kernel VERSION|none]';
export const TRACE_USAGE = 'usage: sim --trace FILE [--vcpu N] [--memslots JSON]';

export const HELP = `${USAGE}
       ${TRACE_USAGE.slice('usage: '.length)}

Runs KVM x86 MMU prefetch scenarios (format version 1; see docs/cli-and-format.md) and prints
the results as JSON: one object for a scenario object, an array in the same order for an array.

  <scenario.json>  file holding one scenario object or an array of them; '-' reads stdin
  --detail         also print every fault with its prefetch batches, or under shadow paging
                   its prefetched entries and failure (large for big scenarios)
  --kernel V       run every scenario on kernel V (5.15.139, 4.13, 2.6.37, buggy, fixed)
                   instead of its own kernel/variant
  --compare-kernel V
                   also run every scenario on kernel V, printed as "compare" beside the run
                   (a scenario's own compareKernel runs too; 'none' skips it)
  --trace FILE     replay a recorded kvm:kvm_page_fault trace instead (with --vcpu, --memslots)
  -h, --help       print this help

Exit status: 0 success, 2 bad arguments or input (one line on stderr), 1 internal error.
`;

/**
 * The largest input read (a file or stdin). The largest valid scenario is about 25 MB of JSON (a
 * million explicit accesses, or 100,000 guest PTE ranges); a file of several leaves room, and the
 * limit keeps a mistaken multi-gigabyte file from exhausting memory before anything is checked.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export type SimArgs =
  | { kind: 'help' }
  | { kind: 'trace' }
  | ({ kind: 'run'; input: string; detail: boolean } & KernelOverrides)
  | { kind: 'error'; message: string };

export interface CommandOutput {
  stdout: string;
  stderr: string;
  code: number;
}

/** What a result of the output holds: the scenario's name, the kernel run, then the run (simKernels.ts). */
export type { SimResult };

export interface SimIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  /** Where --detail streams its output (sim.ts: stdout); without it the text is returned. */
  write?(text: string): void;
}

/** `--trace FILE` or `--trace=FILE` anywhere: the trace mode, which has flags of its own. */
export function isTraceMode(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--trace' || a.startsWith('--trace='));
}

export function parseSimArgs(argv: readonly string[]): SimArgs {
  // --trace is another mode with its own flags, so it is recognised before anything is rejected.
  if (isTraceMode(argv)) return { kind: 'trace' };
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const kernels = extractKernelFlags(argv);
  if (!kernels.ok) return { kind: 'error', message: kernels.message };
  let detail = false;
  const positional: string[] = [];
  let optionsDone = false;
  for (const arg of kernels.rest) {
    if (optionsDone || arg === '-' || !arg.startsWith('-')) positional.push(arg);
    else if (arg === '--') optionsDone = true;
    else if (arg === '--detail') detail = true;
    else if (arg.startsWith('--detail=')) return { kind: 'error', message: '--detail takes no value' };
    else return { kind: 'error', message: `unknown option ${quoteArg(arg)}` };
  }
  if (positional.length === 0) return { kind: 'error', message: 'missing scenario file' };
  if (positional.length > 1) {
    const shown = positional.slice(0, 3).map(fileName).join(' ');
    const more = positional.length > 3 ? ` and ${positional.length - 3} more` : '';
    return { kind: 'error', message: `too many arguments: ${shown}${more}` };
  }
  return { kind: 'run', input: positional[0]!, detail, ...kernels.overrides };
}

function failure(message: string, code = 2): CommandOutput {
  // One line, always: callers and scripts rely on it.
  return { stdout: '', stderr: `sim: ${oneLine(message)}\n`, code };
}

function resultOf(s: Scenario, kernels: KernelOverrides): SimResult {
  return simResult(withKernels(s, kernels), false);
}

/**
 * Validates and runs scenario text (one object or an array), as the CLI prints it. --detail
 * output is streamed to opts.write when given (detailOutput.ts: constant memory), else returned.
 */
export function simulateText(
  text: string,
  opts: { detail?: boolean; write?: (text: string) => void } & KernelOverrides = {},
): CommandOutput {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return failure(`${parsed.error.path}: ${parsed.error.message}`);
  const kernels: KernelOverrides = {
    ...(opts.kernel === undefined ? {} : { kernel: opts.kernel }),
    ...(opts.compareKernel === undefined ? {} : { compareKernel: opts.compareKernel }),
  };
  if (opts.detail === true) {
    const isArray = Array.isArray(parsed.value);
    const list = isArray ? (parsed.value as Scenario[]) : [parsed.value as Scenario];
    const refused = detailRefusal(list, isArray);
    if (refused) return failure(refused);
    if (opts.write) {
      writeDetail(list, isArray, opts.write, kernels);
      return { stdout: '', stderr: '', code: 0 };
    }
    const parts: string[] = [];
    writeDetail(list, isArray, (t) => parts.push(t), kernels);
    return { stdout: parts.join(''), stderr: '', code: 0 };
  }
  const out = Array.isArray(parsed.value)
    ? parsed.value.map((s) => resultOf(s, kernels))
    : resultOf(parsed.value, kernels);
  return { stdout: `${JSON.stringify(out, null, 2)}\n`, stderr: '', code: 0 };
}

/** "no such file" rather than Node's "ENOENT: no such file or directory, open 'x'". */
export function describeReadError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EFBIG':
      return `larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB (the input limit)`;
    case 'EUTF16':
      return 'is UTF-16 text (save it as UTF-8)';
    default:
      return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
  }
}

/** The whole command for the run and help modes; the trace mode is sim.ts's to delegate. */
export async function runSimCommand(argv: readonly string[], io: SimIo): Promise<CommandOutput> {
  const args = parseSimArgs(argv);
  switch (args.kind) {
    case 'help':
      return { stdout: HELP, stderr: '', code: 0 };
    case 'trace':
      return failure('--trace is handled by the trace command');
    case 'error':
      return failure(`${args.message} (${USAGE})`);
    case 'run': {
      let text: string;
      try {
        text = args.input === '-' ? await io.readStdin() : await io.readFile(args.input);
      } catch (e) {
        const what = args.input === '-' ? 'stdin' : fileName(args.input);
        return failure(`cannot read ${what}: ${describeReadError(e)}`);
      }
      const { kind: _k, input: _i, ...opts } = args;
      return simulateText(text, { ...opts, write: io.write?.bind(io) });
    }
  }
}
