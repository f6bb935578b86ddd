import { describe, expect, it } from 'vitest';
import { ExperimentClient } from './experimentClient.ts';
import type { ExperimentWorkerLike } from './experimentClient.ts';
import type { ExperimentRequest, ExperimentResponse } from './experimentProtocol.ts';
import { runExperiment } from './experimentSession.ts';
import { scenario } from '../engine/testing/scenarios.ts';

class FakeWorker implements ExperimentWorkerLike {
  sent: ExperimentRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<ExperimentResponse>) => void) | null = null;
  postMessage(m: ExperimentRequest): void {
    this.sent.push(m);
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
