import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenario.ts';
import type { Scenario } from '../engine/types.ts';
import { detailRefusal, MAX_DETAIL_ACCESSES, writeDetail } from './detailOutput.ts';
import { simulateText } from './simCommand.ts';
import { simResult } from './simKernels.ts';

function valid(v: unknown): Scenario {
  const r = parseScenario(v);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** engineMs varies run to run: the texts are compared with it zeroed. */
const noTimes = (text: string) => text.replace(/"engineMs": [0-9.e+-]+/g, '"engineMs": 0');

/**
 * What sim --detail printed before it streamed: the whole result list through JSON.stringify
 * (with the kernel run, and its compareKernel's run when it has one: simKernels.ts).
 */
function reference(list: Scenario[], isArray: boolean): string {
  const results = list.map((s) => simResult(s, true));
  return `${JSON.stringify(isArray ? results : results[0], null, 2)}\n`;
}

function streamed(list: Scenario[], isArray: boolean): { text: string; pieces: number } {
  const parts: string[] = [];
  writeDetail(list, isArray, (t) => parts.push(t));
  return { text: parts.join(''), pieces: parts.length };
}

const cases: Scenario[] = [
  valid({ name: 'row 1', memslots: [{ baseGfn: 0, pages: 512 }], accesses: [8] }),
  valid({ memslots: [{ baseGfn: 0, pages: 512 }], accesses: [8, 9, 12], variant: 'buggy' }),
  valid({ memslots: [{ baseGfn: 0, pages: 64 }], present: [[0, 63]], accesses: [8] }), // no faults
  valid({ memslots: [{ baseGfn: 0, pages: 4096 }], backing: '2m', accesses: [8, 700] }),
  valid({ memslots: [{ baseGfn: 0, pages: 13 }], nonResident: [[3, 3]], accesses: [8, 0] }),
  valid({
    mmu: 'shadow',
    memslots: [{ baseGfn: 0, pages: 1024 }],
    accesses: [8, 9, 16],
    guest: {
      paging: true,
      pageTables: [
        { gvaPage: 0, pages: 64, gfn: 100 },
        { gvaPage: 12, pages: 1, gfn: 500, accessed: false },
      ],
    },
  }),
  valid({ mmu: 'shadow', memslots: [{ baseGfn: 0, pages: 64 }], accesses: [8], guest: { paging: false } }),
  // Two kernels: the compareKernel's run and its faults follow, one level deeper.
  valid({
    name: 'v3.7 | v3.8',
    kernel: '3.8',
    compareKernel: '3.7',
    mmu: 'shadow',
    memslots: [{ baseGfn: 0, pages: 1024 }],
    accesses: [8, 9, 13],
    guest: {
      paging: true,
      pageTables: [
        { gvaPage: 0, pages: 64, gfn: 100 },
        { gvaPage: 10, pages: 1, gfn: 110, accessed: false },
      ],
    },
  }),
  valid({ kernel: '6.1', compareKernel: '4.19', memslots: [{ baseGfn: 0, pages: 64 }], accesses: [] }),
];

describe('sim --detail output, streamed', () => {
  it.each(cases.map((s, i) => [i, s] as const))('case %i: the same text JSON.stringify gave', (_i, s) => {
    expect(noTimes(streamed([s], false).text)).toBe(noTimes(reference([s], false)));
  });

  it('an array of scenarios: the same text too', () => {
    expect(noTimes(streamed(cases, true).text)).toBe(noTimes(reference(cases, true)));
    expect(noTimes(streamed(cases.slice(0, 1), true).text)).toBe(noTimes(reference(cases.slice(0, 1), true)));
  });

  it('hands the text over in pieces of about a megabyte, never holding the faults', () => {
    const s = valid({
      variant: 'buggy',
      memslots: [{ baseGfn: 0, pages: 1 << 16 }],
      accesses: { pattern: 'sequential', startGfn: 0, pages: 1 << 16 },
    });
    const { text, pieces } = streamed([s], false);
    expect(pieces).toBeGreaterThan(2);
    const parsed = JSON.parse(text) as { faults: unknown[]; totals: { pfFixed: number } };
    expect(parsed.faults).toHaveLength(1 << 16);
    expect(parsed.totals.pfFixed).toBe(1 << 16);
    expect(noTimes(text)).toBe(noTimes(reference([s], false)));
  });

  it('refuses up front, with one line naming the scenario, above 2^24 accesses', () => {
    const big = valid({
      memslots: [{ baseGfn: 0, pages: 2 ** 30 }],
      accesses: { pattern: 'sequential', startGfn: 0, pages: MAX_DETAIL_ACCESSES + 1 },
    });
    expect(detailRefusal([cases[0]!, big], true)).toBe(
      '$[1].accesses: too large for --detail: 16,777,217 accesses, at most 16,777,216 (every fault is printed); run without --detail',
    );
    expect(
      detailRefusal(
        [{ ...big, accesses: { ...big.accesses, pages: MAX_DETAIL_ACCESSES } } as Scenario],
        false,
      ),
    ).toBeNull();
    const out = simulateText(JSON.stringify(big), { detail: true });
    expect(out).toEqual({
      stdout: '',
      stderr:
        'sim: $.accesses: too large for --detail: 16,777,217 accesses, at most 16,777,216 (every fault is printed); run without --detail\n',
      code: 2,
    });
  });
});
