import { checkHost, hostCost } from '../engine/hostCheck.ts';
import type { HostInput } from '../engine/hostCheck.ts';
import type { HostAnswerReply, HostError } from './hostProtocol.ts';

/** The host worker's work, pure and synchronous so Node tests can run it. */
export function answerHost(input: HostInput): HostAnswerReply | HostError {
  const r = checkHost(input);
  if (!r.ok) return { type: 'error', message: r.message };
  const t0 = performance.now();
  const cost = hostCost(r.answer);
  return { type: 'answer', answer: r.answer, cost, engineMs: Math.round((performance.now() - t0) * 10) / 10 };
}
