import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../engine/timeline.ts';
import { guessMemslots } from '../engine/trace/memslotGuess.ts';
import { fittingAccesses, readBlobText, TraceSession } from './traceSession.ts';

const sample = (name: string) => readFileSync(new URL(`../../public/samples/${name}`, import.meta.url));

/** A Blob-like whose stream yields exactly the given byte chunks. */
function chunked(parts: Uint8Array[]): Blob {
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(p);
        c.close();
      },
    });
  return { stream, size: parts.reduce((n, p) => n + p.byteLength, 0) } as unknown as Blob;
}

const parseReq = (source: Blob, vcpu: number | null = null) =>
  ({ source, name: 't', vcpu, hardware: null }) as const;
const never = () => false;

describe('readBlobText', () => {
  it('keeps a UTF-8 character split across chunks and reports byte lengths', async () => {
    const bytes = new TextEncoder().encode('a→b\nc');
    const parts = [bytes.slice(0, 2), bytes.slice(2, 3), bytes.slice(3)];
    const texts: string[] = [];
    let total = 0;
    await readBlobText(
      chunked(parts),
      (t, b) => {
        texts.push(t);
        total += b;
      },
      never,
    );
    expect(texts.join('')).toBe('a→b\nc');
    expect(total).toBe(bytes.byteLength);
  });

  it('stops reading once cancelled', async () => {
    const enc = new TextEncoder();
    const seen: string[] = [];
    await readBlobText(
      chunked([enc.encode('one\n'), enc.encode('two\n'), enc.encode('three\n')]),
      (t) => seen.push(t),
      () => seen.length >= 1,
    );
    expect(seen).toEqual(['one\n']);
  });
});

describe('TraceSession', () => {
  it('parses a sample and replays it with the same totals as the CLI', async () => {
    const s = new TraceSession();
    const summary = await s.parse(
      parseReq(new Blob([sample('synthetic-mixed-v6.1.trace-cmd.txt')])),
      () => {},
      never,
    );
    expect(summary).toMatchObject({
      lines: 1570,
      faults: 488,
      skipped: 1058,
      permissionFaults: 24,
      vcpus: [0, 1],
    });
    const r = s.replay(guessMemslots(summary.maxGfn));
    expect(r.accesses).toBe(480);
    expect(r.outsideMemslots).toBe(8);
    expect(r.totals.buggy).toMatchObject({ pfFixed: 416, prefetched: 300, prefetchHits: 64 });
    expect(r.totals.fixed).toMatchObject({ pfFixed: 102, prefetched: 714, prefetchHits: 378 });
    expect(r.totals.tdp).toMatchObject({ pfFixed: 480, prefetched: 0, prefetchHits: 0 });
    expect(r.kernel).toBeNull();
    expect(r.stepAccesses).toBe(480);
  });

  it('compares with the kernel when set_spte lines are there', async () => {
    const s = new TraceSession();
    const summary = await s.parse(
      parseReq(new Blob([sample('synthetic-setspte-fixed-v6.1.trace-cmd.txt')])),
      () => {},
      never,
    );
    expect(summary).toMatchObject({ hardware: 'ept', hardwareSource: 'detected', hardwareChoice: null });
    expect(summary.kernel?.behaviour).toBe('legacy-after-fix');
    const r = s.replay(guessMemslots(summary.maxGfn));
    expect(r.kernel).toMatchObject({ behaviour: 'legacy-after-fix', comparedWith: 'fixed', setSptes: 1408 });
    expect(r.kernel?.models?.fixed).toMatchObject({ agree: 1232, onlyKernel: 0, onlyModel: 0 });
    expect(r.kernel?.models?.buggy).toMatchObject({ agree: 343, onlyKernel: 889, onlyModel: 0 });
    expect(r.kernel?.models?.tdp).toMatchObject({ agree: 0, onlyKernel: 1232, modelPrefetched: 0 });
  });

  it('reads an AMD trace as AMD unless told otherwise, and a shadow-paging trace on guest virtual pages', async () => {
    const amd = (hardware: 'ept' | null) =>
      new TraceSession().parse(
        { ...parseReq(new Blob([sample('synthetic-amd-npt-v6.1.trace-cmd.txt')])), hardware },
        () => {},
        never,
      );
    expect(await amd(null)).toMatchObject({
      hardware: 'npt',
      hardwareSource: 'detected',
      hardwareChoice: null,
    });
    const asEpt = await amd('ept');
    expect(asEpt).toMatchObject({ hardware: 'ept', hardwareSource: 'option', hardwareChoice: 'ept' });
    expect(asEpt.warnings.map((w) => w.code)).toEqual(['hardware-overridden']);

    const s = new TraceSession();
    const shadow = await s.parse(
      parseReq(new Blob([sample('synthetic-shadow-v5.15.ftrace.txt')])),
      () => {},
      never,
    );
    expect(shadow).toMatchObject({ hardware: 'shadow', faults: 96, guestFaults: 24 });
    const r = s.replay([{ baseGfn: 0, pages: 2 ** 36 }]);
    expect(r).toMatchObject({ accesses: 96, kernel: null });
    expect(s.replayScenario(r.memslots, false).scenario.name).toMatch(/\(guest virtual pages\): 96 faults$/);
  });

  it('a faultless or cancelled parse keeps the previous trace for replays', async () => {
    const s = new TraceSession();
    const good = await s.parse(
      parseReq(new Blob(['x kvm_page_fault: address 5000 error_code 182\n'])),
      () => {},
      never,
    );
    const bad = await s.parse(parseReq(new Blob(['no events here\n'])), () => {}, never);
    expect(bad.faults).toBe(0);
    const cancelled = await s.parse(
      parseReq(new Blob(['x kvm_page_fault: address 9000 error_code 182\n'])),
      () => {},
      () => true,
    );
    expect(cancelled.cancelled).toBe(true);
    expect(s.replay(guessMemslots(good.maxGfn)).accesses).toBe(1);
    expect(s.replayScenario(guessMemslots(good.maxGfn), false).scenario.accesses).toEqual([5]);
  });

  it('says why when every fault lies outside the memslots', async () => {
    const s = new TraceSession();
    await s.parse(
      parseReq(new Blob(['x kvm_page_fault: address fee00000 error_code 182\n'])),
      () => {},
      never,
    );
    expect(() => s.replay([{ baseGfn: 0, pages: 512 }])).toThrow(
      /all 1 faults lie outside the memslots.*0xfee00/,
    );
  });

  it('cuts a long replay to the prefix step mode holds', async () => {
    const lines = Array.from(
      { length: 400 },
      (_, i) => `x kvm_page_fault: address ${(i * 0x3000).toString(16)} error_code 182`,
    );
    const s = new TraceSession();
    await s.parse(parseReq(new Blob([lines.join('\n')])), () => {}, never);
    const slots = [{ baseGfn: 0, pages: 4096 }];
    const cut = s.replayScenario(slots, true, 500);
    expect(cut.totalAccesses).toBe(400);
    expect(cut.accesses).toBeLessThan(400);
    expect(cut.accesses).toBeGreaterThan(0);
    expect(cut.scenario.name).toMatch(new RegExp(`first ${cut.accesses} of 400 faults`));
    // The cut fits; one access more would not.
    for (const v of ['buggy', 'fixed'] as const) expect(buildTimeline(cut.scenario, v, 500).ok).toBe(true);
    const oneMore = { ...cut.scenario, accesses: lines.slice(0, cut.accesses + 1).map((_, i) => i * 3) };
    expect(['buggy', 'fixed'].some((v) => !buildTimeline(oneMore, v as 'buggy', 500).ok)).toBe(true);
  });

  it('fittingAccesses counts whole accesses', () => {
    const scenario = {
      version: 1 as const,
      mmu: 'legacy' as const,
      variant: 'fixed' as const,
      backing: '4k' as const,
      adBits: true,
      memslots: [{ baseGfn: 0, pages: 512 }],
      nonResident: [],
      present: [],
      accesses: [0, 100, 200],
    };
    expect(fittingAccesses(scenario, 'fixed', 1_000_000)).toBe(3);
    expect(fittingAccesses(scenario, 'fixed', 1)).toBe(0);
  });
});
