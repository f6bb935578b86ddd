import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { shownTick } from '../../state/selectors.ts';
import { rangeBounds } from './hostMessages.ts';
import { positionText } from './positionText.ts';

const selectControls = (s: AppState) => {
  const { lo, hi } = rangeBounds(s);
  const faults = s.axis?.faultTicks ?? [];
  const tick = shownTick(s);
  return {
    tick,
    lo,
    hi,
    count: s.axis?.count ?? 0,
    ready: s.axis !== null,
    playing: s.playing,
    fault: faults.filter((t) => t <= tick).length,
    faults: faults.length,
    step: s.step,
    fault1: s.fault,
    togglePlay: s.togglePlay,
  };
};

/** The few controls a slide needs; the same names as the full transport's. */
export function EmbedControls() {
  const c = useAppStore(useShallow(selectControls));
  return (
    <div className="embed-controls" role="toolbar" aria-label="Playback">
      <button type="button" className="btn btn-icon" onClick={() => c.fault1(-1)} disabled={c.tick <= c.lo}>
        <span aria-hidden="true">◀◀</span>
        <span className="embed-sr">Previous fault</span>
      </button>
      <button type="button" className="btn btn-icon" onClick={() => c.step(-1)} disabled={c.tick <= c.lo}>
        <span aria-hidden="true">◀</span>
        <span className="embed-sr">Step back</span>
      </button>
      <button type="button" className="btn btn-icon btn-play" onClick={c.togglePlay} disabled={!c.ready}>
        <span aria-hidden="true">{c.playing ? '▮▮' : '▶'}</span>
        <span className="embed-sr">{c.playing ? 'Pause' : 'Play'}</span>
      </button>
      <button type="button" className="btn btn-icon" onClick={() => c.step(1)} disabled={c.tick >= c.hi}>
        <span aria-hidden="true">▶</span>
        <span className="embed-sr">Step forward</span>
      </button>
      <button type="button" className="btn btn-icon" onClick={() => c.fault1(1)} disabled={c.tick >= c.hi}>
        <span aria-hidden="true">▶▶</span>
        <span className="embed-sr">Next fault</span>
      </button>
      <span className="embed-position" aria-live="off">
        {/* The numbers the app, a link's `step`, `from` and `to` and the API use, so an author can read them off. */}
        {positionText(c)}
      </span>
    </div>
  );
}
