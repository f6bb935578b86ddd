import { useId } from 'react';
import { SPEEDS } from '../../state/playbackSlice.ts';

function speedText(s: number): string {
  return `${s}×`;
}

/** A slider over the fixed speeds 0.25×–4×, announced as "1×" rather than as an index. */
export function SpeedControl({ speed, onChange }: { speed: number; onChange: (s: number) => void }) {
  const id = useId();
  const index = Math.max(
    0,
    SPEEDS.findIndex((s) => s === speed),
  );
  return (
    <div className="speed">
      <label htmlFor={id} className="field-label">
        Speed
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={SPEEDS.length - 1}
        step={1}
        value={index}
        aria-valuetext={speedText(speed)}
        onChange={(e) => onChange(SPEEDS[Number(e.target.value)] ?? 1)}
      />
      <output htmlFor={id} className="speed-value">
        {speedText(speed)}
      </output>
    </div>
  );
}
