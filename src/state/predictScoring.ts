/**
 * The quiz's pure logic: what a fault prefetched, how a prediction compares with it, and the
 * running score. No DOM, no store, so it is tested on its own (predictScoring.test.ts).
 */
import { PTE_PREFETCH_NUM } from '../engine/types.ts';

/** Entry code of an SPTE installed by prefetch (see VariantFrame.codes). */
const CODE_PREFETCHED = 2;
const CODE_NOT_PRESENT = 0;

export interface PredictionResult {
  /** Predicted and prefetched. */
  correct: number[];
  /** Prefetched but not predicted. */
  missed: number[];
  /** Predicted but not prefetched. */
  wrong: number[];
  /** The whole set was right (an empty prediction of an empty answer counts). */
  exact: boolean;
}

export interface QuizScore {
  /** Rounds predicted exactly. */
  correct: number;
  /** Rounds checked. */
  total: number;
}

/** GFNs of the 8-entry window the fault's prefetch walks (__direct_pte_prefetch aligns down). */
export function windowGfns(faultGfn: number): number[] {
  const first = faultGfn - (faultGfn % PTE_PREFETCH_NUM);
  return Array.from({ length: PTE_PREFETCH_NUM }, (_, k) => first + k);
}

/**
 * GFNs that were not present before the fault and are prefetched after it: the fault's own
 * prefetch set. `before` and `after` are the same table's codes (base `tableBase`).
 */
export function prefetchedBetween(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  tableBase: number,
): number[] {
  const out: number[] = [];
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] === CODE_NOT_PRESENT && after[i] === CODE_PREFETCHED) out.push(tableBase + i);
  }
  return out;
}

export function scorePrediction(picks: readonly number[], answer: readonly number[]): PredictionResult {
  const picked = new Set(picks);
  const truth = new Set(answer);
  const correct = [...truth].filter((g) => picked.has(g)).sort((a, b) => a - b);
  const missed = [...truth].filter((g) => !picked.has(g)).sort((a, b) => a - b);
  const wrong = [...picked].filter((g) => !truth.has(g)).sort((a, b) => a - b);
  return { correct, missed, wrong, exact: missed.length === 0 && wrong.length === 0 };
}

export function addRound(score: QuizScore, result: PredictionResult): QuizScore {
  return { correct: score.correct + (result.exact ? 1 : 0), total: score.total + 1 };
}

export function scoreText(score: QuizScore): string {
  return `${score.correct} of ${score.total} correct`;
}

/** Ranges of consecutive numbers as text, in a radix: [9,10,11,13] → "9–11, 13". */
export function rangesText(values: readonly number[], format: (n: number) => string = String): string {
  const sorted = [...values].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? format(sorted[i]!) : `${format(sorted[i]!)}–${format(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** One sentence for the live region after Check. */
export function resultSentence(result: PredictionResult, who: string, score: QuizScore): string {
  const answer = [...result.correct, ...result.missed];
  const did = answer.length === 0 ? `${who} prefetched nothing` : `${who} prefetched ${rangesText(answer)}`;
  const parts = [result.exact ? `Correct: ${did}.` : `Not quite: ${did}.`];
  if (result.missed.length > 0) parts.push(`Missed ${rangesText(result.missed)}.`);
  if (result.wrong.length > 0) parts.push(`Wrongly picked ${rangesText(result.wrong)}.`);
  parts.push(`Score: ${scoreText(score)}.`);
  return parts.join(' ');
}
