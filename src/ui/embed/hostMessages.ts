import type { ViewMode } from '../../engine/ticks.ts';
import { PTE_PREFETCH_NUM } from '../../engine/types.ts';
import type { Variant } from '../../engine/types.ts';
import { predictVariantOf } from '../../state/predictSlice.ts';
import { shownVariants } from '../../state/selectors.ts';
import type { AppState } from '../../state/types.ts';
import { isViewMode, stepOfTick } from '../../state/urlState.ts';

/** Every message of the API, both ways, carries this type. */
export const MESSAGE_TYPE = 'spte-viz';

/**
 * Version of the API, sent with `ready`. 2: step numbers count from 1 as the app shows them
 * (`goto`, and `step`, `from`, `to` in the state event); 1 counted from 0.
 */
export const API_VERSION = 2;

export type SimpleCommand =
  'next' | 'prev' | 'nextFault' | 'prevFault' | 'first' | 'last' | 'reset' | 'play' | 'pause';

/** A host's message, validated. reveal.js's plain strings become slide:start / slide:stop. */
export type HostCommand =
  | { command: SimpleCommand }
  /** `step` is a step number, from 1 as the app shows it; 0 and numbers past the range clamp to it. */
  | { command: 'goto'; step: number }
  /** The deck enters the widget's slide going forwards (`next`: start of the range, autoplay resumes) or backwards (`prev`: its end). */
  | { command: 'enter'; direction: 'next' | 'prev' }
  | { command: 'setVariant'; variant: ViewMode }
  | { command: 'slide:start' }
  | { command: 'slide:stop' }
  | { command: 'predict'; on: boolean }
  | { command: 'predictFor'; variant: Variant }
  | { command: 'pick'; gfn: number }
  /** `gfns` omitted: check the current picks; [] = "none". */
  | { command: 'submitPrediction'; gfns?: number[] }
  | { command: 'resetScore' };

const SIMPLE: readonly string[] = [
  'next',
  'prev',
  'nextFault',
  'prevFault',
  'first',
  'last',
  'reset',
  'play',
  'pause',
];

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The command a message carries, or null for anything of the wrong shape (ignored, not an error). */
export function parseHostMessage(data: unknown): HostCommand | null {
  if (data === 'slide:start' || data === 'slide:stop') return { command: data };
  if (!isRecord(data) || data.type !== MESSAGE_TYPE) return null;
  const c = data.command;
  if (typeof c !== 'string') return null;
  if (SIMPLE.includes(c)) return { command: c as SimpleCommand };
  switch (c) {
    case 'goto':
      return isIndex(data.step) ? { command: 'goto', step: data.step } : null;
    case 'enter':
      return data.direction === 'next' || data.direction === 'prev'
        ? { command: 'enter', direction: data.direction }
        : null;
    case 'setVariant':
      return isViewMode(data.variant) ? { command: 'setVariant', variant: data.variant } : null;
    case 'predict':
      return typeof data.on === 'boolean' ? { command: 'predict', on: data.on } : null;
    case 'predictFor':
      return data.variant === 'buggy' || data.variant === 'fixed'
        ? { command: 'predictFor', variant: data.variant }
        : null;
    case 'pick':
      return isIndex(data.gfn) ? { command: 'pick', gfn: data.gfn } : null;
    case 'submitPrediction': {
      if (!('gfns' in data) || data.gfns === undefined) return { command: 'submitPrediction' };
      const gfns: unknown = data.gfns;
      // A prediction is about one 8-entry window: a longer list is not a prediction.
      if (!Array.isArray(gfns) || gfns.length > PTE_PREFETCH_NUM || !gfns.every(isIndex)) return null;
      return { command: 'submitPrediction', gfns: [...gfns] };
    }
    case 'resetScore':
      return { command: 'resetScore' };
    default:
      return null;
  }
}

export type PerVariant = Partial<Record<Variant, number>>;

export interface StateEvent {
  type: typeof MESSAGE_TYPE;
  event: 'state';
  /** The step on screen, numbered from 1 as the app shows it ("step 3 of 12"), as `step` in the URL and `goto`. */
  step: number;
  /** Number of steps on the timeline (the last step's number). */
  steps: number;
  /** How many faults have started at or before `step` (1-based number of the current fault; 0 before the first). */
  fault: number;
  faults: number;
  variant: ViewMode;
  /** Counters at this step for each variant shown. */
  pfFixed: PerVariant;
  prefetched: PerVariant;
  playing: boolean;
  /** Step numbers of the locked range, or 1 and `steps`. */
  from: number;
  to: number;
  predict: PredictEvent;
}

/** The quiz as the host sees it; entries are GFNs (GVA pages under shadow paging), as `pick` takes them. */
export interface PredictEvent {
  on: boolean;
  phase: 'idle' | 'asking' | 'checking' | 'revealed';
  /** The variant the question is about. */
  variant: Variant;
  /** The open question's faulting entry and its 8-entry window, or null between questions. */
  faultGfn: number | null;
  window: number[] | null;
  picks: number[];
  result: { correct: number[]; missed: number[]; wrong: number[]; exact: boolean } | null;
  score: { correct: number; total: number };
}

function predictEvent(s: AppState): PredictEvent {
  const p = s.predict;
  const q = p.phase === 'idle' ? null : p.question;
  return {
    on: p.on,
    phase: p.phase,
    variant: predictVariantOf(s),
    faultGfn: q?.faultGfn ?? null,
    window: q ? [...q.window] : null,
    picks: [...p.picks],
    result: p.result ? { ...p.result } : null,
    score: { ...p.score },
  };
}

/** The state event for the frame on screen, or null until a frame is shown. */
export function stateEvent(s: AppState): StateEvent | null {
  const { frame, axis } = s;
  if (!frame || !axis || axis.mode !== s.mode) return null;
  const pfFixed: PerVariant = {};
  const prefetched: PerVariant = {};
  for (const v of shownVariants(s)) {
    const t = frame[v]?.totals;
    if (!t) return null;
    pfFixed[v] = t.pfFixed;
    prefetched[v] = t.prefetched;
  }
  const { lo, hi } = rangeBounds(s);
  return {
    type: MESSAGE_TYPE,
    event: 'state',
    step: stepOfTick(frame.tick),
    steps: axis.count,
    fault: axis.faultTicks.filter((t) => t <= frame.tick).length,
    faults: axis.faultTicks.length,
    variant: s.mode,
    pfFixed,
    prefetched,
    playing: s.playing,
    from: stepOfTick(lo),
    to: stepOfTick(hi),
    predict: predictEvent(s),
  };
}

/** The ticks (from 0) playback may show (mirrors the playback slice's clamp). */
export function rangeBounds(s: Pick<AppState, 'axis' | 'range'>): { lo: number; hi: number } {
  const last = Math.max(0, (s.axis?.count ?? 1) - 1);
  if (!s.range) return { lo: 0, hi: last };
  const lo = Math.min(Math.max(0, s.range.from), last);
  return { lo, hi: Math.max(lo, Math.min(s.range.to, last)) };
}
