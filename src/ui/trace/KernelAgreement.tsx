import type { KernelComparison, ModelName } from '../../engine/trace/kernelCompare.ts';
import type { KernelBehaviour } from '../../engine/trace/types.ts';
import { formatCount } from '../../viz/format.ts';
import { selectReport } from './selectors.ts';
import { hexList } from './traceReport.ts';
import { useTrace } from './useTrace.ts';

export const BEHAVIOUR_LABELS: Record<KernelBehaviour, string> = {
  'no-prefetch': 'No neighbour prefetch: TDP MMU, A/D bits off or hugepages',
  'legacy-before-fix': 'Legacy MMU before c6cecc4b9324: trailing runs dropped',
  'legacy-after-fix': 'Legacy MMU with c6cecc4b9324: trailing runs prefetched',
  undetermined: 'Undetermined',
};

const MODELS: ReadonlyArray<{ key: ModelName; label: string }> = [
  { key: 'buggy', label: 'Buggy legacy model' },
  { key: 'fixed', label: 'Fixed legacy model' },
  { key: 'tdp', label: 'TDP MMU model' },
];

/**
 * With kvm_mmu_set_spte (or TDP MMU) events: what the traced kernel did, the evidence, and its
 * prefetched entries against each model's, the model that matches its behaviour first.
 */
export function KernelAgreement() {
  const report = useTrace(selectReport);
  const kernel = report?.kernel;
  if (!kernel) return null;
  const models = kernel.models;
  const compared = kernel.comparedWith;
  // The model of the kernel's own behaviour first.
  const rows = [...MODELS].sort((a, b) => Number(b.key === compared) - Number(a.key === compared));
  return (
    <section className="trace-kernel" aria-label="Traced kernel">
      <h3 className="trace-h">Which kernel recorded this trace</h3>
      <p className="trace-verdict" data-testid="kernel-verdict">
        <strong>{BEHAVIOUR_LABELS[kernel.behaviour]}</strong>
        {kernel.faults > 0 ? (
          <span className="trace-muted"> · decided by {formatCount(kernel.faults)} faults</span>
        ) : null}
      </p>
      <p className="trace-evidence">{kernel.evidence}</p>
      {models !== null && (
        <>
          <table className="trace-table" aria-label="Prefetched entries, kernel against models">
            <caption className="trace-caption">
              Prefetched entries, from {formatCount(kernel.setSptes)} kvm_mmu_set_spte events (accessed bit
              clear, not the fault’s own entry)
            </caption>
            <thead>
              <tr>
                <th scope="col">Compared with</th>
                <th scope="col">kernel prefetched</th>
                <th scope="col">model prefetched</th>
                <th scope="col">agree</th>
                <th scope="col">only kernel</th>
                <th scope="col">only model</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ key, label }) => {
                const c = models[key];
                return (
                  <tr key={key} className={key === compared ? 'trace-row-match' : undefined}>
                    <th scope="row">
                      {label}
                      {key === compared ? (
                        <>
                          {' '}
                          <span className="trace-badge">its behaviour</span>
                        </>
                      ) : null}
                    </th>
                    <td>{formatCount(c.kernelPrefetched)}</td>
                    <td>{formatCount(c.modelPrefetched)}</td>
                    <td>{formatCount(c.agree)}</td>
                    <td>{formatCount(c.onlyKernel)}</td>
                    <td>{formatCount(c.onlyModel)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <ul className="trace-notes">
            {rows.map(({ key, label }) => (
              <li key={key}>{verdict(label, models[key])}</li>
            ))}
          </ul>
          <p className="trace-hint">
            Where the model of the kernel’s own behaviour still disagrees: a wrong memslot guess (a batch that
            crosses a slot end fails), pages not resident on the host, entries zapped and faulted again during
            the trace, or entries present before the trace began.
          </p>
        </>
      )}
    </section>
  );
}

function verdict(label: string, c: KernelComparison): string {
  if (c.onlyKernel === 0 && c.onlyModel === 0) {
    return c.agree === 0
      ? `${label}: neither prefetched anything — it matches.`
      : `${label}: the same ${formatCount(c.agree)} entries as the kernel — it matches.`;
  }
  const parts = [];
  if (c.onlyKernel > 0) parts.push(`only the kernel prefetched e.g. GFN ${hexList(c.onlyKernelExamples)}`);
  if (c.onlyModel > 0) parts.push(`only the model prefetched e.g. GFN ${hexList(c.onlyModelExamples)}`);
  return `${label}: ${parts.join('; ')}.`;
}
