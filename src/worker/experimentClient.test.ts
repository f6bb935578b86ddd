import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExperimentClient } from './experimentClient.ts';
import type { ExperimentWorkerLike, RunHandlers } from './experimentClient.ts';
import type { ExperimentRequest, ExperimentResponse, RunResult } from './experimentProtocol.ts';
import { runExperiment } from './experimentSession.ts';
import { scenario } from '../engine/testing/scenarios.ts';

class FakeWorker implements ExperimentWorkerLike {
  sent: ExperimentRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<ExperimentResponse>) => void) | null = null;
  transfers: Transferable[][] = [];
  postMessage(m: ExperimentRequest, transfer: Transferable[] = []): void {
    this.sent.push(m);
    this.transfers.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: ExperimentResponse): void {
    this.onmessage?.({ data: m } as MessageEvent<ExperimentResponse>);
  }
}

const OPTS = {
  scenario: scenario({ accesses: { pattern: 'sequential', startGfn: 0, pages: 4096 } }),
  runs: ['buggy', 'fixed'] as ('buggy' | 'fixed')[],
  buckets: 8,
  tableCount: 16,
  overview: { cols: 4, rows: 4, tablesPerCell: 1, cellPx: 1 },
  ramTables: [[0, 16]] as Array<[number, number]>,
  measureEngine: true,
};

describe('ExperimentClient', () => {
  it('cancel without shared memory terminates the worker, starts a fresh one, and drops late messages', () => {
    const workers: FakeWorker[] = [];
    const client = new ExperimentClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const ends: string[] = [];
    const progress: number[] = [];
    workers[0]!.reply({ type: 'ready' });
    client.run(OPTS, {
      onProgress: (f) => progress.push(f),
      onResult: () => undefined,
      onEnd: (e) => ends.push(e.kind),
    });
    const id = workers[0]!.sent[0]!.id;
    workers[0]!.reply({ type: 'progress', id, fraction: 0.5, label: 'x' });
    client.cancel();
    workers[0]!.reply({ type: 'done', id, cancelled: false });
    expect(progress).toEqual([0.5]);
    expect(ends).toEqual(['cancelled']);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.running).toBe(false);
  });

  it('hands results on, then ends once with done or the error', async () => {
    const w = new FakeWorker();
    const client = new ExperimentClient(() => w);
    w.reply({ type: 'ready' });
    const seen: string[] = [];
    const handlers: RunHandlers = {
      onProgress: () => undefined,
      onResult: (r) => seen.push(`result ${r.run}`),
      onEnd: (e) => seen.push(e.kind === 'error' ? `end error ${e.message}` : `end ${e.kind}`),
    };
    client.run(OPTS, handlers);
    const first = w.sent[0]!.id;
    // Only the run kind matters to the client; it hands the result on untouched.
    const result = { run: 'buggy' } as unknown as RunResult;
    w.reply({ type: 'result', id: first, result });
    w.reply({ type: 'done', id: first, cancelled: false });
    await Promise.resolve();
    expect(client.running).toBe(false);
    client.run(OPTS, handlers);
    w.reply({ type: 'error', id: w.sent[1]!.id, message: 'boom' });
    await Promise.resolve();
    expect(seen).toEqual(['result buggy', 'end done', 'end error boom']);
  });

  describe('on a cross-origin isolated page', () => {
    afterEach(() => vi.unstubAllGlobals());

    it("cancel raises the shared flag and keeps the worker, dropping the run's late messages", async () => {
      vi.stubGlobal('crossOriginIsolated', true);
      const workers: FakeWorker[] = [];
      const client = new ExperimentClient(() => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      });
      workers[0]!.reply({ type: 'ready' });
      const ends: string[] = [];
      client.run(OPTS, {
        onProgress: () => undefined,
        onResult: () => undefined,
        onEnd: (e) => ends.push(e.kind),
      });
      const req = workers[0]!.sent[0]!;
      client.cancel();
      expect(req.cancelFlag && Atomics.load(req.cancelFlag, 0)).toBe(1);
      workers[0]!.reply({ type: 'done', id: req.id, cancelled: true });
      await Promise.resolve();
      expect(ends).toEqual(['cancelled']);
      expect(workers).toHaveLength(1);
      expect(workers[0]!.terminated).toBe(false);
    });
  });
});

describe('runExperiment', () => {
  it('posts throttled progress, one result per run kind with transferables, and stops when cancelled', () => {
    let t = 0;
    const posts: ExperimentResponse[] = [];
    const transfers: number[] = [];
    const ok = runExperiment(
      { type: 'run', id: 1, ...OPTS },
      {
        now: () => (t += 60),
        post: (m, tr) => {
          posts.push(m);
          transfers.push(tr?.length ?? 0);
        },
        shouldCancel: () => false,
      },
    );
    expect(ok).toBe(true);
    const results = posts.filter((p) => p.type === 'result');
    expect(results.map((r) => r.type === 'result' && r.result.totals.pfFixed)).toEqual([4096, 512]);
    expect(transfers[posts.indexOf(results[0]!)]).toBe(3);
    expect(posts.some((p) => p.type === 'progress')).toBe(true);
    const cancelled = runExperiment(
      {
        type: 'run',
        id: 2,
        ...OPTS,
        scenario: scenario({ accesses: { pattern: 'random', startGfn: 0, pages: 1 << 17 } }),
      },
      { now: () => (t += 60), post: () => undefined, shouldCancel: () => true },
    );
    expect(cancelled).toBe(false);
  });
});

describe('runExperiment, one pass and packed access lists', () => {
  const collect = (req: Parameters<typeof runExperiment>[0]) => {
    let t = 0;
    const posts: ExperimentResponse[] = [];
    const ok = runExperiment(req, {
      // Each clock read is past the throttle, so every progress check posts.
      now: () => (t += 200),
      post: (m) => posts.push(m),
      shouldCancel: () => false,
    });
    const results = posts.flatMap((p) => (p.type === 'result' ? [p.result] : []));
    const fractions = posts.flatMap((p) => (p.type === 'progress' ? [p.fraction] : []));
    const labels = [...new Set(posts.flatMap((p) => (p.type === 'progress' ? [p.label] : [])))];
    return { ok, results, fractions, labels };
  };

  it('without engine timing runs one pass with the same counts, and progress still reaches the end', () => {
    const random = scenario({ accesses: { pattern: 'random', startGfn: 0, pages: 1 << 16, seed: 7 } });
    const both = collect({ type: 'run', id: 1, ...OPTS, scenario: random, tableCount: 128 });
    const one = collect({
      type: 'run',
      id: 2,
      ...OPTS,
      scenario: random,
      tableCount: 128,
      measureEngine: false,
    });
    expect(one.ok).toBe(true);
    expect(one.results.map((r) => r.totals)).toEqual(both.results.map((r) => r.totals));
    expect(one.results.every((r) => r.engineMs === null)).toBe(true);
    expect(both.results.every((r) => typeof r.engineMs === 'number')).toBe(true);
    expect(both.labels).toEqual(['buggy: engine', 'buggy: charts', 'fixed: engine', 'fixed: charts']);
    expect(one.labels).toEqual(['buggy', 'fixed']);
    // One pass per kind: the second kind starts half way, and the fractions only grow.
    expect(one.fractions).toContain(0.5);
    expect(one.fractions).toEqual([...one.fractions].sort((a, b) => a - b));
  });

  it('a packed GFN list runs like the same list in the scenario', () => {
    const gfns = [5, 6, 7, 100, 8, 9, 4096, 4097, 5, 200, 13];
    const inline = collect({ type: 'run', id: 3, ...OPTS, scenario: scenario({ accesses: gfns }) });
    const packed = collect({
      type: 'run',
      id: 4,
      ...OPTS,
      scenario: scenario({ accesses: [] }),
      gfns: Float64Array.from(gfns),
    });
    expect(packed.results.map((r) => r.totals)).toEqual(inline.results.map((r) => r.totals));
    expect(packed.results[0]!.accessCount).toBe(gfns.length);
    expect(Array.from(packed.results[0]!.faultBuckets)).toEqual(Array.from(inline.results[0]!.faultBuckets));
  });

  it('the client transfers the GFN list instead of cloning it', () => {
    const w = new FakeWorker();
    const client = new ExperimentClient(() => w);
    const gfns = Float64Array.from([1, 2, 3]);
    client.run(
      { ...OPTS, gfns },
      { onProgress: () => undefined, onResult: () => undefined, onEnd: () => undefined },
    );
    // Queued until the worker is ready, then sent with the list as a transfer.
    expect(w.sent).toEqual([]);
    w.reply({ type: 'ready' });
    expect(w.transfers[0]).toEqual([gfns.buffer]);
  });
});
