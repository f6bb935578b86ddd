import { useShallow } from 'zustand/react/shallow';
import { predictVariantOf } from '../../state/predictSlice.ts';
import { selectSides } from '../../state/sides.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { scoreText } from '../../state/predictScoring.ts';
import { PredictCell } from './PredictCell.tsx';
import type { CellMark } from './PredictCell.tsx';
import './predict.css';

const selectPanel = (s: AppState) => ({
  predict: s.predict,
  mode: s.mode,
  variant: predictVariantOf(s),
  setPredictVariant: s.setPredictVariant,
  togglePick: s.togglePick,
  submitPrediction: s.submitPrediction,
  resetPredictScore: s.resetPredictScore,
});

/**
 * The quiz in the dock: at a fault's first step the learner picks the window entries they expect
 * the fault to prefetch (or None), then Check shows the answer on the same eight cells.
 */
export function PredictPanel() {
  const p = useAppStore(useShallow(selectPanel));
  // The sides by name: old/fixed code, or the two kernels compared ("v3.7", "v3.8").
  const sides = useAppStore(selectSides);
  const { predict, mode, variant } = p;
  if (!predict.on) return null;
  const q = predict.question;
  const asking = predict.phase === 'asking';
  const revealed = predict.phase === 'revealed' && predict.result !== null;
  const base = q?.tableBase ?? 0;

  const markOf = (gfn: number): CellMark => {
    if (!revealed || !predict.result) return predict.picks.includes(gfn) ? 'picked' : 'none';
    const r = predict.result;
    if (r.correct.includes(gfn)) return 'correct';
    if (r.missed.includes(gfn)) return 'missed';
    if (r.wrong.includes(gfn)) return 'wrong';
    return 'none';
  };

  const text =
    revealed && q
      ? predict.announcement
      : q && predict.phase !== 'idle'
        ? `Fault on entry ${q.faultGfn - base}: which entries of ${q.window[0]! - base}–${q.window[7]! - base} does ${sides[variant].who} prefetch?`
        : `Step or play to the next fault for a question about ${sides[variant].who}.`;

  return (
    <section className="predict" aria-label="Predict">
      <strong className="predict-title">Predict</strong>
      {mode === 'compare' && (
        <div role="radiogroup" aria-label="Predict for" className="segmented segmented-small">
          {(['buggy', 'fixed'] as const).map((v) => (
            <label key={v} className={`segmented-option${predict.variant === v ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="predict-variant"
                value={v}
                checked={predict.variant === v}
                onChange={() => p.setPredictVariant(v)}
              />
              <span>{sides[v].quiz}</span>
            </label>
          ))}
        </div>
      )}
      {q && predict.phase !== 'idle' && (
        <div
          className="predict-cells"
          role="group"
          aria-label={`Entries ${q.window[0]! - base}–${q.window[7]! - base}`}
        >
          {q.window.map((gfn) => (
            <PredictCell
              key={gfn}
              index={gfn - base}
              isFault={gfn === q.faultGfn}
              mark={markOf(gfn)}
              disabled={!asking || gfn === q.faultGfn}
              onToggle={() => p.togglePick(gfn)}
            />
          ))}
        </div>
      )}
      {asking && (
        <div className="predict-actions">
          <button type="button" className="btn btn-small" onClick={() => p.submitPrediction([])}>
            None
          </button>
          <button type="button" className="btn btn-small btn-primary" onClick={() => p.submitPrediction()}>
            Check
          </button>
        </div>
      )}
      <span className={`predict-text${revealed ? (predict.result?.exact ? ' is-right' : ' is-wrong') : ''}`}>
        {text}
      </span>
      <span className="predict-score" data-testid="predict-score">
        {scoreText(predict.score)}
      </span>
      <button type="button" className="btn btn-small" onClick={p.resetPredictScore}>
        Reset score
      </button>
      {/* Screen readers hear each question and each result once; the text above is for eyes. */}
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {predict.announcement}
      </p>
    </section>
  );
}
