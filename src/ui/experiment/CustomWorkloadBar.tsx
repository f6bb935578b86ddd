import type { ReactNode } from 'react';
import { formatCount } from '../../viz/format.ts';
import type { CustomWorkload } from './customWorkload.ts';

/** Stands in for the form while the experiment runs a trace replay. */
export function CustomWorkloadBar({
  workload,
  running,
  onRun,
  onBack,
  children,
}: {
  workload: CustomWorkload;
  running: boolean;
  onRun: () => void;
  onBack: () => void;
  children?: ReactNode;
}) {
  return (
    <section className="xp-form xp-custom" aria-label="Experiment workload">
      <p className="xp-custom-text">
        Workload: <strong>{workload.label}</strong> (from a trace) · {formatCount(workload.gfns.length)}{' '}
        faults in trace order,{' '}
        {workload.memslots.length === 1 ? '1 memslot' : `${workload.memslots.length} memslots`}
      </p>
      <div className="xp-actions">
        <button type="button" className="btn btn-primary" onClick={onRun}>
          {running ? 'Restart' : 'Run again'}
        </button>
        {children}
        <button type="button" className="btn" onClick={onBack}>
          Back to the synthetic experiment
        </button>
      </div>
    </section>
  );
}
