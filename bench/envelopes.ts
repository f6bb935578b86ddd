// The envelopes of issue 15: for every mode, the largest or worst input the limits accept, run in
// a child process of its own (the CLI, or step mode's worker code for step mode), one at a time,
// with its wall time and the child's own peak RSS against the goals: at most 1 GiB and 30 s,
// refusals in well under a second. Run alone with `npx tsx bench/envelopes.ts` (about five
// minutes, heavy: run it on a quiet machine), or as a section of `npm run bench`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeScenario, writeTrace } from './envelopeInputs.ts';
import type { ScenarioName } from './envelopeInputs.ts';
import { machine } from './machine.ts';
import { shadowRatios } from './shadowRatio.ts';
import { table } from './table.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const GOAL_MS = 30_000;
const GOAL_MIB = 1024;
const REFUSE_MS = 1_000;
/** A child above this is killed: the machine is shared, and the goal is a quarter of it. */
const KILL_MIB = 3072;

interface Case {
  mode: string;
  name: string;
  /** Writes the input; returns the child's arguments (after node and its preloads). */
  prepare(dir: string): string[];
  refused?: boolean;
}

const sim = (dir: string, name: ScenarioName, ...flags: string[]) => [
  'src/cli/sim.ts',
  writeScenario(dir, name),
  ...flags,
];

const CASES: Case[] = [
  {
    mode: 'step',
    name: 'random 2^30 pages in a 2^40-page slot (link)',
    refused: true,
    prepare: (d) => ['bench/stepEnvelope.ts', writeScenario(d, 'stepRefused')],
  },
  {
    mode: 'step',
    name: '15,000 random accesses below GFN 2^33',
    prepare: (d) => ['bench/stepEnvelope.ts', writeScenario(d, 'stepScattered')],
  },
  {
    mode: 'step',
    name: '2^24 present pages + 12,000 accesses',
    prepare: (d) => ['bench/stepEnvelope.ts', writeScenario(d, 'stepPresent')],
  },
  { mode: 'bulk', name: 'random 2^30 pages in a 2^40-page slot', prepare: (d) => sim(d, 'legacyRandom') },
  { mode: 'bulk', name: 'random 2^29 + 1 pages (cycle walking)', prepare: (d) => sim(d, 'legacyRandomWalk') },
  { mode: 'bulk', name: 'reverse 2^30 pages', prepare: (d) => sim(d, 'legacyReverse') },
  {
    mode: 'bulk',
    name: '1,000,000 accesses 2^20 GFNs apart (JSON)',
    prepare: (d) => sim(d, 'legacyScattered'),
  },
  {
    mode: 'bulk',
    name: 'random 2^30, 512 slots (half dirty-logged), 100,000 non-resident',
    prepare: (d) => sim(d, 'legacyNotClean'),
  },
  {
    mode: 'bulk',
    name: 'random 2^24, 100,000 invalidation ranges (time order)',
    prepare: (d) => sim(d, 'legacyInvalidations'),
  },
  { mode: '2 MiB', name: 'random 2^30 pages', prepare: (d) => sim(d, 'huge2mRandom') },
  {
    mode: '2 MiB',
    name: '1,000,000 accesses 2^20 GFNs apart (JSON)',
    prepare: (d) => sim(d, 'huge2mScattered'),
  },
  { mode: 'TDP', name: 'random 2^30 pages', prepare: (d) => sim(d, 'tdpRandom') },
  { mode: 'shadow', name: 'random 2^30 pages', prepare: (d) => sim(d, 'shadowRandom') },
  { mode: 'shadow', name: 'reverse 2^30 pages', prepare: (d) => sim(d, 'shadowReverse') },
  {
    mode: 'shadow',
    name: 'random 2^30, 100,000 guest PTE ranges (scattered GFNs)',
    prepare: (d) => sim(d, 'shadowScatteredGuest'),
  },
  {
    mode: 'shadow',
    name: 'random 2^24, aliased non-resident page (time order)',
    prepare: (d) => sim(d, 'shadowTimeOrder'),
  },
  {
    mode: 'shadow',
    name: 'random 2^30, guest paging off, A/D off (access-tracked)',
    prepare: (d) => sim(d, 'shadowPagingOffTracked'),
  },
  {
    mode: 'trace',
    name: '1,000,000 faults 4 GiB apart',
    prepare: (d) => {
      const path = join(d, 'scattered.trace.txt');
      writeTrace(path, 1_000_000, 2 ** 20, 0);
      return ['src/cli/sim.ts', '--trace', path];
    },
  },
  {
    mode: 'trace',
    name: '256 MiB: faults 8 GiB apart, 8 set_spte each',
    prepare: (d) => {
      const path = join(d, 'setspte.trace.txt');
      writeTrace(path, 1_000_000, 2 ** 21, 8, 256 * 2 ** 20);
      return ['src/cli/sim.ts', '--trace', path];
    },
  },
  {
    mode: '--detail',
    name: 'buggy sequential 2^24 pages',
    prepare: (d) => sim(d, 'detailBuggySequential', '--detail'),
  },
  {
    mode: '--detail',
    name: 'fixed random 2^24 pages',
    prepare: (d) => sim(d, 'detailFixedRandom', '--detail'),
  },
  {
    mode: '--detail',
    name: 'buggy sequential 2^26 pages',
    refused: true,
    prepare: (d) => sim(d, 'detailRefused', '--detail'),
  },
];

interface Outcome {
  ms: number;
  peakMiB: number;
  code: number | null;
  stdoutBytes: number;
  lastLine: string;
  stderr: string;
  killed: string;
}

/** Runs one child, reading (and dropping) its stdout, killing it past KILL_MIB or 120 s. */
function runChild(args: string[], dir: string): Promise<Outcome> {
  const peakFile = join(dir, 'peak');
  rmSync(peakFile, { force: true });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', './bench/peakRss.mjs', '--import', 'tsx', ...args], {
      cwd: root,
      env: { ...process.env, PEAK_RSS_FILE: peakFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdoutBytes = 0;
    let tail = '';
    let stderr = '';
    let killed = '';
    child.stdout.on('data', (d: Buffer) => {
      stdoutBytes += d.length;
      tail = (tail + d.toString('utf8')).slice(-4096);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const watch = setInterval(() => {
      let rssKiB: number;
      try {
        rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        return;
      }
      const overTime = performance.now() - t0 > 120_000;
      if (rssKiB / 1024 > KILL_MIB || overTime) {
        killed = overTime ? 'killed at 120 s' : `killed at ${KILL_MIB} MiB`;
        child.kill('SIGKILL');
      }
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(watch);
      const ms = performance.now() - t0;
      let peakMiB = NaN;
      try {
        peakMiB = Number(readFileSync(peakFile, 'utf8')) / 1024;
      } catch {
        // killed: no exit hook ran
      }
      const lines = tail.trim().split('\n');
      resolve({ ms, peakMiB, code, stdoutBytes, lastLine: lines[lines.length - 1] ?? '', stderr, killed });
    });
  });
}

function verdict(c: Case, o: Outcome): { result: string; met: boolean; ownMs?: number } {
  if (o.killed) return { result: o.killed, met: false };
  if (c.mode === 'step') {
    const r = JSON.parse(o.lastLine || '{}') as { ok?: boolean; message?: string; loadMs?: number };
    if (c.refused) {
      const said = !r.ok && /too many steps/.test(r.message ?? '');
      return { result: said ? 'refused' : `not refused: ${r.message}`, met: said, ownMs: r.loadMs };
    }
    return { result: r.ok ? r.message! : `refused: ${r.message}`, met: !!r.ok };
  }
  if (c.refused) {
    const line = o.stderr.trim();
    const said = o.code === 2 && /too large/.test(line) && line.split('\n').length === 1;
    return { result: said ? 'refused (exit 2, one line)' : `not refused: ${line.slice(0, 60)}`, met: said };
  }
  if (o.code !== 0) return { result: `exit ${o.code}: ${o.stderr.trim().slice(0, 60)}`, met: false };
  const mb = o.stdoutBytes / 1e6;
  return { result: mb >= 10 ? `${mb.toFixed(0)} MB of JSON` : 'ok', met: true };
}

export async function envelopeBench(): Promise<void> {
  const load = () =>
    loadavg()
      .map((v) => v.toFixed(2))
      .join(', ');
  console.log('\n## Envelopes: the worst input of each mode (child processes, one at a time)\n');
  console.log(`Machine: ${machine()}; load average at start ${load()}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'spte-envelopes-'));
  const rows: string[][] = [];
  // ENVELOPES=step,trace runs only those modes (the whole list takes minutes); "ratio" the last table.
  const only = process.env.ENVELOPES?.split(',').map((m) => m.trim().toLowerCase());
  try {
    // What a child costs before it does anything: Node, tsx and the CLI's modules (sim --help).
    const startup = (await runChild(['src/cli/sim.ts', '--help'], dir)).ms;
    for (const c of CASES.filter((x) => !only || only.includes(x.mode.toLowerCase()))) {
      const args = c.prepare(dir);
      const o = await runChild(args, dir);
      const v = verdict(c, o);
      // A refusal is timed without the start-up: the step child's own load time, else wall - start-up.
      const ms = c.refused ? (v.ownMs ?? Math.max(0, o.ms - startup)) : o.ms;
      const goalMs = c.refused ? REFUSE_MS : GOAL_MS;
      const met = v.met && ms <= goalMs && (Number.isNaN(o.peakMiB) || o.peakMiB <= GOAL_MIB);
      rows.push([
        c.mode,
        c.name,
        v.result,
        (ms / 1000).toFixed(c.refused ? 2 : 1),
        Number.isNaN(o.peakMiB) ? '—' : o.peakMiB.toFixed(0),
        c.refused ? `<= ${REFUSE_MS / 1000} s` : `<= ${GOAL_MS / 1000} s, <= ${GOAL_MIB} MiB`,
        met ? 'yes' : 'NO',
      ]);
      process.stderr.write(`  done: ${c.mode} ${c.name}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(table(['mode', 'worst case', 'result', 's', 'peak RSS MiB', 'goal', 'met'], rows, [3, 4]));
  console.log(
    `\nload average at end ${load()}. s: wall time of the child process (Node start-up and` +
      ' reading the input included; for refusals, the time to refuse without the start-up);' +
      " peak RSS: the child's own VmHWM. Step mode runs the engine worker's code" +
      ' (EngineSession.load: both timelines, then a seek to the end and back).',
  );
  if (!only || only.includes('ratio')) await shadowRatios();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await envelopeBench();
