/// <reference lib="webworker" />
import type { PathsRequest, PathsResponse } from './pathsProtocol.ts';
import { runComparison } from './pathsSession.ts';

// A thin host for the comparison view: the work is runComparison's; this file only routes messages.
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: PathsResponse): void {
  scope.postMessage(msg);
}

scope.onmessage = (e: MessageEvent<PathsRequest>) => {
  const req = e.data;
  try {
    switch (req.type) {
      case 'compare':
        post({ id: req.id, ...runComparison(req.workload, (p) => post({ id: req.id, ...p })) });
        return;
    }
  } catch (err) {
    post({ id: req.id, type: 'error', path: '$', message: err instanceof Error ? err.message : String(err) });
  }
};

post({ type: 'ready' });
