import type { RunState } from './useExperimentRun.ts';

const STATUS_TEXT: Record<RunState['status'], string> = {
  idle: '',
  running: 'Running',
  done: 'Done',
  cancelled: 'Cancelled: the results below are from the last finished run',
  error: 'The run failed',
};

export function RunProgress({ state, onCancel }: { state: RunState; onCancel: () => void }) {
  const pct = Math.round(state.fraction * 100);
  const running = state.status === 'running';
  return (
    <div className="xp-progress" aria-live="polite">
      {running && (
        <>
          <div
            className="xp-bar"
            role="progressbar"
            aria-label="Experiment progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${pct}% (${state.label})`}
          >
            <div className="xp-bar-fill" style={{ width: `${state.fraction * 100}%` }} />
          </div>
          <span className="xp-progress-text">
            {pct}% · {state.label}
          </span>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        </>
      )}
      {!running && state.status !== 'idle' && (
        <span
          className={`xp-status xp-status-${state.status}`}
          role={state.status === 'error' ? 'alert' : undefined}
        >
          {STATUS_TEXT[state.status]}
          {state.message ? `: ${state.message}` : ''}
        </span>
      )}
    </div>
  );
}
