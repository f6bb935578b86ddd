/// <reference lib="webworker" />
import type { ExperimentRequest, ExperimentResponse } from './experimentProtocol.ts';
import { runExperiment } from './experimentSession.ts';

// A thin host: the run lives in experimentSession.ts; this file only routes messages. There is
// no cancel message: a run never yields to the event loop, so the client either raises the
// shared cancel flag (cross-origin isolated pages) or terminates this worker.
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: ExperimentResponse, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = (e: MessageEvent<ExperimentRequest>) => {
  const req = e.data;
  switch (req.type) {
    case 'run': {
      const flag = req.cancelFlag;
      try {
        const finished = runExperiment(req, {
          now: () => performance.now(),
          post,
          shouldCancel: () => (flag ? Atomics.load(flag, 0) === 1 : false),
        });
        post({ type: 'done', id: req.id, cancelled: !finished });
      } catch (err) {
        post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
      }
      return;
    }
  }
};

post({ type: 'ready' });
