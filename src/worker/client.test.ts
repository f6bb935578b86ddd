import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../engine/presets.ts';
import { EngineClient } from './client.ts';
import type { WorkerLike } from './client.ts';
import type { EngineReply, EngineRequest, EngineResponse } from './protocol.ts';

/** A worker that records requests and answers only when the test says so. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<EngineResponse>) => void) | null = null;
  sent: EngineRequest[] = [];
  terminated = false;
  postMessage(m: EngineRequest): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(msg: EngineResponse): void {
    this.onmessage?.({ data: msg } as MessageEvent<EngineResponse>);
  }
  reply(id: number, r: EngineReply): void {
    this.emit({ ...r, id });
  }
}

function frameReply(tick: number): EngineReply {
  return { type: 'frame', tick, buggy: null, fixed: null, diff: null };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('EngineClient', () => {
  it('queues requests until the worker is ready, then sends them in order', async () => {
    const w = new FakeWorker();
    const c = new EngineClient(w);
    void c.validate('{}');
    void c.setMode('buggy', 0);
    expect(w.sent).toEqual([]);
    w.emit({ type: 'ready' });
    expect(w.sent.map((m) => m.type)).toEqual(['validate', 'setMode']);
    void c.validate('[]');
    expect(w.sent).toHaveLength(3);
  });

  it('matches replies to requests by id, whatever order they arrive in', async () => {
    const w = new FakeWorker();
    const c = new EngineClient(w);
    w.emit({ type: 'ready' });
    const a = c.validate('a');
    const b = c.load(DEFAULT_SCENARIO, 'compare', 0);
    const [ra, rb] = w.sent;
    w.reply(rb!.id, { type: 'error', problem: { path: '$.b', message: 'second' } });
    w.reply(ra!.id, { type: 'error', problem: { path: '$.a', message: 'first' } });
    expect(await a).toEqual({ type: 'error', problem: { path: '$.a', message: 'first' } });
    expect(await b).toEqual({ type: 'error', problem: { path: '$.b', message: 'second' } });
  });

  it('ignores replies to unknown ids', async () => {
    const w = new FakeWorker();
    const c = new EngineClient(w);
    w.emit({ type: 'ready' });
    const p = c.validate('x');
    w.reply(999, { type: 'validated', scenario: DEFAULT_SCENARIO });
    w.reply(w.sent[0]!.id, { type: 'validated', scenario: DEFAULT_SCENARIO });
    expect((await p).type).toBe('validated');
  });

  it('keeps one frame in flight, answers superseded requests null and drops the stale reply', async () => {
    const w = new FakeWorker();
    const c = new EngineClient(w);
    w.emit({ type: 'ready' });
    const f1 = c.frame(1);
    const f2 = c.frame(2);
    const f3 = c.frame(3);
    // Only the first reached the worker; 2 was superseded by 3 before it was sent.
    expect(w.sent.map((m) => (m.type === 'frame' ? m.tick : -1))).toEqual([1]);
    expect(await f2).toBeNull();
    w.reply(w.sent[0]!.id, frameReply(1));
    expect(await f1).toBeNull();
    await flush();
    expect(w.sent.map((m) => (m.type === 'frame' ? m.tick : -1))).toEqual([1, 3]);
    w.reply(w.sent[1]!.id, frameReply(3));
    expect(await f3).toEqual(frameReply(3));
  });

  it('delivers a frame reply nobody superseded', async () => {
    const w = new FakeWorker();
    const c = new EngineClient(w);
    w.emit({ type: 'ready' });
    const f = c.frame(7);
    w.reply(w.sent[0]!.id, frameReply(7));
    expect(await f).toEqual(frameReply(7));
    const g = c.frame(8);
    expect(w.sent).toHaveLength(2);
    w.reply(w.sent[1]!.id, frameReply(8));
    expect(await g).toEqual(frameReply(8));
  });

  it('rejects pending requests and terminates the worker on dispose', async () => {
    const w = new FakeWorker();
    const c = new EngineClient(w);
    const p = c.validate('x');
    c.dispose();
    expect(w.terminated).toBe(true);
    await expect(p).rejects.toThrow('engine stopped');
  });
});
