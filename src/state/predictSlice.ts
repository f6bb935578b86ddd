import type { Variant } from '../engine/types.ts';
import {
  addRound,
  prefetchedBetween,
  resultSentence,
  scorePrediction,
  windowGfns,
} from './predictScoring.ts';
import type { PredictionResult, QuizScore } from './predictScoring.ts';
import { sidesOf } from './sides.ts';
import type { AppState, AppStore, PredictSlice, PredictState, SliceCreator } from './types.ts';

/*
 * Predict mode (a quiz). One question per fault, asked on the fault's first tick, about the whole
 * fault's prefetch set in its 8-entry window — not one per batch: before the fix the trailing run
 * is never a batch at all, so "what does the old code do here?" (answer: nothing) could not be
 * asked batch by batch. Check jumps to the fault's last tick, where the walk and its brackets are
 * on screen, and compares the prediction with what the engine really installed.
 */

/** Who a question is about: "the old code" / "the fixed code", or "v3.8" when two kernels are compared. */
export function whoOf(s: Pick<AppState, 'scenario'>, variant: Variant): string {
  return sidesOf(s.scenario)[variant].who;
}

const IDLE: Pick<PredictState, 'phase' | 'question' | 'picks'> = { phase: 'idle', question: null, picks: [] };

const initial: PredictState = {
  on: false,
  variant: 'buggy',
  ...IDLE,
  result: null,
  score: { correct: 0, total: 0 },
  answered: [],
  announcement: '',
};

/** The variant the quiz is about: the chosen one in compare mode, else the one shown. */
export function predictVariantOf(s: AppState): Variant {
  return s.mode === 'compare' ? s.predict.variant : s.mode;
}

export const createPredictSlice: SliceCreator<PredictSlice> = (set, get) => {
  const patch = (p: Partial<PredictState>) => set({ predict: { ...get().predict, ...p } });
  return {
    predict: initial,

    setPredict(on) {
      if (on === get().predict.on) return;
      patch({
        on,
        ...IDLE,
        result: null,
        answered: [],
        announcement: on ? 'Predict mode on.' : 'Predict mode off.',
      });
      if (on) observePredict(get, set);
    },

    setPredictVariant(variant) {
      if (variant === get().predict.variant) return;
      patch({ variant, ...IDLE, result: null, answered: [] });
      observePredict(get, set);
    },

    togglePick(gfn) {
      const p = get().predict;
      if (p.phase !== 'asking' || !p.question?.window.includes(gfn)) return;
      const picks = p.picks.includes(gfn) ? p.picks.filter((g) => g !== gfn) : [...p.picks, gfn];
      patch({ picks: picks.sort((a, b) => a - b) });
    },

    submitPrediction(gfns) {
      const p = get().predict;
      if (p.phase !== 'asking' || !p.question) return;
      const picks =
        gfns === undefined ? p.picks : [...new Set(gfns)].filter((g) => p.question!.window.includes(g));
      patch({ picks: picks.sort((a, b) => a - b), phase: 'checking' });
      get().pause();
      if (get().frame?.tick === p.question.endTick) observePredict(get, set);
      else get().seek(p.question.endTick);
    },

    resetPredictScore() {
      patch({ score: { correct: 0, total: 0 }, answered: [], result: null, announcement: 'Score reset.' });
    },
  };
};

/**
 * Moves the quiz along as frames arrive: asks at a fault's first tick, grades when the fault's
 * last frame is on screen, drops an unanswered question when the learner moves elsewhere.
 */
function observePredict(get: () => AppState, set: (p: Partial<AppState>) => void): void {
  const s = get();
  const p = s.predict;
  const frame = s.frame;
  if (!p.on || !frame || !s.axis) return;
  const variant = predictVariantOf(s);
  const vf = frame[variant];
  if (!vf) return;
  const access = vf.step?.accessIndex ?? -1;
  const patch = (q: Partial<PredictState>) => set({ predict: { ...p, ...q } });

  if (p.phase === 'checking' && p.question) {
    if (frame.tick !== p.question.endTick) {
      // The learner moved away before the answer was drawn: the round is dropped, not scored.
      if (s.tick !== p.question.endTick) patch({ ...IDLE });
      return;
    }
    const answer =
      vf.tableBase === p.question.tableBase
        ? prefetchedBetween(p.question.before, vf.codes, vf.tableBase)
        : [];
    const result: PredictionResult = scorePrediction(p.picks, answer);
    const score: QuizScore = addRound(p.score, result);
    patch({
      phase: 'revealed',
      result,
      score,
      answered: [...p.answered, p.question.accessIndex],
      // Spoken as table indices, as the page labels its entries.
      announcement: resultSentence(asIndices(result, vf.tableBase), whoOf(s, variant), score),
    });
    return;
  }
  if ((p.phase === 'asking' || p.phase === 'revealed') && p.question?.accessIndex === access) return;

  const step = vf.step;
  if (step?.kind === 'fault' && !step.huge && !p.answered.includes(access) && vf.walk.faultGfn !== null) {
    const next = s.axis.accessTicks.find((t) => t > frame.tick);
    const window = windowGfns(vf.walk.faultGfn);
    s.pause();
    patch({
      phase: 'asking',
      picks: [],
      question: {
        variant,
        accessIndex: access,
        faultGfn: vf.walk.faultGfn,
        window,
        tableBase: vf.tableBase,
        endTick: (next ?? s.axis.count) - 1,
        before: vf.codes.slice(),
      },
      announcement: `Predict: which entries of window ${window[0]! - vf.tableBase}–${window[7]! - vf.tableBase} will ${whoOf(s, variant)} prefetch after the fault on entry ${vf.walk.faultGfn - vf.tableBase}? Pick entries or None, then Check.`,
    });
    return;
  }
  if (p.phase !== 'idle') patch({ ...IDLE });
}

function asIndices(r: PredictionResult, base: number): PredictionResult {
  const at = (gs: number[]) => gs.map((g) => g - base);
  return { correct: at(r.correct), missed: at(r.missed), wrong: at(r.wrong), exact: r.exact };
}

/** Runs the quiz off the store's frames; call once per store. */
export function watchPredict(store: AppStore): () => void {
  return store.subscribe((s, prev) => {
    if (!s.predict.on) return;
    // A new scenario is a new quiz; a new mode has a new tick axis, so an open question goes.
    if (s.scenario !== prev.scenario && prev.scenario !== null) {
      store.setState({ predict: { ...s.predict, ...IDLE, answered: [], result: null } });
    } else if (s.mode !== prev.mode && s.predict.phase !== 'idle') {
      store.setState({ predict: { ...s.predict, ...IDLE } });
    }
    if (s.frame !== prev.frame || s.mode !== prev.mode) observePredict(store.getState, store.setState);
  });
}
