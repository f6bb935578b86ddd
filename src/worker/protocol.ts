import type { ViewMode } from '../engine/ticks.ts';
import type { VariantFrame } from '../engine/timeline.ts';
import type { Scenario, Totals } from '../engine/types.ts';

/**
 * The one message protocol between the UI and the engine worker. Every request carries an id;
 * the worker answers each with exactly one response carrying the same id. `ready` is the only
 * unsolicited message.
 */
export type EngineRequest =
  | { id: number; type: 'load'; scenario: Scenario; mode: ViewMode; tick: number }
  | { id: number; type: 'setMode'; mode: ViewMode; fromTick: number }
  | { id: number; type: 'frame'; tick: number }
  | { id: number; type: 'validate'; text: string }
  /** A share link's `s=` payload, decoded and checked here rather than on the page's main thread. */
  | { id: number; type: 'decodeLink'; payload: string };

export type EngineRequestType = EngineRequest['type'];

/** The playback axis of the current mode, without the per-tick pairs (they stay in the worker). */
export interface Axis {
  mode: ViewMode;
  count: number;
  faultTicks: number[];
  accessTicks: number[];
}

export interface BothTotals {
  buggy: Totals;
  fixed: Totals;
}

/** A problem with a scenario: where (a JSON path such as `$.memslots[0].pages`, or `$`) and what. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

export interface LoadedReply {
  type: 'loaded';
  scenario: Scenario;
  axis: Axis;
  /** The requested tick clamped to the new axis. */
  tick: number;
  totals: BothTotals;
}

export interface ModeReply {
  type: 'mode';
  axis: Axis;
  /** The tick of the new mode showing the access shown at fromTick. */
  tick: number;
}

export interface FrameReply {
  type: 'frame';
  tick: number;
  buggy: VariantFrame | null;
  fixed: VariantFrame | null;
  /** 512 flags, 1 where the two variants' entry codes differ (compare mode only). */
  diff: Uint8Array | null;
}

export interface ValidatedReply {
  type: 'validated';
  scenario: Scenario;
}

/** A share link's scenario, decoded and checked, or why it was refused. */
export type DecodeResult = { ok: true; scenario: Scenario } | { ok: false; message: string };

/**
 * A decoded link: the valid scenario as JSON text, which the page parses faster than it
 * deserializes the same scenario as an object (a megabyte of small range arrays).
 */
export interface LinkDecodedReply {
  type: 'linkDecoded';
  result: { ok: true; json: string } | Extract<DecodeResult, { ok: false }>;
}

export interface ErrorReply {
  type: 'error';
  problem: ScenarioProblem;
}

export type EngineReply =
  LoadedReply | ModeReply | FrameReply | ValidatedReply | LinkDecodedReply | ErrorReply;

export type EngineResponse = { type: 'ready' } | (EngineReply & { id: number });

/** What each request type is answered with (an error is possible for every one). */
export interface ReplyFor {
  load: LoadedReply | ErrorReply;
  setMode: ModeReply | ErrorReply;
  frame: FrameReply | ErrorReply;
  validate: ValidatedReply | ErrorReply;
  decodeLink: LinkDecodedReply | ErrorReply;
}

/** Buffers a frame reply moves to the receiver instead of copying. */
export function frameTransferables(r: FrameReply): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of [r.buggy?.codes, r.fixed?.codes, r.diff]) {
    if (a && a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  }
  return out;
}
