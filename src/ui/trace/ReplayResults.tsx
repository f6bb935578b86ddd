import type { Totals } from '../../engine/types.ts';
import { formatCount } from '../../viz/format.ts';
import { selectReplaying, selectReport, selectSummary } from './selectors.ts';
import { faultsSaved, percentText, plural } from './traceReport.ts';
import { useTrace } from './useTrace.ts';

/*
 * The kernels a replay stands for. A fault trace carries no guest page tables, no nested EPT and
 * no invalidations, so on one every release from v2.6.37 prefetches like 5.15 or like 5.16: the
 * rows name those ranges instead of offering a kernel pair (docs/history.md).
 */
const ROWS: ReadonlyArray<{ key: 'buggy' | 'fixed' | 'tdp'; label: string }> = [
  { key: 'buggy', label: 'Buggy legacy MMU: v2.6.37 to 5.15.y (before c6cecc4b9324)' },
  { key: 'fixed', label: 'Fixed legacy MMU: v5.16 and later (c6cecc4b9324)' },
  { key: 'tdp', label: 'TDP MMU: v5.10 and later (no prefetch)' },
];

/** The replay's totals for the three MMUs, and what the fix saves on this fault stream. */
export function ReplayResults() {
  const report = useTrace(selectReport);
  const summary = useTrace(selectSummary);
  const replaying = useTrace(selectReplaying);
  if (!report) return replaying ? <p className="trace-muted">Replaying…</p> : null;
  const { buggy, fixed } = report.totals;
  const { saved, percent } = faultsSaved(buggy, fixed);
  const virtual = summary?.hardware === 'shadow';
  return (
    <section className="trace-results" aria-label="Replay results" aria-busy={replaying}>
      <h3 className="trace-h">
        Replay of {plural(report.accesses, 'fault')}
        {virtual ? ' on guest virtual pages' : ''}{' '}
        <span className="trace-muted">in trace order, every page resident, nothing mapped at the start</span>
      </h3>
      {virtual ? (
        <p className="trace-shadow" data-testid="shadow-note">
          <strong>Guest virtual pages, not GFNs</strong>, each replayed as if the guest’s page tables mapped
          it one to one. Shadow paging (<code>FNAME(pte_prefetch)</code>) never had the trailing bug: with
          such tables it prefetches like the fixed row; the buggy row is for comparison only.
        </p>
      ) : (
        <p className="trace-saved" data-testid="faults-saved">
          Faults the fix saves on this trace: <strong>{formatCount(saved)}</strong>{' '}
          <span className="trace-muted">
            ({formatCount(buggy.pfFixed)} − {formatCount(fixed.pfFixed)}, {percentText(percent)} of the buggy
            count)
          </span>
        </p>
      )}
      <table className="trace-table">
        <thead>
          <tr>
            <th scope="col">MMU</th>
            <th scope="col">pf_fixed</th>
            <th scope="col">prefetched</th>
            <th scope="col">prefetch hits</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(({ key, label }) => (
            <TotalsRow
              key={key}
              label={virtual && key === 'fixed' ? `${label} (what shadow paging does here)` : label}
              totals={report.totals[key]}
            />
          ))}
        </tbody>
      </table>
      <p className="trace-hint" data-testid="replay-kernels">
        Every kernel from v2.6.37 on replays this trace like one of the first two rows: the other changes in
        the prefetch code’s history need guest page tables, nested EPT without A/D bits or MMU-notifier
        invalidations, none of which a fault trace records. To compare two chosen kernels on it, use “Step
        through this trace”, then the editor’s Kernel and Compare with fields.
      </p>
      <p className="trace-hint">
        A trace holds only the accesses that faulted on the traced kernel; accesses that hit a present or
        prefetched entry never exit. A trace from a kernel without prefetch (TDP MMU) is the full first-touch
        stream; one from a prefetching kernel is thinner, so the replay understates what prefetch saves.
      </p>
    </section>
  );
}

function TotalsRow({ label, totals }: { label: string; totals: Totals }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{formatCount(totals.pfFixed)}</td>
      <td>{formatCount(totals.prefetched)}</td>
      <td>{formatCount(totals.prefetchHits)}</td>
    </tr>
  );
}
