import type { TraceWarning, TraceWarningCode } from '../../engine/trace/types.ts';
import { formatCount } from '../../viz/format.ts';

const TITLES: Record<TraceWarningCode, string> = {
  'hardware-guessed': 'Hardware guessed',
  'hardware-mixed': 'Mixed hardware evidence',
  'hardware-overridden': 'Hardware chosen against the evidence',
  'shadow-paging': 'Shadow paging',
  'trailing-text': 'Text after events',
  'incomplete-event': 'Events cut short',
  'vcpu-thread-changed': 'Threads with more than one vCPU',
};

/** The parse's warnings: one per kind, with its first line and how many lines it concerns. */
export function TraceWarnings({ warnings }: { warnings: readonly TraceWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="trace-warnings" aria-label="Warnings">
      {warnings.map((w) => (
        <li key={w.code} data-code={w.code}>
          <strong>{TITLES[w.code]}</strong>
          {w.line !== undefined ? <span className="trace-line-no"> · line {formatCount(w.line)}</span> : null}
          {w.count !== undefined && w.count > 1 ? (
            <span className="trace-muted"> · {formatCount(w.count)} times</span>
          ) : null}
          <br />
          {w.message}
        </li>
      ))}
    </ul>
  );
}
