/// <reference lib="webworker" />
import { decodeForPage } from './linkCodec.ts';
import { frameTransferables } from './protocol.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';
import { EngineSession } from './session.ts';

// A thin host: the model lives in EngineSession; this file only routes messages.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new EngineSession();

function reply(id: number, req: EngineRequest): void {
  switch (req.type) {
    case 'load':
      post({ id, ...session.load(req.scenario, req.mode, req.tick) });
      return;
    case 'setMode':
      post({ id, ...session.setMode(req.mode, req.fromTick) });
      return;
    case 'frame': {
      const r = session.frame(req.tick);
      post({ id, ...r }, r.type === 'frame' ? frameTransferables(r) : []);
      return;
    }
    case 'validate':
      post({ id, ...session.validate(req.text) });
      return;
    case 'decodeLink':
      // Asynchronous (the payload inflates through a DecompressionStream); never rejects.
      void decodeForPage(req.payload).then((result) => post({ id, type: 'linkDecoded', result }));
      return;
  }
}

function post(msg: EngineResponse, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = (e: MessageEvent<EngineRequest>) => {
  const req = e.data;
  try {
    reply(req.id, req);
  } catch (err) {
    post({
      id: req.id,
      type: 'error',
      problem: { path: '$', message: err instanceof Error ? err.message : String(err) },
    });
  }
};

post({ type: 'ready' });
