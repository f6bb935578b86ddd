/// <reference lib="webworker" />
import type { HostRequest, HostResponse } from './hostProtocol.ts';
import { answerHost } from './hostSession.ts';

// A thin host for the host page: the work is answerHost's; this file only routes messages.
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: HostResponse): void {
  scope.postMessage(msg);
}

scope.onmessage = (e: MessageEvent<HostRequest>) => {
  const req = e.data;
  try {
    switch (req.type) {
      case 'check':
        post({ id: req.id, ...answerHost(req.input) });
        return;
    }
  } catch (err) {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

post({ type: 'ready' });
