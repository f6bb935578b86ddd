import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TraceSession } from '../../worker/traceSession.ts';
import { packReplay, unpackReplay } from '../../worker/traceProtocol.ts';
import type { TracePort } from './traceStore.ts';
import { createTraceStore, nothingToReplay } from './traceStore.ts';
import { emptyEvidence } from '../../engine/trace/hardwareEvidence.ts';

/** The port as the worker serves it, in-process: the real session behind the message shapes. */
function sessionPort(session = new TraceSession()): TracePort & { cancelled: Set<number> } {
  const cancelled = new Set<number>();
  let nextId = 1;
  const wrap = <T>(f: () => T) => {
    try {
      return f();
    } catch (e) {
      return { type: 'error' as const, message: (e as Error).message };
    }
  };
  return {
    cancelled,
    parse(source, opts, onProgress) {
      const id = nextId++;
      const done = session
        .parse(
          { source, ...opts },
          (b) => onProgress(b, source.size),
          () => cancelled.has(id),
        )
        .then((summary) => ({ type: 'parsed' as const, summary }));
      return { id, done };
    },
    cancel: (parseId) => {
      cancelled.add(parseId);
      return Promise.resolve({ type: 'cancelling' as const });
    },
    replay: (m) => Promise.resolve(wrap(() => ({ type: 'replayed' as const, report: session.replay(m) }))),
    scenario: (m, fit) =>
      Promise.resolve(
        wrap(() => ({ type: 'scenario' as const, replay: packReplay(session.replayScenario(m, fit)) })),
      ),
  };
}

const sample = (name: string) =>
  new Blob([readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url))]);

const mixed = () =>
  new Blob([
    readFileSync(new URL('../../../public/samples/synthetic-mixed-v5.15.perf.txt', import.meta.url)),
  ]);

describe('trace store', () => {
  it('parses, replays with the guessed memslots, and re-parses for a vCPU', async () => {
    const store = createTraceStore(sessionPort());
    await store.getState().load(mixed(), 'mixed');
    const s = store.getState();
    expect(s.summary?.vcpus).toEqual([0, 1]);
    expect(s.report?.memslots).toEqual([
      { baseGfn: 0, pages: 0xc0000 },
      { baseGfn: 0x100000, pages: 0x80000 },
    ]);
    expect(s.progress).toBeNull();
    await store.getState().setVcpu(1);
    expect(store.getState().summary?.faults).toBeLessThan(s.summary!.faults);
    expect(store.getState().report?.accesses).toBe(160);
  });

  it('detects the hardware, re-parses when it is chosen, and goes back to detecting', async () => {
    const store = createTraceStore(sessionPort());
    await store.getState().load(sample('synthetic-amd-npt-v6.1.trace-cmd.txt'), 'amd');
    expect(store.getState().summary).toMatchObject({ hardware: 'npt', hardwareSource: 'detected' });
    expect(store.getState().report?.kernel).toMatchObject({ behaviour: 'no-prefetch', comparedWith: 'tdp' });
    await store.getState().setHardware('ept');
    expect(store.getState().summary).toMatchObject({
      hardware: 'ept',
      hardwareSource: 'option',
      hardwareChoice: 'ept',
    });
    await store.getState().setHardware(null);
    expect(store.getState().summary).toMatchObject({ hardware: 'npt', hardwareChoice: null });
  });

  it('lets another hardware be tried on a trace that had no usable faults as read', async () => {
    const store = createTraceStore(sessionPort());
    await store.getState().setHardware('ept');
    await store.getState().load(new Blob(['kvm_page_fault: address fc000 error_code 14\n']), 'amd.txt');
    expect(store.getState().summary).toMatchObject({ faults: 0, permissionFaults: 1 });
    expect(store.getState().notice?.text).toMatch(/permission faults when read as Intel EPT/);
    await store.getState().setHardware(null);
    expect(store.getState().summary).toMatchObject({ hardware: 'npt', hardwareSource: 'default', faults: 1 });
    expect(store.getState().report?.accesses).toBe(1);
  });

  it('replays guest virtual pages with one flat slot unless memslots are chosen', async () => {
    const store = createTraceStore(sessionPort());
    await store.getState().load(sample('synthetic-shadow-v5.15.ftrace.txt'), 'shadow');
    const r = store.getState().report!;
    expect(r.outsideMemslots).toBe(0);
    expect(r.memslots).toHaveLength(1);
    expect(r.memslots[0]!.baseGfn).toBe(0);
  });

  it('hands over the whole replay with its GFNs packed in a Float64Array, in trace order', async () => {
    const session = new TraceSession();
    const store = createTraceStore(sessionPort(session));
    await store.getState().load(mixed(), 'mixed');
    const r = await store.getState().replayScenario(false);
    if (typeof r === 'string') throw new Error(r);
    const plain = session.replayScenario(store.getState().report!.memslots, false).scenario;
    expect(r.scenario.accesses).toEqual([]);
    expect(r.gfns).toBeInstanceOf(Float64Array);
    expect(r.gfns.length).toBe(store.getState().report!.accesses);
    expect(unpackReplay(r)).toEqual(plain);
  });

  it('keeps the last good replay when custom memslots are bad, and names the path', async () => {
    const store = createTraceStore(sessionPort());
    await store.getState().load(mixed(), 'mixed');
    await store.getState().setMemslots({ kind: 'custom', text: '[{"baseGfn": 0, "pages": "x"}]' });
    expect(store.getState().memslotError).toMatch(/^\$\[0\]\.pages: /);
    expect(store.getState().report).toBeNull();
    await store.getState().setMemslots({ kind: 'custom', text: '[{"baseGfn": 0, "pages": 786432}]' });
    expect(store.getState().memslotError).toBeNull();
    expect(store.getState().report?.accesses).toBe(320);
  });

  it('a file without faults shows why and leaves the previous results alone in the worker', async () => {
    const store = createTraceStore(sessionPort());
    await store.getState().load(mixed(), 'mixed');
    await store.getState().load(new Blob(['hello\nkvm_page_fault: address zz error_code 1\n']), 'bad.txt');
    const s = store.getState();
    expect(s.notice?.kind).toBe('error');
    expect(s.notice?.text).toMatch(/No usable page faults in bad.txt: 1 malformed event lines/);
    expect(s.summary?.errors[0]?.line).toBe(2);
    // The step button works off the trace the worker still holds.
    const r = await s.replayScenario(true);
    expect(typeof r).toBe('string');
  });

  it('cancel stops a parse and says nothing changed', async () => {
    const port = sessionPort();
    const store = createTraceStore(port);
    const big = new Blob([mixed(), mixed(), mixed()]);
    const p = store.getState().load(big, 'big');
    store.getState().cancel();
    await p;
    expect(store.getState().notice).toEqual({
      kind: 'info',
      text: 'Cancelled reading big; nothing changed.',
    });
    expect(store.getState().summary).toBeNull();
  });

  it('explains a faultless parse', () => {
    const base = {
      name: 'f',
      lines: 3,
      faults: 0,
      skipped: 3,
      permissionFaults: 0,
      guestFaults: 0,
      otherVcpuEvents: 0,
      unknownVcpuEvents: 0,
      vcpuInferred: 0,
      rejoinedLines: 0,
      errors: [],
      errorCount: 0,
      warnings: [],
      hardware: 'ept' as const,
      hardwareSource: 'detected' as const,
      hardwareEvidence: '3 error codes with EPT’s 0x80/0x100 bits.',
      evidence: emptyEvidence(),
      kernel: null,
      vcpus: [],
      setSptes: 0,
      maxGfn: -1,
      bytes: 10,
      cancelled: false,
      ms: 1,
      vcpu: null,
      hardwareChoice: null,
    };
    expect(nothingToReplay(base)).toMatch(/no kvm_page_fault events among 3 lines/);
    expect(nothingToReplay({ ...base, permissionFaults: 4 })).toMatch(
      /all 4 kvm_page_fault events are permission faults when read as Intel EPT\. If the trace is from other hardware, choose it under Hardware\./,
    );
    expect(nothingToReplay({ ...base, vcpu: 2, otherVcpuEvents: 5, vcpus: [0, 1] })).toMatch(
      /from vCPU 2 \(vCPUs seen: 0, 1\)/,
    );
  });
});
