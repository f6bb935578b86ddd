// Shadow paging against the direct (legacy) MMU on the same workloads (issue 15: "the shadow path
// within 2x of the direct path on every access pattern"): engine time in this process, median of
// 3 after a warm-up run, guest paging on with a linear guest page table (GVA page = GFN).
import { runAnyBulk } from '../src/engine/shadow/bulkShadow.ts';
import type { AccessPattern, Scenario } from '../src/engine/types.ts';
import { table } from './table.ts';

const WORKLOADS: Array<{ name: string; slot: number; accesses: AccessPattern }> = [
  {
    name: 'seed: 6 GiB sequential in 8 GiB',
    slot: 2 ** 21,
    accesses: { pattern: 'sequential', startGfn: 0, pages: 1_572_864 },
  },
  {
    name: 'sequential 2^26',
    slot: 2 ** 26,
    accesses: { pattern: 'sequential', startGfn: 0, pages: 2 ** 26 },
  },
  { name: 'reverse 2^26', slot: 2 ** 26, accesses: { pattern: 'reverse', startGfn: 0, pages: 2 ** 26 } },
  {
    name: 'stride 3, 2^26',
    slot: 2 ** 26,
    accesses: { pattern: 'stride', startGfn: 0, pages: 2 ** 26, stride: 3 },
  },
  {
    name: 'random 2^26',
    slot: 2 ** 26,
    accesses: { pattern: 'random', startGfn: 0, pages: 2 ** 26, seed: 1 },
  },
];

function scenario(mmu: 'legacy' | 'shadow', slot: number, accesses: AccessPattern): Scenario {
  const s: Scenario = {
    mmu,
    variant: 'fixed',
    backing: '4k',
    adBits: true,
    memslots: [{ baseGfn: 0, pages: slot }],
    nonResident: [],
    present: [],
    accesses,
  };
  if (mmu === 'shadow') s.guest = { paging: true, pageTables: [{ gvaPage: 0, pages: slot, gfn: 0 }] };
  return s;
}

function engineMs(s: Scenario): number {
  runAnyBulk(s, 'fixed');
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    runAnyBulk(s, 'fixed');
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1]!;
}

export async function shadowRatios(): Promise<void> {
  console.log('\nShadow paging against the direct MMU (same workload, fixed variant, in-process):\n');
  const rows = WORKLOADS.map((w) => {
    const direct = engineMs(scenario('legacy', w.slot, w.accesses));
    const shadow = engineMs(scenario('shadow', w.slot, w.accesses));
    const ratio = shadow / direct;
    return [
      w.name,
      direct.toFixed(1),
      shadow.toFixed(1),
      ratio.toFixed(2),
      '<= 2',
      ratio <= 2 ? 'yes' : 'NO',
    ];
  });
  console.log(
    table(['workload', 'direct ms', 'shadow ms', 'shadow / direct', 'goal', 'met'], rows, [1, 2, 3]),
  );
}
