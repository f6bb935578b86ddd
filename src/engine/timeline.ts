import { accessSequence } from './accessOrder.ts';
import { resolveKernel } from './kernelVersion.ts';
import type { KernelArg, KernelModel } from './kernelVersion.ts';
import { Machine } from './machine.ts';
import { enumState } from './spteTables.ts';
import { StepHistory } from './stepHistory.ts';
import { scenarioSteps } from './stepWalk.ts';
import type { GpteVisitStep, Step } from './steps.ts';
import { SPTES_PER_TABLE } from './types.ts';
import type { BatchCall, Scenario, Totals, Variant } from './types.ts';

/** Step mode keeps every step for random access; beyond this a scenario belongs to bulk mode. */
export const MAX_TIMELINE_STEPS = 200_000;

/** Code of an entry that was prefetched and has since been touched (a prefetch hit). */
export const HIT_CODE = 4;
/**
 * Code of a prefetched entry that is access-tracked (nested EPT without A/D bits, v4.13+): not
 * usable by the CPU until touched, and that touch is a fault.
 */
export const TRACKED_CODE = 5;

export interface Timeline {
  readonly scenario: Scenario;
  /** The kernel's short form: buggy before c6cecc4b9324, fixed from it. */
  readonly variant: Variant;
  readonly kernel: KernelModel;
  readonly steps: readonly Step[];
  /** Index of the first step of each access. */
  readonly accessStarts: readonly number[];
  /** Index of the first step of each fault. */
  readonly faultStarts: readonly number[];
  /** The machine at any step (frameAt, machineAt): one machine moved back and forth. */
  readonly history: StepHistory;
  readonly totals: Totals;
}

export type TimelineResult = { ok: true; timeline: Timeline } | { ok: false; message: string };

function tooManySteps(maxSteps: number): TimelineResult {
  return {
    ok: false,
    message: `too many steps for step mode: more than ${maxSteps.toLocaleString('en-US')}; use fewer accesses or the experiment view`,
  };
}

/**
 * Runs step mode to the end, keeping every step and a history to seek in. Every access is at
 * least one step, so a scenario with more accesses than maxSteps is refused before anything is
 * built (a 2^30-page pattern costs nothing to refuse); any other is refused once its steps pass
 * maxSteps, which bounds both time and memory.
 */
export function buildTimeline(
  scenario: Scenario,
  kernelArg: KernelArg,
  maxSteps = MAX_TIMELINE_STEPS,
): TimelineResult {
  if (accessSequence(scenario.accesses).count > maxSteps) return tooManySteps(maxSteps);
  const kernel = resolveKernel(kernelArg);
  const variant = kernel.variant;
  const m = new Machine(scenario, kernel);
  m.trackHits = true;
  const steps: Step[] = [];
  const accessStarts: number[] = [];
  const faultStarts: number[] = [];
  const history = new StepHistory(m, steps);
  let lastAccess = -1;
  for (const step of scenarioSteps(scenario, kernel, m)) {
    if (steps.length >= maxSteps) return tooManySteps(maxSteps);
    if (step.accessIndex !== lastAccess) {
      accessStarts.push(steps.length);
      lastAccess = step.accessIndex;
    }
    if (step.kind === 'fault') faultStarts.push(steps.length);
    steps.push(step);
    history.stepped();
  }
  return {
    ok: true,
    timeline: {
      scenario,
      variant,
      kernel,
      steps,
      accessStarts,
      faultStarts,
      history,
      totals: { ...m.totals },
    },
  };
}

/** An independent copy of the machine after steps [0, k]. k = -1 is the initial state. */
export function machineAt(t: Timeline, k: number): Machine {
  return t.history.seek(k + 1).fork();
}

/** What the window walk looks like at one step: enough for the large window view. */
export interface WalkView {
  /** GFN of the faulting entry, or null outside a fault. */
  faultGfn: number | null;
  /** GFN of the window's first entry once the walk has computed it. */
  windowFirst: number | null;
  /** Loop counter of the current iteration, or null before the loop / after it. */
  i: number | null;
  /** GFN `start` points at, or null. */
  start: number | null;
  /** Batches called so far in this fault, in order. */
  batches: BatchCall[];
  /** The walk ended early on a failed batch. */
  stopped: boolean;
  /** A trailing run was dropped at the end of the window (before the fix). */
  dropped: { start: number; end: number } | null;
  /**
   * Shadow paging with guest paging on: the window's entries visited so far in this fault, in
   * order (absent otherwise). A failed visit also sets `stopped`.
   */
  gpteVisits?: GpteVisitStep[];
}

export interface VariantFrame {
  variant: Variant;
  /** The kernel this side runs ("5.15", "4.13"): the code panel's listing follows it. */
  kernel: string;
  stepIndex: number;
  step: Step | null;
  totals: Totals;
  /** Base GFN of the table shown (the one holding the current access). */
  tableBase: number;
  /**
   * 512 entry codes: 0 not present, 1 present, 2 prefetched, 3 2M mapping, 4 prefetched then
   * touched, 5 prefetched and access-tracked.
   */
  codes: Uint8Array;
  walk: WalkView;
}

/** Everything a view needs for step k of a timeline (k = -1: before the first access). */
export function frameAt(t: Timeline, k: number): VariantFrame {
  // The history's own machine, read only: copying every table per frame would cost more than the frame.
  const m = t.history.seek(k + 1);
  const step = k >= 0 ? (t.steps[k] ?? null) : null;
  const gfn = step ? step.gfn : firstAccessGfn(t);
  const tableBase = gfn - (gfn % SPTES_PER_TABLE);
  const codes = m.tables.tableCodes(tableBase);
  if (m.accessTracked) {
    for (let i = 0; i < SPTES_PER_TABLE; i++) if (codes[i] === enumState.prefetched) codes[i] = TRACKED_CODE;
  }
  if (m.hits) {
    for (const h of m.hits) {
      if (h >= tableBase && h < tableBase + SPTES_PER_TABLE && codes[h - tableBase] === enumState.present) {
        codes[h - tableBase] = HIT_CODE;
      }
    }
  }
  return {
    variant: t.variant,
    kernel: t.kernel.label,
    stepIndex: k,
    step,
    totals: { ...m.totals },
    tableBase,
    codes,
    walk: walkAt(t, k),
  };
}

function firstAccessGfn(t: Timeline): number {
  const a = t.scenario.accesses;
  if (Array.isArray(a)) return a[0] ?? 0;
  return t.steps[0]?.gfn ?? a.startGfn;
}

function walkAt(t: Timeline, k: number): WalkView {
  const view: WalkView = {
    faultGfn: null,
    windowFirst: null,
    i: null,
    start: null,
    batches: [],
    stopped: false,
    dropped: null,
  };
  const step = t.steps[k];
  if (!step || step.faultIndex < 0) return view;
  view.faultGfn = step.gfn;
  for (let j = t.faultStarts[step.faultIndex]!; j <= k; j++) {
    const s = t.steps[j]!;
    switch (s.kind) {
      case 'window':
        view.windowFirst = s.first;
        break;
      case 'visit':
        view.i = s.i;
        view.start = s.startAfter;
        break;
      case 'batch':
        view.batches.push(s.call);
        if (s.call.result === 0) view.start = null;
        break;
      case 'walk-stop':
        view.stopped = true;
        break;
      case 'gpte-visit':
        view.i = s.i;
        (view.gpteVisits ??= []).push(s);
        if (s.outcome === 'failed') view.stopped = true;
        break;
      case 'loop-end':
        view.i = null;
        if (s.dropped && s.start !== null) {
          view.dropped = { start: s.start, end: (view.windowFirst ?? s.start) + 8 };
          view.start = null;
        }
        break;
      default:
        break;
    }
  }
  return view;
}

/**
 * Compare mode plays both variants in lockstep on the same accesses: a tick is one step of the
 * variant with more steps for that access; the other holds its last frame of the access.
 * Returns [buggyStep, fixedStep] per tick.
 */
export function alignByAccess(a: Timeline, b: Timeline): Int32Array {
  const n = Math.min(a.accessStarts.length, b.accessStarts.length);
  const pairs: number[] = [];
  for (let j = 0; j < n; j++) {
    const a0 = a.accessStarts[j]!;
    const a1 = a.accessStarts[j + 1] ?? a.steps.length;
    const b0 = b.accessStarts[j]!;
    const b1 = b.accessStarts[j + 1] ?? b.steps.length;
    const len = Math.max(a1 - a0, b1 - b0);
    for (let o = 0; o < len; o++) pairs.push(Math.min(a0 + o, a1 - 1), Math.min(b0 + o, b1 - 1));
  }
  return Int32Array.from(pairs);
}
