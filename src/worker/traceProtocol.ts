import type { KernelComparison, ModelName } from '../engine/trace/kernelCompare.ts';
import type { KernelVerdict, ParsedTrace, TraceHardware } from '../engine/trace/types.ts';
import type { Memslot, Scenario, Totals } from '../engine/types.ts';

/**
 * Messages between the UI and the trace worker. The trace worker is separate from the engine
 * worker so parsing a big trace never delays the visualizer's frames. Every request carries an
 * id; each is answered by exactly one final reply with that id (parse requests also get progress
 * messages before it). `ready` is the only unsolicited message.
 */
export type TraceRequest =
  | {
      id: number;
      type: 'parse';
      /** A File, or a Blob of pasted or fetched text: cloned as a handle, the bytes are not copied. */
      source: Blob;
      name: string;
      vcpu: number | null;
      /** null: decided from the trace. */
      hardware: TraceHardware | null;
    }
  /** Stops the parse whose request id is `parseId`; it is answered with cancelled: true. */
  | { id: number; type: 'cancel'; parseId: number }
  | { id: number; type: 'replay'; memslots: Memslot[] }
  /** The replay scenario; with fitStepMode, cut to the faults step mode can hold. */
  | { id: number; type: 'scenario'; memslots: Memslot[]; fitStepMode: boolean };

export type TraceRequestType = TraceRequest['type'];

/**
 * What the parse found (the parser's own fields, documented there, `hardware` being the hardware
 * the trace was read as), without the per-fault arrays: they stay in the worker, and only the
 * set_spte count crosses.
 */
export type ParseSummary = Omit<ParsedTrace, 'gfns' | 'setSptes'> & {
  name: string;
  setSptes: number;
  /** Wall time of reading and parsing, for the MB/s shown. */
  ms: number;
  vcpu: number | null;
  /** The hardware asked for, or null when it was decided from the trace. */
  hardwareChoice: TraceHardware | null;
};

/**
 * The traced kernel's behaviour and, except under shadow paging (set_spte names GFNs, the faults
 * GVAs), its prefetched entries against each model's; comparedWith is the model that does what
 * the kernel did, null when that is undetermined.
 */
export interface KernelReport extends KernelVerdict {
  setSptes: number;
  comparedWith: ModelName | null;
  models: Record<ModelName, KernelComparison> | null;
}

export interface VariantTotals {
  buggy: Totals;
  fixed: Totals;
  tdp: Totals;
}

export interface ReplayReport {
  memslots: Memslot[];
  /** Faults replayed: those inside the memslots. */
  accesses: number;
  outsideMemslots: number;
  outsideExamples: number[];
  totals: VariantTotals;
  /** How many leading faults step mode can hold (all of them when the trace is short enough). */
  stepAccesses: number;
  /** Present when the trace has kvm_mmu_set_spte (or TDP MMU) events. */
  kernel: KernelReport | null;
  ms: number;
}

export interface ReplayScenario {
  /** The replay scenario, cut to the first `accesses` faults when asked to fit step mode. */
  scenario: Scenario;
  accesses: number;
  totalAccesses: number;
}

/**
 * A ReplayScenario as it crosses to the page: the access list (a million GFNs and more) travels as
 * a transferred Float64Array, not as a structured-cloned array; `scenario.accesses` is empty.
 */
export interface PackedReplayScenario extends ReplayScenario {
  gfns: Float64Array;
}

export function packReplay(r: ReplayScenario): PackedReplayScenario {
  const list = r.scenario.accesses;
  if (!Array.isArray(list)) throw new Error('a trace replay lists its accesses');
  return { ...r, scenario: { ...r.scenario, accesses: [] }, gfns: Float64Array.from(list) };
}

/** The packed replay as a plain scenario with its access list (for step mode: at most 200,000). */
export function unpackReplay(p: PackedReplayScenario): Scenario {
  return { ...p.scenario, accesses: Array.from(p.gfns) };
}

export type TraceReply =
  | { type: 'parsed'; summary: ParseSummary }
  | { type: 'replayed'; report: ReplayReport }
  | { type: 'scenario'; replay: PackedReplayScenario }
  | { type: 'cancelling' }
  | { type: 'error'; message: string };

export type TraceResponse =
  | { type: 'ready' }
  | { type: 'progress'; id: number; bytes: number; totalBytes: number }
  | (TraceReply & { id: number });

export interface TraceReplyFor {
  parse: Extract<TraceReply, { type: 'parsed' | 'error' }>;
  cancel: Extract<TraceReply, { type: 'cancelling' | 'error' }>;
  replay: Extract<TraceReply, { type: 'replayed' | 'error' }>;
  scenario: Extract<TraceReply, { type: 'scenario' | 'error' }>;
}
