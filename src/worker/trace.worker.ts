/// <reference lib="webworker" />
import { packReplay } from './traceProtocol.ts';
import type { TraceRequest, TraceResponse } from './traceProtocol.ts';
import { TraceSession } from './traceSession.ts';

// A thin host: the logic lives in TraceSession; this file routes messages and tracks cancels.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new TraceSession();
const cancelled = new Set<number>();
/** Progress goes out at most this often: a message per 64 KiB chunk would flood the UI thread. */
const PROGRESS_EVERY_MS = 80;

async function reply(req: TraceRequest): Promise<void> {
  const id = req.id;
  switch (req.type) {
    case 'parse': {
      const totalBytes = req.source.size;
      let last = 0;
      const summary = await session.parse(
        req,
        (bytes) => {
          const now = performance.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          post({ type: 'progress', id, bytes, totalBytes });
        },
        () => cancelled.has(id),
      );
      cancelled.delete(id);
      post({ id, type: 'parsed', summary });
      return;
    }
    case 'cancel':
      cancelled.add(req.parseId);
      post({ id, type: 'cancelling' });
      return;
    case 'replay':
      post({ id, type: 'replayed', report: session.replay(req.memslots) });
      return;
    case 'scenario': {
      const replay = packReplay(session.replayScenario(req.memslots, req.fitStepMode));
      post({ id, type: 'scenario', replay }, [replay.gfns.buffer]);
      return;
    }
  }
}

function post(msg: TraceResponse, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = (e: MessageEvent<TraceRequest>) => {
  const req = e.data;
  reply(req).catch((err: unknown) => {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
};

post({ type: 'ready' });
