export type CellMark = 'none' | 'picked' | 'correct' | 'missed' | 'wrong';

/** Glyph and words per mark: the second cue beside the colour (colour is never the only one). */
const MARK: Record<CellMark, { glyph: string; words: string }> = {
  none: { glyph: '', words: '' },
  picked: { glyph: 'P?', words: 'picked' },
  correct: { glyph: '✓', words: 'prefetched, you picked it: correct' },
  missed: { glyph: '○', words: 'prefetched, you did not pick it: missed' },
  wrong: { glyph: '✕', words: 'not prefetched, you picked it: wrong' },
};

export interface PredictCellProps {
  index: number;
  isFault: boolean;
  mark: CellMark;
  disabled: boolean;
  onToggle: () => void;
}

/** One window entry of the quiz: a toggle button while asking, a marked cell after Check. */
export function PredictCell({ index, isFault, mark, disabled, onToggle }: PredictCellProps) {
  const m = MARK[mark];
  const name = [`Entry ${index}`, isFault ? 'faulting' : '', m.words].filter(Boolean).join(', ');
  return (
    <button
      type="button"
      className={`predict-cell is-${mark}${isFault ? ' is-fault' : ''}`}
      aria-pressed={disabled ? undefined : mark === 'picked'}
      aria-label={name}
      aria-disabled={disabled}
      data-mark={mark}
      onClick={disabled ? undefined : onToggle}
    >
      <span className="predict-cell-index">{index}</span>
      <span className="predict-cell-glyph" aria-hidden="true">
        {isFault ? '⚡' : m.glyph}
      </span>
    </button>
  );
}
