import { describe, expect, it } from 'vitest';
import { PathsClient } from './pathsClient.ts';
import type { PathsWorkerLike } from './pathsClient.ts';
import type { PathsRequest, PathsResponse } from './pathsProtocol.ts';
import { runComparison } from './pathsSession.ts';

const SMALL = {
  memslots: [{ baseGfn: 0, pages: 512 }],
  accesses: { pattern: 'sequential' as const, startGfn: 0, pages: 64 },
};

describe('runComparison', () => {
  it('reports each path as it finishes, then the rows', () => {
    const seen: string[] = [];
    const r = runComparison(SMALL, (p) => seen.push(`${p.done}/${p.total} ${p.path}`));
    expect(seen).toEqual(['1/5 legacy-buggy', '2/5 legacy-fixed', '3/5 shadow', '4/5 tdp', '5/5 legacy-2m']);
    expect(r.type).toBe('rows');
    if (r.type === 'rows') expect(r.rows.map((x) => x.totals.pfFixed)).toEqual([64, 8, 8, 64, 1]);
  });

  it("refuses a workload outside the VM with the format's message", () => {
    const r = runComparison({ ...SMALL, accesses: { ...SMALL.accesses, pages: 600 } }, () => {});
    expect(r).toMatchObject({ type: 'error', path: '$.accesses' });
  });
});

class FakeWorker implements PathsWorkerLike {
  sent: PathsRequest[] = [];
  onmessage: ((e: MessageEvent<PathsResponse>) => void) | null = null;
  postMessage(m: PathsRequest) {
    this.sent.push(m);
  }
  terminate() {}
  reply(m: PathsResponse) {
    this.onmessage?.({ data: m } as MessageEvent<PathsResponse>);
  }
}

describe('PathsClient', () => {
  it('queues until ready, passes progress, resolves with the result', async () => {
    const w = new FakeWorker();
    const c = new PathsClient(w);
    const progress: number[] = [];
    const p = c.compare(SMALL, (x) => progress.push(x.done));
    expect(w.sent).toHaveLength(0);
    w.reply({ type: 'ready' });
    expect(w.sent).toHaveLength(1);
    const id = w.sent[0]!.id;
    w.reply({ id, type: 'progress', done: 1, total: 5, path: 'legacy-buggy' });
    w.reply({ id, type: 'rows', rows: [], engineMs: 1 });
    await expect(p).resolves.toEqual({ type: 'rows', rows: [], engineMs: 1 });
    expect(progress).toEqual([1]);
  });

  it('answers a superseded request null and drops its late replies', async () => {
    const w = new FakeWorker();
    const c = new PathsClient(w);
    w.reply({ type: 'ready' });
    const first = c.compare(SMALL, () => {});
    const second = c.compare(SMALL, () => {});
    await expect(first).resolves.toBeNull();
    const [a, b] = w.sent;
    w.reply({ id: a!.id, type: 'rows', rows: [], engineMs: 9 });
    w.reply({ id: b!.id, type: 'error', path: '$', message: 'x' });
    await expect(second).resolves.toEqual({ type: 'error', path: '$', message: 'x' });
  });

  it('never sends a request superseded while waiting for the worker', async () => {
    const w = new FakeWorker();
    const c = new PathsClient(w);
    const first = c.compare(SMALL, () => {});
    const second = c.compare({ ...SMALL, accesses: { ...SMALL.accesses, pages: 32 } }, () => {});
    await expect(first).resolves.toBeNull();
    w.reply({ type: 'ready' });
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]!.workload.accesses).toMatchObject({ pages: 32 });
    w.reply({ id: w.sent[0]!.id, type: 'rows', rows: [], engineMs: 2 });
    await expect(second).resolves.toEqual({ type: 'rows', rows: [], engineMs: 2 });
  });

  it('answers what is pending null when disposed', async () => {
    const c = new PathsClient(new FakeWorker());
    const p = c.compare(SMALL, () => {});
    c.dispose();
    await expect(p).resolves.toBeNull();
  });
});
