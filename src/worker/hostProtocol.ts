import type { HostAnswer, HostCost, HostInput } from '../engine/hostCheck.ts';

/**
 * Messages between the host page and its worker, which answers "is my host affected?" and runs
 * the seed's workload through the model (up to about a second for nested shadow paging). A
 * `check` is answered by exactly one `answer` or `error` with its id; `ready` is unsolicited.
 */
export type HostRequest = { id: number; type: 'check'; input: HostInput };

export interface HostAnswerReply {
  type: 'answer';
  answer: HostAnswer;
  cost: HostCost;
  /** Engine time for the model runs, rounded to 0.1 ms. */
  engineMs: number;
}

export interface HostError {
  type: 'error';
  message: string;
}

export type HostResponse = { type: 'ready' } | ((HostAnswerReply | HostError) & { id: number });
