import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { memo, useState } from 'react';
import { currentAccess, shownTick } from '../../state/selectors.ts';

const selectScrubber = (s: AppState) => ({
  tick: shownTick(s),
  count: s.axis?.count ?? 0,
  faultTicks: s.axis?.faultTicks ?? null,
  accesses: s.axis?.accessTicks.length ?? 0,
  access: currentAccess(s),
  seek: s.seek,
});

/** At most this many fault marks are drawn; beyond it they would merge into a solid bar anyway. */
const MAX_MARKS = 400;

/**
 * The timeline: a native range input (role slider, keyboard for free) over a strip marking where
 * each fault starts, so the learner sees faults bunch up in the buggy variant.
 */
export function Scrubber() {
  const s = useAppStore(useShallow(selectScrubber));
  // While the thumb is dragged it shows where the user put it, not the frame still on its way;
  // otherwise React would snap it back to the shown tick between input events.
  const [draft, setDraft] = useState<number | null>(null);
  const max = Math.max(0, s.count - 1);
  const where = `step ${s.tick + 1} of ${s.count}, access ${s.access + 1} of ${s.accesses}`;
  return (
    <div className="scrubber">
      <div className="scrubber-track">
        <FaultMarks faultTicks={s.faultTicks} max={max} />
        <input
          type="range"
          aria-label="Timeline"
          min={0}
          max={max}
          step={1}
          value={draft ?? s.tick}
          aria-valuetext={where}
          onChange={(e) => {
            const t = Number(e.target.value);
            setDraft(t);
            s.seek(t);
          }}
          onPointerUp={() => setDraft(null)}
          onKeyUp={() => setDraft(null)}
          onBlur={() => setDraft(null)}
        />
      </div>
      <p className="scrubber-readout">
        <span>{where}</span>
        <span className="scrubber-key">
          <span className="scrubber-mark-key" aria-hidden="true" /> a fault starts
        </span>
      </p>
    </div>
  );
}

/** Where each fault starts along the track; memoised, as it changes only with the scenario. */
const FaultMarks = memo(function FaultMarks({
  faultTicks,
  max,
}: {
  faultTicks: readonly number[] | null;
  max: number;
}) {
  const marks = faultTicks ?? [];
  const every = Math.max(1, Math.ceil(marks.length / MAX_MARKS));
  const pct = (t: number) => (max === 0 ? 0 : (t / max) * 100);
  return (
    <div className="scrubber-marks" aria-hidden="true">
      {marks
        .filter((_, i) => i % every === 0)
        .map((t) => (
          <span key={t} className="scrubber-mark" style={{ left: `${pct(t)}%` }} />
        ))}
    </div>
  );
});
