import { describe, expect, it } from 'vitest';
import { TraceClient } from './traceClient.ts';
import type { TraceWorkerLike } from './traceClient.ts';
import type { TraceRequest, TraceResponse } from './traceProtocol.ts';

function fakeWorker() {
  const sent: TraceRequest[] = [];
  const w: TraceWorkerLike & { sent: TraceRequest[]; emit(m: TraceResponse): void } = {
    sent,
    onmessage: null,
    postMessage: (m) => sent.push(m),
    terminate: () => {},
    emit(m) {
      this.onmessage?.({ data: m } as MessageEvent<TraceResponse>);
    },
  };
  return w;
}

describe('TraceClient', () => {
  it('queues until ready, routes progress to its parse, and resolves by id', async () => {
    const w = fakeWorker();
    const client = new TraceClient(w);
    const progress: number[] = [];
    const handle = client.parse(new Blob(['x']), { name: 'a', vcpu: null, hardware: 'ept' }, (b) =>
      progress.push(b),
    );
    const replay = client.replay([{ baseGfn: 0, pages: 1 }]);
    expect(w.sent).toEqual([]);
    w.emit({ type: 'ready' });
    expect(w.sent.map((m) => [m.id, m.type])).toEqual([
      [handle.id, 'parse'],
      [handle.id + 1, 'replay'],
    ]);
    w.emit({ type: 'progress', id: handle.id, bytes: 5, totalBytes: 10 });
    w.emit({ type: 'error', id: handle.id + 1, message: 'no trace' });
    await expect(replay).resolves.toEqual({ type: 'error', message: 'no trace' });
    expect(progress).toEqual([5]);
    const cancel = client.cancel(handle.id);
    expect(w.sent.at(-1)).toMatchObject({ type: 'cancel', parseId: handle.id });
    w.emit({ type: 'cancelling', id: handle.id + 2 });
    await expect(cancel).resolves.toEqual({ type: 'cancelling' });
  });

  it('rejects what is pending when disposed', async () => {
    const client = new TraceClient(fakeWorker());
    const p = client.scenario([{ baseGfn: 0, pages: 1 }], true);
    client.dispose();
    await expect(p).rejects.toThrow('trace worker stopped');
  });
});
