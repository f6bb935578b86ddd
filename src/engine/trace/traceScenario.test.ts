import { describe, expect, it } from 'vitest';
import { runScenario } from '../run.ts';
import { parseScenario } from '../scenario.ts';
import { guessMemslots } from './memslotGuess.ts';
import { parseTraceText } from './traceParser.ts';
import { traceToScenario } from './traceScenario.ts';

const faultLine = (gfn: number) => `kvm_page_fault: address ${(gfn * 4096 + 8).toString(16)} error_code 182`;

describe('traceToScenario', () => {
  it('replays the faulting GFNs in trace order and leaves MMIO faults out, counting them', () => {
    const gfns = [0x10, 0xfebd0, 0x11, 0x100005, 0xfebd1, 0x12];
    const parsed = parseTraceText(gfns.map(faultLine).join('\n'));
    const replay = traceToScenario(parsed, guessMemslots(parsed.maxGfn), { traceName: 'boot.txt', vcpu: 2 });
    expect(replay.scenario.accesses).toEqual([0x10, 0x11, 0x100005, 0x12]);
    expect(replay.outsideMemslots).toBe(2);
    expect(replay.outsideExamples).toEqual([0xfebd0, 0xfebd1]);
    expect(replay.scenario).toMatchObject({
      name: 'trace boot.txt, vCPU 2: 4 faults',
      mmu: 'legacy',
      variant: 'fixed',
      backing: '4k',
      adBits: true,
      nonResident: [],
      present: [],
    });
    // The result is a valid scenario of the project's format.
    expect(parseScenario(replay.scenario).ok).toBe(true);
  });

  it('keeps at most 5 examples and copies the memslots', () => {
    const memslots = [{ baseGfn: 0, pages: 8 }];
    const replay = traceToScenario({ gfns: [1, 20, 21, 22, 23, 24, 25, 2] }, memslots, {
      mmu: 'tdp',
      variant: 'buggy',
    });
    expect(replay.scenario.accesses).toEqual([1, 2]);
    expect(replay.outsideMemslots).toBe(6);
    expect(replay.outsideExamples).toEqual([20, 21, 22, 23, 24]);
    expect(replay.scenario.memslots).toEqual(memslots);
    expect(replay.scenario.memslots[0]).not.toBe(memslots[0]);
    expect(replay.scenario).toMatchObject({ mmu: 'tdp', variant: 'buggy', name: 'trace replay: 2 faults' });
  });

  it('runs: an ascending sweep faults on every page when buggy and once per 8 when fixed', () => {
    const parsed = parseTraceText(Array.from({ length: 64 }, (_, i) => faultLine(0x200 + i)).join('\n'));
    const { scenario } = traceToScenario(parsed, guessMemslots(parsed.maxGfn));
    expect(runScenario({ ...scenario, variant: 'buggy' }).totals.pfFixed).toBe(64);
    expect(runScenario({ ...scenario, variant: 'fixed' }).totals).toMatchObject({
      pfFixed: 8,
      prefetched: 56,
    });
  });
});
