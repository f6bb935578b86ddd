// `npm run fuzz [-- --seconds N --seed S --jobs J --only TARGET --input K --save DIR]`: generated
// bad and extreme inputs thrown at the sim CLI (spawned, memory-capped processes), the scenario
// parser, the trace parser and the share-link decoder, for about --seconds in all (default 180).
// Prints a table: inputs, how many were handled as promised (scripts/fuzzCheck.ts), the worst
// time and the peak memory. Deterministic per seed: `--only cli --input K` replays one input.
// Not part of `npm test` (it is long, and it measures): its figures are in the README.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from '../bench/machine.ts';
import { checkCliRun } from './fuzzCheck.ts';
import type { ProcessRun, Verdict } from './fuzzCheck.ts';
import { inputRng, scenarioText, traceText } from './fuzzGen.ts';
import type { Rng } from './fuzzGen.ts';
import type { Target, WorkerReport } from './fuzzWorker.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The memory cap of every spawned process (V8 heap) and the peak RSS a run may reach. */
const HEAP_MIB = 1024;
const RSS_LIMIT_MIB = 1024;
const CLI_TIMEOUT_MS = 30_000;
const MAX_CAPTURE = 64 << 20;

interface Options {
  seconds: number;
  seed: number;
  jobs: number;
  only: string | null;
  input: number | null;
  save: string | null;
}

function options(argv: string[]): Options {
  const o: Options = { seconds: 180, seed: 1, jobs: 2, only: null, input: null, save: null };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string?];
    const value = () => inline ?? argv[++i] ?? '';
    if (name === '--seconds') o.seconds = Number(value());
    else if (name === '--seed') o.seed = Number(value());
    else if (name === '--jobs') o.jobs = Math.max(1, Number(value()));
    else if (name === '--only') o.only = value();
    else if (name === '--input') o.input = Number(value());
    else if (name === '--save') o.save = value();
    else {
      console.error(`fuzz: unknown option ${JSON.stringify(argv[i])}`);
      process.exit(2);
    }
  }
  if (!(o.seconds > 0) || !Number.isInteger(o.seed)) {
    console.error('fuzz: --seconds must be positive and --seed an integer');
    process.exit(2);
  }
  return o;
}

/** One spawned CLI input: argv, stdin and the files it names, all from input k's stream. */
interface CliInput {
  kind: 'scenario' | 'trace' | 'args';
  args: string[];
  stdin: string;
  files: Record<string, string | Buffer>;
}

const HOSTILE_NAMES = [
  'plain.json',
  'x\u001b[31mred.json',
  'n\u001b]0;t\u0007.json',
  'a\nb.json',
  `${'long'.repeat(60)}.json`,
  '\u202etxt.json',
];

function cliInput(r: Rng, dir: string): CliInput {
  const roll = r.next();
  if (roll < 0.6) {
    const big = r.chance(0.3);
    const text = scenarioText(r, { max: big ? 20_000_000 : 200_000, big });
    const detail = !big && r.chance(0.2) ? ['--detail'] : [];
    if (r.chance(0.2)) return { kind: 'scenario', args: ['-', ...detail], stdin: text, files: {} };
    const name = join(dir, r.pick(HOSTILE_NAMES));
    const body = r.chance(0.05)
      ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
      : text;
    return { kind: 'scenario', args: [name, ...detail], stdin: '', files: { [name]: body } };
  }
  if (roll < 0.85) {
    const name = join(dir, r.pick(HOSTILE_NAMES).replace('.json', '.txt'));
    const args = r.chance(0.5) ? ['--trace', name] : [`--trace=${name}`];
    if (r.chance(0.3)) args.push('--vcpu', r.pick(['0', '1', '4294967295', '4294967296', '-1', 'x', '1e3']));
    if (r.chance(0.2))
      args.push(
        '--memslots',
        r.pick(['flat', 'x86-pci-hole', '[{"baseGfn":0,"pages":1e309}]', '\ufeff[]', '[{', 'nope\u001b[2J']),
      );
    if (r.chance(0.1)) args.push('--hardware', r.pick(['npt', 'arm', '']));
    return { kind: 'trace', args, stdin: '', files: { [name]: traceText(r, { maxBytes: 10_000_000 }) } };
  }
  const pieces = [
    '--detail',
    '--detail=1',
    '--trace',
    '--trace=',
    '--vcpu',
    '--memslots',
    '-',
    '--',
    '--help',
    '-h',
    '/dev/null',
    '/dev/zero',
    '/tmp',
    '/nonexistent/x.json',
    'x'.repeat(r.pick([10, 100_000])),
    '\u001b[31m',
    '--bogus',
    'a.json',
  ];
  return {
    kind: 'args',
    args: Array.from({ length: r.int(0, 4) }, () => r.pick(pieces)),
    stdin: '',
    files: {},
  };
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs sim in a process of its own with a heap cap and a deadline; peak RSS from GNU time. */
function runCli(input: CliInput, dir: string, k: number): Promise<ProcessRun> {
  for (const [name, body] of Object.entries(input.files)) writeFileSync(name, body);
  const rssFile = join(dir, `rss-${k}`);
  const node = [
    process.execPath,
    `--max-old-space-size=${HEAP_MIB}`,
    '--import',
    'tsx',
    'src/cli/sim.ts',
    ...input.args,
  ];
  const [cmd, ...args] = timeBin ? [timeBin, '-f', '%M', '-o', rssFile, ...node] : node;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd!, args, { cwd: root, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CLI_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_CAPTURE) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_CAPTURE) stderr += d;
    });
    child.stdin.on('error', () => {}); // the CLI may finish before reading all of stdin
    child.stdin.end(input.stdin);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let peakRssMiB: number | null = null;
      try {
        peakRssMiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024;
      } catch {
        // no GNU time: memory unmeasured
      }
      // GNU time reports a signal as "Command terminated by signal N" and exits 128+N.
      const killed = timeBin && code !== null && code > 128 ? `signal ${code - 128}` : signal;
      for (const name of Object.keys(input.files)) rmSync(name, { force: true });
      resolve({
        code: killed ? null : code,
        signal: killed,
        stdout,
        stderr,
        timedOut,
        ms: performance.now() - t0,
        peakRssMiB,
      });
    });
  });
}

interface Row {
  target: string;
  inputs: number;
  promised: number;
  worstMs: number;
  peakMiB: number | null;
  failures: Array<{ input: number; why: string }>;
}

async function cliTarget(o: Options, seconds: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'spte-fuzz-'));
  const row: Row = {
    target: 'sim CLI, spawned (scenario files, traces, arguments)',
    inputs: 0,
    promised: 0,
    worstMs: 0,
    peakMiB: 0,
    failures: [],
  };
  const deadline = performance.now() + seconds * 1000;
  let next = o.input ?? 0;
  const worker = async () => {
    while (o.input === null ? performance.now() < deadline : next === o.input) {
      const k = next++;
      const sub = join(dir, String(k));
      mkdirSync(sub);
      const input = cliInput(inputRng(o.seed, k), sub);
      const run = await runCli(input, sub, k);
      rmSync(sub, { recursive: true, force: true });
      const v: Verdict = checkCliRun(input.kind, run, { ms: CLI_TIMEOUT_MS, rssMiB: RSS_LIMIT_MIB });
      row.inputs++;
      row.worstMs = Math.max(row.worstMs, run.ms);
      if (run.peakRssMiB === null) row.peakMiB = null;
      else if (row.peakMiB !== null) row.peakMiB = Math.max(row.peakMiB, run.peakRssMiB);
      if (v.ok) row.promised++;
      else {
        row.failures.push({
          input: k,
          why: `${input.kind} ${JSON.stringify(input.args).slice(0, 120)}: ${v.why}`,
        });
        if (o.save) saveInput(o.save, `cli-${k}`, input);
      }
      if (o.input !== null)
        console.log(
          JSON.stringify(
            { input: k, args: input.args, run: { ...run, stdout: run.stdout.slice(0, 400) }, verdict: v },
            null,
            2,
          ),
        );
    }
  };
  await Promise.all(Array.from({ length: o.input === null ? o.jobs : 1 }, worker));
  rmSync(dir, { recursive: true, force: true });
  return row;
}

function saveInput(dir: string, name: string, input: CliInput): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.args.json`), JSON.stringify(input.args));
  Object.values(input.files).forEach((body, i) => writeFileSync(join(dir, `${name}.file${i}`), body));
  if (input.stdin) writeFileSync(join(dir, `${name}.stdin`), input.stdin);
}

const TITLES: Record<Target, string> = {
  scenario: 'scenario parser + engine, in-process (what the CLI runs)',
  trace: 'trace parser, in-process',
  link: 'share-link decoder (readLocation), in-process',
};

function workerTarget(o: Options, target: Target, seconds: number): Row {
  const args = [
    `--max-old-space-size=${HEAP_MIB}`,
    '--import',
    'tsx',
    'scripts/fuzzWorker.ts',
    target,
    String(seconds),
    String(o.seed),
  ];
  if (o.input !== null) args.push(String(o.input));
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    timeout: Math.round((seconds + 120) * 1000),
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const w = JSON.parse(line) as WorkerReport;
    return {
      target: TITLES[target],
      inputs: w.inputs,
      promised: w.inputs - w.failureCount,
      worstMs: w.worstMs,
      peakMiB: w.maxRssMiB,
      failures: w.failures,
    };
  } catch {
    const why = `worker died: status ${r.status} ${r.signal ?? ''} ${r.stderr.slice(-300)}`;
    return {
      target: TITLES[target],
      inputs: 0,
      promised: 0,
      worstMs: 0,
      peakMiB: null,
      failures: [{ input: -1, why }],
    };
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

function printTable(rows: Row[]): void {
  const lines = [
    '| target | inputs | handled as promised | worst time | peak memory |',
    '| ------ | -----: | ------------------: | ---------: | ----------: |',
    ...rows.map(
      (r) =>
        `| ${r.target} | ${fmt(r.inputs)} | ${fmt(r.promised)}${r.promised === r.inputs ? '' : ` (${fmt(r.inputs - r.promised)} not)`} | ${fmt(Math.round(r.worstMs))} ms | ${r.peakMiB === null ? '—' : `${fmt(Math.round(r.peakMiB))} MiB`} |`,
    ),
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  console.log(
    `fuzz: seed ${o.seed}, ${o.seconds} s, ${o.jobs} CLI processes at a time; ${machine()}; load average ${load()}`,
  );
  const targets = ['cli', 'scenario', 'trace', 'link'].filter((t) => o.only === null || t === o.only);
  // Half the time to the spawned CLI (each input is a process of its own), the rest shared.
  const share = (t: string) => (o.only !== null ? o.seconds : t === 'cli' ? o.seconds / 2 : o.seconds / 6);
  const rows: Row[] = [];
  for (const t of targets) {
    rows.push(t === 'cli' ? await cliTarget(o, share(t)) : workerTarget(o, t as Target, share(t)));
  }
  console.log(
    `\nload average at the end ${load()}; worst time is per input (spawned: the whole process, about 0.4 s of it Node and tsx starting); peak memory is the largest RSS of one process\n`,
  );
  printTable(rows);
  const failures = rows.flatMap((r) =>
    r.failures.map((f) => `${r.target.split(',')[0]} #${f.input}: ${f.why}`),
  );
  if (failures.length > 0) {
    console.log(
      `\nnot handled as promised (replay one with --only <cli|scenario|trace|link> --input N --seed ${o.seed}):`,
    );
    for (const f of failures.slice(0, 30)) console.log(`  ${f}`);
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
}

void main();
