import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { RunProgressState, RunState } from './useExperimentRun.ts';

const STATUS_TEXT: Record<RunState['status'], string> = {
  idle: '',
  running: 'Running',
  done: 'Done',
  cancelled: 'Cancelled: the results below are from the last finished run',
  error: 'The run failed',
};

/** One decimal: a 1 TiB random run moves about 0.3% a second, so whole percents would look stuck. */
const percent = (fraction: number): number => Math.round(fraction * 1000) / 10;

function Bar({ progress, onCancel }: { progress: StoreApi<RunProgressState>; onCancel: () => void }) {
  const { fraction, label } = useStore(progress);
  const pct = percent(fraction);
  return (
    <>
      <div
        className="xp-bar"
        role="progressbar"
        aria-label="Experiment progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct.toFixed(1)}% (${label})`}
      >
        <div className="xp-bar-fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <span className="xp-progress-text">
        {pct.toFixed(1)}% · {label}
      </span>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
    </>
  );
}

export function RunProgress({
  state,
  progress,
  onCancel,
}: {
  state: RunState;
  progress: StoreApi<RunProgressState>;
  onCancel: () => void;
}) {
  const running = state.status === 'running';
  return (
    <div className="xp-progress">
      {running && <Bar progress={progress} onCancel={onCancel} />}
      {/* Live for the outcome only: the bar's text changes ten times a second. */}
      <span aria-live="polite">
        {!running && state.status !== 'idle' && (
          <span
            className={`xp-status xp-status-${state.status}`}
            role={state.status === 'error' ? 'alert' : undefined}
          >
            {STATUS_TEXT[state.status]}
            {state.message ? `: ${state.message}` : ''}
          </span>
        )}
      </span>
    </div>
  );
}
