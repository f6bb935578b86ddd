import { formatCount } from '../../viz/format.ts';
import { selectReport, selectSummary } from './selectors.ts';
import {
  bytesText,
  errorListing,
  outsideSentence,
  permissionSentence,
  plural,
  throughput,
} from './traceReport.ts';
import { TraceWarnings } from './TraceWarnings.tsx';
import { useTrace } from './useTrace.ts';
import { HARDWARE_LABELS } from '../../engine/trace/hardwareEvidence.ts';
import type { ParseSummary } from '../../worker/traceProtocol.ts';

/**
 * ["AMD NPT", "detected: 160 kvm_exit npf"]: how the trace was read and why. The
 * evidence sentences start with a count or a plain word, so lowering their first letter is safe.
 */
export function hardwareParts(
  s: Pick<ParseSummary, 'hardware' | 'hardwareSource' | 'hardwareEvidence'>,
): [string, string] {
  const label = HARDWARE_LABELS[s.hardware];
  const name = label.charAt(0).toUpperCase() + label.slice(1);
  const evidence = s.hardwareEvidence.replace(/\.$/, '');
  if (s.hardwareSource === 'option') return [name, `chosen${evidence.replace(/^As chosen/, '')}`];
  const lowered = evidence.charAt(0).toLowerCase() + evidence.slice(1);
  return [name, `${s.hardwareSource === 'detected' ? 'detected' : 'guessed'}: ${lowered}`];
}

/** What the parser read: every line accounted for, and what was left out of the replay and why. */
export function ParseReport() {
  const s = useTrace(selectSummary);
  const report = useTrace(selectReport);
  if (!s) return null;
  const { shown, more } = errorListing(s.errors, s.errorCount);
  const speed = throughput(s.bytes, s.ms);
  const [hardware, why] = hardwareParts(s);
  const notes = [
    permissionSentence(s.permissionFaults),
    s.guestFaults > 0
      ? `${plural(s.guestFaults, 'fault')} that KVM handed back to the guest (kvm_inj_exception #PF) ${s.guestFaults === 1 ? 'is' : 'are'} the guest’s own, not SPTE installs: not part of the replay.`
      : '',
    s.vcpuInferred > 0
      ? `${plural(s.vcpuInferred, 'fault')} got ${s.vcpuInferred === 1 ? 'its' : 'their'} vCPU from kvm_entry / kvm_exit events on the same thread.`
      : '',
    s.rejoinedLines > 0
      ? `${plural(s.rejoinedLines, 'wrapped line')} ${s.rejoinedLines === 1 ? 'was' : 'were'} joined to the line before ${s.rejoinedLines === 1 ? 'it' : 'them'}.`
      : '',
    report ? outsideSentence(report.outsideMemslots, report.outsideExamples) : '',
    s.vcpu !== null && s.otherVcpuEvents > 0
      ? `${plural(s.otherVcpuEvents, 'event')} of other vCPUs ${s.otherVcpuEvents === 1 ? 'is' : 'are'} filtered out.`
      : '',
  ].filter(Boolean);

  return (
    <section className="trace-report" aria-label="Parse report">
      <h3 className="trace-h">
        {s.name}{' '}
        <span className="trace-muted">
          {bytesText(s.bytes)}
          {speed !== null ? ` · parsed at ${speed.toFixed(0)} MB/s` : ''}
        </span>
      </h3>
      <p className="trace-hardware" data-testid="trace-hardware">
        <span className="trace-muted">Read as </span>
        <strong>{hardware}</strong> ({why})
      </p>
      <TraceWarnings warnings={s.warnings} />
      <dl className="trace-stats">
        <Stat label="Lines" value={s.lines} />
        <Stat label="Faults kept" value={s.faults} />
        <Stat label="Skipped lines" value={s.skipped} />
        <Stat label="Permission faults" value={s.permissionFaults} />
        <Stat label="Outside memslots" value={report?.outsideMemslots ?? null} />
        <Stat label="kvm_mmu_set_spte" value={s.setSptes} />
        <Stat label="Rejoined lines" value={s.rejoinedLines} />
        <Stat label="Malformed lines" value={s.errorCount} />
      </dl>
      {notes.length > 0 && (
        <ul className="trace-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <div className="trace-errors">
          <p className="trace-errors-title">
            {plural(s.errorCount, 'malformed line')} (left out; the rest was read):
          </p>
          <ol aria-label="Malformed lines">
            {shown.map((e) => (
              <li key={e.line}>
                <span className="trace-line-no">line {formatCount(e.line)}</span>: {e.message}
              </li>
            ))}
          </ol>
          {more > 0 && <p className="trace-errors-more">and {formatCount(more)} more</p>}
        </div>
      )}
    </section>
  );
}

function Stat({ label, value }: { label: string; value: number | null }) {
  return (
    <div className="trace-stat">
      <dt>{label}</dt>
      <dd>{value === null ? '—' : formatCount(value)}</dd>
    </div>
  );
}
