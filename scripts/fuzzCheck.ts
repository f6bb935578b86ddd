// What "handled as promised" means for each fuzz target (docs/cli-and-format.md, README):
// bad input gets exit 2 and exactly one short line naming the problem, good input gets JSON, and
// nothing crashes, prints a stack trace, runs past its time or grows past its memory.
import type { ParsedTrace } from '../src/engine/trace/types.ts';
import type { UrlReadResult } from '../src/state/urlState.ts';

export type Verdict = { ok: true } | { ok: false; why: string };

const OK: Verdict = { ok: true };
const bad = (why: string): Verdict => ({ ok: false, why });

/** The longest one-line message the CLI may print (its own cap is 500 plus the prefix). */
export const MAX_LINE = 520;
/** The longest message a parser, the link banner or the trace dialog may show. */
export const MAX_MESSAGE = 400;
// eslint-disable-next-line no-control-regex -- the point is to find them
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const STACK = /\n\s+at |^\s+at .*:\d+:\d+/m;

export interface ProcessRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
  peakRssMiB: number | null;
}

/** One message line: ends in one newline, bounded, no raw control characters, no stack. */
export function checkOneLine(stderr: string, prefix: RegExp): Verdict {
  if (!stderr.endsWith('\n') || stderr.indexOf('\n') !== stderr.length - 1)
    return bad(`stderr is not one line (${stderr.split('\n').length - 1} lines)`);
  if (stderr.length > MAX_LINE) return bad(`stderr line of ${stderr.length} characters`);
  if (RAW_CONTROL.test(stderr.slice(0, -1))) return bad('raw control character on stderr');
  if (STACK.test(stderr)) return bad('stack trace on stderr');
  if (!prefix.test(stderr)) return bad(`unexpected message: ${JSON.stringify(stderr.slice(0, 120))}`);
  return OK;
}

/**
 * A spawned `sim` run. Scenario input: exit 0 with JSON, or exit 2 with a line naming a JSON path
 * (or the file). Trace input: exit 0 with JSON, or exit 2 with one line. Arguments: exit 0 or 2.
 */
export function checkCliRun(
  kind: 'scenario' | 'trace' | 'args',
  r: ProcessRun,
  limits: { ms: number; rssMiB: number },
): Verdict {
  if (r.timedOut) return bad(`no answer within ${limits.ms} ms`);
  if (r.signal) return bad(`killed by ${r.signal}`);
  if (r.peakRssMiB !== null && r.peakRssMiB > limits.rssMiB)
    return bad(`peak RSS ${r.peakRssMiB.toFixed(0)} MiB`);
  if (r.code === 0) {
    if (r.stderr !== '') return bad('exit 0 with stderr output');
    try {
      JSON.parse(r.stdout);
    } catch {
      return kind === 'args' && r.stdout.startsWith('usage:') ? OK : bad('exit 0 without JSON on stdout');
    }
    return OK;
  }
  if (r.code !== 2) return bad(`exit ${r.code}: ${JSON.stringify(r.stderr.slice(0, 160))}`);
  if (r.stdout !== '') return bad('exit 2 with output on stdout');
  const prefix =
    kind === 'scenario'
      ? /^sim: (\$[^ ]*: |cannot read )/
      : kind === 'trace'
        ? /^sim --trace: \S/
        : /^sim( --trace)?: \S/;
  return checkOneLine(r.stderr, prefix);
}

// What must not reach a page as text: controls, separators, bidirectional overrides.
// eslint-disable-next-line no-control-regex -- the point is to find them
const UNSAFE_ON_PAGE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * A message for people: bounded and on one line. `strict`: nothing unsafe at all (text put on a
 * page as is); otherwise only line breaks count, the CLI escaping the rest where it prints.
 */
export function checkMessage(message: string, what: string, strict = false): Verdict {
  if (message.length > MAX_MESSAGE) return bad(`${what} of ${message.length} characters`);
  if (strict ? UNSAFE_ON_PAGE.test(message) : /[\n\r]/.test(message))
    return bad(`unsafe character in ${what}`);
  return OK;
}

/** The trace parser's promises: every line counted once, errors with line numbers, bounded. */
export function checkTrace(p: ParsedTrace, maxKept: number): Verdict {
  // Every physical line once: joined pieces (hard wraps, mail soft breaks) count as rejoined, and
  // faults the guest took under shadow paging as guest faults.
  const counted =
    p.faults +
    p.permissionFaults +
    p.guestFaults +
    p.otherVcpuEvents +
    p.setSptes.length +
    p.skipped +
    p.errorCount +
    p.rejoinedLines;
  if (counted !== p.lines) return bad(`${p.lines} lines but ${counted} counted`);
  if (p.faults !== p.gfns.length) return bad('faults differ from the GFNs kept');
  if (p.errors.length > maxKept) return bad(`${p.errors.length} errors kept`);
  for (const e of p.errors) {
    if (!Number.isInteger(e.line) || e.line < 1 || e.line > p.lines)
      return bad(`error at line ${e.line} of ${p.lines}`);
    const m = checkMessage(e.message, `message at line ${e.line}`);
    if (!m.ok) return m;
  }
  if (p.gfns.some((g) => !Number.isSafeInteger(g) || g < 0)) return bad('a GFN that is not a safe integer');
  return OK;
}

/** What opening a link promises: problems said in short sentences, a scenario only when valid. */
export function checkLink(r: UrlReadResult): Verdict {
  for (const p of r.problems) {
    const m = checkMessage(p, 'link problem', true);
    if (!m.ok) return m;
  }
  if (r.frame.tick !== undefined && !(Number.isSafeInteger(r.frame.tick) && r.frame.tick >= 0))
    return bad('bad step');
  if (r.frame.speed !== undefined && !(r.frame.speed >= 0.25 && r.frame.speed <= 4)) return bad('bad speed');
  return OK;
}
