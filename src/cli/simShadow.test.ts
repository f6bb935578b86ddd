import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simulateText } from './simCommand.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (f: string): string => readFileSync(`${root}public/scenarios/${f}`, 'utf8');

describe('sim with shadow-paging scenarios', () => {
  it('--detail lists each prefetched entry with its GFN, and the failure that ended the walk', () => {
    const out = simulateText(read('shadow-not-accessed.json'), { detail: true });
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as { totals: Record<string, number>; faults: unknown[] };
    expect(r.totals).toMatchObject({
      pfFixed: 2,
      prefetched: 6,
      prefetchCalls: 7,
      failedCalls: 1,
      prefetchHits: 6,
    });
    expect(r.faults).toEqual([
      {
        gva: 8,
        gfn: 0x1008,
        calls: [],
        prefetched: [9, 10, 11].map((gva) => ({ gva, gfn: 0x1000 + gva })),
        failed: { gva: 12, reason: 'gpte-not-accessed' },
      },
      {
        gva: 12,
        gfn: 0x100c,
        calls: [],
        prefetched: [13, 14, 15].map((gva) => ({ gva, gfn: 0x1000 + gva })),
      },
    ]);
  });

  it('guest paging off runs the direct walk: the trailing bug shows before the fix', () => {
    const buggy = JSON.parse(simulateText(read('shadow-paging-off-buggy.json')).stdout) as { totals: object };
    const fixed = JSON.parse(simulateText(read('shadow-paging-off.json'), { detail: true }).stdout) as {
      totals: object;
      faults: unknown[];
    };
    expect(buggy.totals).toMatchObject({ pfFixed: 64, prefetched: 0 });
    expect(fixed.totals).toMatchObject({ pfFixed: 8, prefetched: 56 });
    expect(fixed.faults[0]).toEqual({
      gva: 0,
      gfn: 0,
      calls: [{ start: 1, end: 8, result: 0, installed: 7, trailing: true }],
    });
  });

  it('exits 2 with one line for a bad guest PTE or an access the guest could not make', () => {
    const bad = (guest: unknown, accesses: unknown = [8]): string =>
      JSON.stringify({ mmu: 'shadow', memslots: [{ baseGfn: 0, pages: 64 }], guest, accesses });
    const cases: Array<[string, string]> = [
      [
        bad({ pageTables: [{ gvaPage: 0, pages: 8, gfn: 'x' }] }),
        'sim: $.guest.pageTables[0].gfn: must be a non-negative integer\n',
      ],
      [
        bad({ pageTables: [{ gvaPage: 0, pages: 64, gfn: 0 }] }, [3, 64]),
        'sim: $.accesses[1]: GVA page 0x40 has no present guest PTE: the guest would take its own #PF\n',
      ],
      [bad(undefined), 'sim: $.guest: is required\n'],
    ];
    for (const [text, stderr] of cases) {
      expect(simulateText(text)).toEqual({ stdout: '', stderr, code: 2 });
    }
  });

  it('the real CLI runs the seed workload under shadow paging', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/sim.ts', 'public/scenarios/shadow-seed.json'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { totals: Record<string, number> };
    expect(out.totals).toMatchObject({ pfFixed: 196_608, prefetched: 1_376_256, prefetchCalls: 1_376_256 });
  });
});
