import { describe, expect, it } from 'vitest';
import { LatestOnly, RpcChannel } from './rpcChannel.ts';
import type { WorkerPort } from './rpcChannel.ts';

type Req = { id: number; type: 'sum'; values: number[] } | { id: number; type: 'echo'; text: string };
type Res =
  | { type: 'ready' }
  | { type: 'step'; id: number; done: number }
  | { type: 'sum'; id: number; total: number }
  | { type: 'echo'; id: number; text: string };
type Replies = { sum: { type: 'sum'; total: number }; echo: { type: 'echo'; text: string } };

class FakeWorker implements WorkerPort<Req, Res> {
  sent: Req[] = [];
  transfers: Transferable[][] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<Res>) => void) | null = null;
  postMessage(m: Req, transfer: Transferable[] = []): void {
    this.sent.push(m);
    this.transfers.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(m: Res): void {
    this.onmessage?.({ data: m } as MessageEvent<Res>);
  }
}

function channel() {
  const w = new FakeWorker();
  const c = new RpcChannel<Req, Res, Replies>(w, { interimTypes: ['step'], stoppedMessage: 'stopped' });
  return { w, c };
}

describe('RpcChannel', () => {
  it('queues requests with their transfers until ready, then sends them in order', () => {
    const { w, c } = channel();
    const buf = new ArrayBuffer(8);
    const a = c.request<'sum'>({ type: 'sum', values: [1] }, { transfer: [buf] });
    const b = c.request<'echo'>({ type: 'echo', text: 'x' });
    expect(w.sent).toEqual([]);
    w.emit({ type: 'ready' });
    expect(w.sent).toEqual([
      { type: 'sum', values: [1], id: a.id },
      { type: 'echo', text: 'x', id: b.id },
    ]);
    expect(w.transfers).toEqual([[buf], []]);
    c.request<'echo'>({ type: 'echo', text: 'y' });
    expect(w.sent).toHaveLength(3);
  });

  it('routes interim messages to their request and resolves each by id, without the id', async () => {
    const { w, c } = channel();
    w.emit({ type: 'ready' });
    const steps: number[] = [];
    const a = c.request<'sum'>(
      { type: 'sum', values: [1, 2] },
      { onInterim: (m) => m.type === 'step' && steps.push(m.done) },
    );
    const b = c.request<'echo'>({ type: 'echo', text: 'hi' });
    w.emit({ type: 'echo', id: b.id, text: 'hi' });
    w.emit({ type: 'step', id: a.id, done: 1 });
    w.emit({ type: 'step', id: 999, done: 7 });
    w.emit({ type: 'sum', id: a.id, total: 3 });
    w.emit({ type: 'sum', id: a.id, total: 4 });
    expect(await a.reply).toEqual({ type: 'sum', total: 3 });
    expect(await b.reply).toEqual({ type: 'echo', text: 'hi' });
    expect(steps).toEqual([1]);
  });

  it('forget drops a request: never sent if queued, its late messages ignored if sent', async () => {
    const { w, c } = channel();
    const queued = c.request<'echo'>({ type: 'echo', text: 'old' });
    c.forget(queued.id);
    w.emit({ type: 'ready' });
    expect(w.sent).toEqual([]);
    const steps: number[] = [];
    const sent = c.request<'sum'>({ type: 'sum', values: [] }, { onInterim: () => steps.push(1) });
    let settled = false;
    void sent.reply.then(() => (settled = true));
    c.forget(sent.id);
    w.emit({ type: 'step', id: sent.id, done: 1 });
    w.emit({ type: 'sum', id: sent.id, total: 0 });
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(false);
    expect(steps).toEqual([]);
  });

  it('dispose terminates the worker and rejects what is pending', async () => {
    const { w, c } = channel();
    const p = c.request<'echo'>({ type: 'echo', text: 'x' });
    c.dispose();
    expect(w.terminated).toBe(true);
    await expect(p.reply).rejects.toThrow('stopped');
  });
});

describe('LatestOnly', () => {
  it('answers a replaced request null, never sends it if queued, and keeps the latest answer', async () => {
    const { w, c } = channel();
    const latest = new LatestOnly();
    const first = latest.track(c, c.request<'echo'>({ type: 'echo', text: 'old' }));
    const second = latest.track(c, c.request<'echo'>({ type: 'echo', text: 'new' }));
    await expect(first).resolves.toBeNull();
    w.emit({ type: 'ready' });
    expect(w.sent.map((m) => m.type === 'echo' && m.text)).toEqual(['new']);
    w.emit({ type: 'echo', id: w.sent[0]!.id, text: 'new' });
    await expect(second).resolves.toEqual({ type: 'echo', text: 'new' });
  });

  it('answers null when the worker stops under it', async () => {
    const { w, c } = channel();
    w.emit({ type: 'ready' });
    const pending = new LatestOnly().track(c, c.request<'sum'>({ type: 'sum', values: [1, 2] }));
    c.dispose();
    await expect(pending).resolves.toBeNull();
  });
});
