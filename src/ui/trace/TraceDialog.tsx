import { useEffect, useId, useRef } from 'react';
import { KernelAgreement } from './KernelAgreement.tsx';
import { ParseReport } from './ParseReport.tsx';
import { ReplayResults } from './ReplayResults.tsx';
import { selectBusy, selectNotice } from './selectors.ts';
import { TraceActions } from './TraceActions.tsx';
import { TraceOptions } from './TraceOptions.tsx';
import { TraceProgress } from './TraceProgress.tsx';
import { TraceSourcePicker } from './TraceSourcePicker.tsx';
import { useTrace } from './useTrace.ts';
import './trace.css';

/**
 * Replaying a real KVM trace: read and parse it in the trace worker, show what was found, replay
 * the faults in the three MMUs, and optionally load the replay into the visualizer. Nothing here
 * touches the loaded scenario until "Step through this trace" succeeds.
 */
export function TraceDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const notice = useTrace(selectNotice);
  const busy = useTrace(selectBusy);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog trace-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id={titleId} className="dialog-title">
        Replay a KVM trace
      </h2>
      <p className="dialog-hint">
        Text with <code>kvm:kvm_page_fault</code> events from <code>trace-cmd report</code>,{' '}
        <code>perf script</code>, <code>perf trace</code> or the kernel’s <code>trace</code> file, even
        hard-wrapped in a mail; with <code>kvm:kvm_exit</code> the hardware (Intel, AMD, shadow paging) is
        certain, and with <code>kvmmmu:kvm_mmu_set_spte</code> the tool tells which kernel recorded it. How to
        record one: <code>docs/recording.md</code>. Parsed in the background; the loaded scenario stays until
        you step through the trace.
      </p>
      <TraceSourcePicker />
      <TraceProgress />
      {notice && (
        <p
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={notice.kind === 'error' ? 'problem-inline' : 'trace-info'}
        >
          {notice.text}
          {notice.kind === 'error' ? ' The current scenario is unchanged.' : ''}
        </p>
      )}
      <TraceOptions />
      {/* While a new parse runs, the previous trace's results stay visible but read as stale. */}
      <div className={busy ? 'trace-stale' : undefined} aria-busy={busy}>
        <ParseReport />
        <ReplayResults />
        <KernelAgreement />
      </div>
      <div className="dialog-actions trace-footer">
        <TraceActions onDone={onClose} />
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
