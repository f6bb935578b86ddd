import { useId } from 'react';
import { bytesText } from './traceReport.ts';
import { selectProgress } from './selectors.ts';
import { traceStore, useTrace } from './useTrace.ts';

/** Bytes read so far while the worker parses, with a way out. */
export function TraceProgress() {
  const progress = useTrace(selectProgress);
  const labelId = useId();
  if (!progress) return null;
  const { bytes, totalBytes } = progress;
  const label = `${bytesText(bytes)} of ${bytesText(totalBytes)}`;
  return (
    <div className="trace-progress">
      <span className="trace-progress-label" id={labelId}>
        Parsing… {label}
      </span>
      <progress
        aria-labelledby={labelId}
        max={Math.max(totalBytes, 1)}
        value={Math.min(bytes, totalBytes)}
        aria-valuetext={label}
      />
      <button type="button" className="btn" onClick={() => traceStore().getState().cancel()}>
        Cancel
      </button>
    </div>
  );
}
