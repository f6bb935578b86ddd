// `npm run bench`: the bulk engine against the plain per-entry C loop (bench/yardstick.c), built
// and run on the same machine in the same run, for the goals of issue 4 (bulk engine speed and
// memory). The seed case runs in this process (median of 5 after a warm-up run, for both the
// engine and C); each 1 TiB case runs in a child process of its own so its peak RSS is its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBulk } from '../src/engine/bulk.ts';
import { envelopeBench } from './envelopes.ts';
import { machine } from './machine.ts';
import { paintBench } from './paint.ts';
import { traceBench } from './trace.ts';
import type { PatternKind, Scenario, Totals, Variant } from '../src/engine/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const VARIANTS: Variant[] = ['buggy', 'fixed'];
const SEED_PAGES = 1_572_864; // 6 GiB touched ...
const SEED_SLOT = 1 << 21; // ... in an 8 GiB memslot
const TIB_PAGES = 2 ** 28;
const RSS_LIMIT_MIB = 160;
const RANDOM_LIMIT_MS = 10_000;

interface Measure {
  ms: number;
  totals: Pick<Totals, 'pfFixed' | 'prefetched' | 'prefetchCalls' | 'prefetchHits'>;
  maxRssMiB?: number;
}

interface Row {
  name: string;
  variant: Variant;
  engine: Measure;
  c: Measure | null;
  goal: string;
  met: boolean;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Builds the yardstick with `cc -O2`; null (with the reason printed) when there is no cc. */
function buildYardstick(): string | null {
  const probe = spawnSync('cc', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.log('No C compiler (`cc`) found: the C yardstick and the ratios are skipped.\n');
    return null;
  }
  const out = join(here, '.build', 'yardstick');
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('cc', ['-O2', '-o', out, join(here, 'yardstick.c')]);
  return out;
}

function runC(bin: string, variant: Variant, pattern: PatternKind, pages: number, slot = pages): Measure {
  const out = execFileSync(bin, [variant, pattern, String(pages), '1', String(slot)], { encoding: 'utf8' });
  const r = JSON.parse(out) as Measure['totals'] & { ms: number };
  const { ms, ...totals } = r;
  return { ms, totals };
}

function seedScenario(variant: Variant): Scenario {
  return {
    mmu: 'legacy',
    variant,
    backing: '4k',
    adBits: true,
    memslots: [{ baseGfn: 0, pages: SEED_SLOT }],
    nonResident: [],
    present: [],
    accesses: { pattern: 'sequential', startGfn: 0, pages: SEED_PAGES },
  };
}

function seedEngine(variant: Variant): Measure {
  const s = seedScenario(variant);
  let totals: Totals = runBulk(s, variant).totals; // warm-up: JIT compilation is not the engine's speed
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    totals = runBulk(s, variant).totals;
    times.push(performance.now() - t0);
  }
  return { ms: median(times), totals };
}

function seedC(bin: string, variant: Variant): Measure {
  const runs = Array.from({ length: 5 }, () => runC(bin, variant, 'sequential', SEED_PAGES, SEED_SLOT));
  return { ms: median(runs.map((r) => r.ms)), totals: runs[0]!.totals };
}

function childEngine(pattern: PatternKind, variant: Variant, pages: number): Measure {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'child.ts'), pattern, variant, String(pages), '1'],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Measure;
}

const sameTotals = (a: Measure, b: Measure | null): boolean =>
  !b ||
  (['pfFixed', 'prefetched', 'prefetchCalls', 'prefetchHits'] as const).every(
    (k) => a.totals[k] === b.totals[k],
  );

function table(rows: Row[]): string {
  const head = [
    'case',
    'variant',
    'engine ms',
    'C ms',
    'engine / C',
    'peak RSS MiB',
    'totals = C',
    'goal',
    'met',
  ];
  const body = rows.map((r) => [
    r.name,
    r.variant,
    r.engine.ms.toFixed(1),
    r.c ? r.c.ms.toFixed(1) : '—',
    r.c ? (r.engine.ms / r.c.ms).toFixed(2) : '—',
    r.engine.maxRssMiB === undefined ? '—' : r.engine.maxRssMiB.toFixed(1),
    r.c ? (sameTotals(r.engine, r.c) ? 'yes' : 'NO') : '—',
    r.goal,
    r.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([2, 3, 4, 5]);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

function main(): void {
  console.log(`Machine: ${machine()}\n`);
  const bin = buildYardstick();
  const rows: Row[] = [];
  const push = (
    name: string,
    variant: Variant,
    engine: Measure,
    c: Measure | null,
    goal: string,
    ok: boolean,
  ) => {
    rows.push({ name, variant, engine, c, goal, met: ok && sameTotals(engine, c) });
    process.stderr.write(`  done: ${name} ${variant}\n`);
  };

  for (const v of VARIANTS) {
    const e = seedEngine(v);
    const c = bin ? seedC(bin, v) : null;
    push('seed: 6 GiB seq in 8 GiB', v, e, c, 'engine <= C', !c || e.ms <= c.ms);
  }
  for (const v of VARIANTS) {
    const e = childEngine('sequential', v, TIB_PAGES);
    const c = bin ? runC(bin, v, 'sequential', TIB_PAGES) : null;
    const rssOk = (e.maxRssMiB ?? Infinity) < RSS_LIMIT_MIB;
    push('1 TiB sequential', v, e, c, `engine <= C, RSS < ${RSS_LIMIT_MIB}`, rssOk && (!c || e.ms <= c.ms));
  }
  for (const v of VARIANTS) {
    const e = childEngine('random', v, TIB_PAGES);
    const c = bin ? runC(bin, v, 'random', TIB_PAGES) : null;
    const ok = e.ms < RANDOM_LIMIT_MS && (e.maxRssMiB ?? Infinity) < RSS_LIMIT_MIB;
    push('1 TiB random (seed 1)', v, e, c, `< 10 s, RSS < ${RSS_LIMIT_MIB}`, ok);
  }

  console.log(table(rows));
  console.log(
    '\nengine ms: seed = median of 5 in-process runs after a warm-up; 1 TiB = one run in a fresh' +
      ' `node --import tsx` child, whose whole-process peak RSS (maxRSS / VmHWM) is shown.' +
      '\nC ms: bench/yardstick.c (cc -O2), one byte per GFN, one memslot, all resident; seed = median of 5.' +
      '\n"totals = C": pf_fixed, prefetched, batch calls and prefetch hits equal the C loop\'s.',
  );
}

main();
// Trace parse throughput (issue 6): bench/trace.ts.
await traceBench();
// The worst input of each mode against its envelope (issue 15): bench/envelopes.ts.
await envelopeBench();
// The page goals (issue 3 and the experiment view of issue 4), in Chromium: bench/paint.ts.
await paintBench();
