// One in-process fuzz target, in a process of its own (so its peak RSS is its own), for
// scripts/fuzz.ts: `tsx scripts/fuzzWorker.ts <scenario|trace|link> <seconds> <seed> [input]`.
// Prints one JSON line: inputs, failures, worst time, peak RSS.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { simulateText } from '../src/cli/simCommand.ts';
import { MAX_KEPT_ERRORS } from '../src/engine/trace/types.ts';
import { parseTraceText } from '../src/engine/trace/traceParser.ts';
import { readLocation } from '../src/state/urlState.ts';
import { checkCliRun, checkLink, checkTrace } from './fuzzCheck.ts';
import type { Verdict } from './fuzzCheck.ts';
import { inputRng, linkHref, scenarioText, traceText } from './fuzzGen.ts';

export type Target = 'scenario' | 'trace' | 'link';

export interface WorkerReport {
  target: Target;
  inputs: number;
  failures: Array<{ input: number; why: string }>;
  failureCount: number;
  worstMs: number;
  worstInput: number;
  maxRssMiB: number;
}

const b64 = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
let bomb: string | null = null;

/** `z`/`j` payloads of generated JSON; a bomb inflates 40 MB of zeros from under 64 KB of link. */
function payloadOf(json: string, kind: 'z' | 'j' | 'bomb'): string {
  if (kind === 'j') return `j${b64(Buffer.from(json))}`;
  if (kind === 'z') return `z${b64(deflateRawSync(Buffer.from(json)))}`;
  bomb ??= `z${b64(deflateRawSync(Buffer.alloc(40 << 20, 0x20), { level: 9 }))}`;
  return bomb;
}

/**
 * Runs input k of the target: its verdict, and the time of the target alone (making the input
 * is not timed). Never throws: a throw is a failure.
 */
export async function runInput(
  target: Target,
  seed: number,
  k: number,
): Promise<{ verdict: Verdict; ms: number }> {
  const r = inputRng(seed, k);
  let t0 = 0;
  const timed = async (v: () => Verdict | Promise<Verdict>) => {
    t0 = performance.now();
    const verdict = await v();
    return { verdict, ms: performance.now() - t0 };
  };
  try {
    switch (target) {
      case 'scenario': {
        const text = scenarioText(r, { max: 2_000_000, big: false });
        return await timed(() => {
          const out = simulateText(text);
          return checkCliRun(
            'scenario',
            { ...out, signal: null, timedOut: false, ms: 0, peakRssMiB: null },
            { ms: Infinity, rssMiB: Infinity },
          );
        });
      }
      case 'trace': {
        const text = traceText(r, { maxBytes: 4_000_000 });
        const opts = {
          ...(r.chance(0.3) ? { vcpu: r.pick([0, 1, 2 ** 32 - 1]) } : {}),
          hardware: r.pick(['ept', 'npt'] as const),
        };
        return await timed(() => checkTrace(parseTraceText(text, opts), MAX_KEPT_ERRORS));
      }
      case 'link': {
        const href = linkHref(r, payloadOf);
        return await timed(async () => checkLink(await readLocation(href)));
      }
    }
  } catch (e) {
    const why = `threw: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`;
    return { verdict: { ok: false, why }, ms: t0 ? performance.now() - t0 : 0 };
  }
}

function vmHwmMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const [target, secondsArg, seedArg, only] = process.argv.slice(2) as [Target, string, string, string?];
  const seed = Number(seedArg);
  const deadline = performance.now() + Number(secondsArg) * 1000;
  // Made before the clock starts: compressing 40 MB is the generator's time, not the decoder's.
  if (target === 'link') payloadOf('', 'bomb');
  const report: WorkerReport = {
    target,
    inputs: 0,
    failures: [],
    failureCount: 0,
    worstMs: 0,
    worstInput: -1,
    maxRssMiB: 0,
  };
  for (let k = only === undefined ? 0 : Number(only); ; k++) {
    const { verdict: v, ms } = await runInput(target, seed, k);
    report.inputs++;
    if (ms > report.worstMs) {
      report.worstMs = ms;
      report.worstInput = k;
    }
    if (!v.ok) {
      report.failureCount++;
      if (report.failures.length < 20) report.failures.push({ input: k, why: v.why });
    }
    if (only !== undefined || performance.now() > deadline) break;
  }
  report.maxRssMiB = Math.max(process.resourceUsage().maxRSS / 1024, vmHwmMiB());
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (process.argv[1]?.endsWith('fuzzWorker.ts')) void main();
