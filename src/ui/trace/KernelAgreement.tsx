import type { KernelComparison } from '../../engine/trace/kernelCompare.ts';
import { formatCount } from '../../viz/format.ts';
import { selectReport } from './selectors.ts';
import { hexList } from './traceReport.ts';
import { useTrace } from './useTrace.ts';

/** With kvm_mmu_set_spte lines: the kernel's prefetched entries against the model's, per variant. */
export function KernelAgreement() {
  const report = useTrace(selectReport);
  const kernel = report?.kernel;
  if (!kernel) return null;
  const rows = [
    { label: 'Buggy model', c: kernel.buggy },
    { label: 'Fixed model', c: kernel.fixed },
  ];
  return (
    <section className="trace-kernel" aria-label="Kernel comparison">
      <h3 className="trace-h">
        Prefetched entries: the traced kernel against the model{' '}
        <span className="trace-muted">
          from {formatCount(kernel.setSptes)} kvm_mmu_set_spte lines (accessed bit clear = prefetched)
        </span>
      </h3>
      <table className="trace-table">
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
          {rows.map(({ label, c }) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{formatCount(c.kernelPrefetched)}</td>
              <td>{formatCount(c.modelPrefetched)}</td>
              <td>{formatCount(c.agree)}</td>
              <td>{formatCount(c.onlyKernel)}</td>
              <td>{formatCount(c.onlyModel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="trace-notes">
        {rows.map(({ label, c }) => (
          <li key={label}>{verdict(label, c)}</li>
        ))}
      </ul>
      <p className="trace-hint">
        A disagreement can mean a different kernel version (the buggy or fixed window walk, or the TDP MMU,
        which never prefetches), A/D bits off (then the faulting entries too have the accessed bit clear and
        look prefetched), a wrong memslot guess (a batch that crosses a slot end fails), pages not resident on
        the host, or entries zapped and faulted again during the trace.
      </p>
    </section>
  );
}

function verdict(label: string, c: KernelComparison): string {
  if (c.onlyKernel === 0 && c.onlyModel === 0) {
    return `${label}: the same ${formatCount(c.agree)} entries as the kernel — this trace matches it.`;
  }
  const parts = [];
  if (c.onlyKernel > 0) parts.push(`only the kernel prefetched e.g. GFN ${hexList(c.onlyKernelExamples)}`);
  if (c.onlyModel > 0) parts.push(`only the model prefetched e.g. GFN ${hexList(c.onlyModelExamples)}`);
  return `${label}: ${parts.join('; ')}.`;
}
