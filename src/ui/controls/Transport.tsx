import { useShallow } from 'zustand/react/shallow';
import { selectTransport, selectTransportActions } from '../../state/selectors.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import { Scrubber } from './Scrubber.tsx';
import { SpeedControl } from './SpeedControl.tsx';

/** Media-player controls; the names are what assistive tech and the tests use. */
export function Transport() {
  const t = useAppStore(useShallow(selectTransport));
  const a = useAppStore(useShallow(selectTransportActions));
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <div className="transport-buttons">
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => a.fault(-1)}
          disabled={!t.hasPrevFault && t.atStart}
          aria-keyshortcuts="Shift+ArrowLeft"
        >
          <span aria-hidden="true">◀◀</span>
          <span className="btn-text">Previous fault</span>
        </button>
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => a.step(-1)}
          disabled={t.atStart}
          aria-keyshortcuts="ArrowLeft PageUp"
        >
          <span aria-hidden="true">◀</span>
          <span className="btn-text">Step back</span>
        </button>
        <button
          type="button"
          className="btn btn-icon btn-play"
          onClick={a.togglePlay}
          disabled={t.count === 0}
          aria-keyshortcuts="Space"
        >
          <span aria-hidden="true">{t.playing ? '▮▮' : '▶'}</span>
          <span className="btn-text">{t.playing ? 'Pause' : 'Play'}</span>
        </button>
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => a.step(1)}
          disabled={t.atEnd}
          aria-keyshortcuts="ArrowRight PageDown"
        >
          <span className="btn-text">Step forward</span>
          <span aria-hidden="true">▶</span>
        </button>
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => a.fault(1)}
          disabled={!t.hasNextFault && t.atEnd}
          aria-keyshortcuts="Shift+ArrowRight"
        >
          <span className="btn-text">Next fault</span>
          <span aria-hidden="true">▶▶</span>
        </button>
        <button type="button" className="btn" onClick={a.reset} disabled={t.count === 0}>
          Reset
        </button>
      </div>
      <SpeedControl speed={t.speed} onChange={a.setSpeed} />
      <Scrubber />
    </div>
  );
}
