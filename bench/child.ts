// One large bench case in a process of its own, so its peak RSS (the whole process's high-water
// mark, read at the end) belongs to that case alone. Prints one JSON line for bench/run.ts.
import { readFileSync } from 'node:fs';
import { runBulk } from '../src/engine/bulk.ts';
import type { PatternKind, Scenario, Variant } from '../src/engine/types.ts';

const [pattern, variant, pagesArg, seedArg] = process.argv.slice(2) as [
  PatternKind,
  Variant,
  string,
  string?,
];
const pages = Number(pagesArg);
const scenario: Scenario = {
  mmu: 'legacy',
  variant,
  backing: '4k',
  adBits: true,
  memslots: [{ baseGfn: 0, pages }],
  nonResident: [],
  present: [],
  accesses: { pattern, startGfn: 0, pages, seed: Number(seedArg ?? 1) },
};

const t0 = performance.now();
const { totals } = runBulk(scenario, variant);
const ms = performance.now() - t0;
const maxRssKiB = Math.max(process.resourceUsage().maxRSS, vmHwmKiB());
console.log(JSON.stringify({ ms, maxRssMiB: maxRssKiB / 1024, totals }));

/** VmHWM from /proc (Linux); 0 elsewhere, where maxRSS alone counts. */
function vmHwmKiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
