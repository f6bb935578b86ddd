import { useId, useState } from 'react';
import { MEMSLOT_PRESETS, memslotPreset } from '../../engine/trace/memslotGuess.ts';
import type { MemslotPresetId } from '../../engine/trace/memslotGuess.ts';
import type { TraceHardware } from '../../engine/trace/types.ts';
import {
  selectBusy,
  selectHardware,
  selectMemslotChoice,
  selectMemslotError,
  selectReport,
  selectSummary,
  selectVcpu,
} from './selectors.ts';
import { ALL_VCPUS, memslotsText, vcpuFromValue, vcpuValue } from './traceOptions.ts';
import { traceStore, useTrace } from './useTrace.ts';

const CUSTOM = 'custom';
const HARDWARE: ReadonlyArray<{ id: TraceHardware; label: string }> = [
  { id: 'ept', label: 'Intel EPT' },
  { id: 'npt', label: 'AMD NPT' },
];

/** vCPU filter, memslots and hardware: a change re-parses (vCPU, hardware) or re-runs (memslots). */
export function TraceOptions() {
  const summary = useTrace(selectSummary);
  const vcpu = useTrace(selectVcpu);
  const hardware = useTrace(selectHardware);
  const choice = useTrace(selectMemslotChoice);
  const memslotError = useTrace(selectMemslotError);
  const report = useTrace(selectReport);
  const busy = useTrace(selectBusy);
  const [customText, setCustomText] = useState(
    choice.kind === 'custom' ? choice.text : '[{ "baseGfn": 0, "pages": 786432 }]',
  );
  const vcpuId = useId();
  const slotsId = useId();
  const customId = useId();
  const errorId = useId();
  if (!summary) return null;
  const store = traceStore().getState();
  // The filtered vCPU stays listed even if the re-parse found none of its faults.
  const vcpus = vcpu !== null && !summary.vcpus.includes(vcpu) ? [...summary.vcpus, vcpu] : summary.vcpus;
  const preset = choice.kind === 'preset' ? memslotPreset(choice.id) : undefined;

  return (
    <fieldset className="trace-options" disabled={busy}>
      <legend>Replay options</legend>
      <div className="field">
        <label htmlFor={vcpuId} className="field-label">
          vCPU
        </label>
        <select
          id={vcpuId}
          value={vcpuValue(vcpu)}
          onChange={(e) => void store.setVcpu(vcpuFromValue(e.target.value))}
        >
          <option value={ALL_VCPUS}>all ({vcpus.length} seen)</option>
          {vcpus.map((v) => (
            <option key={v} value={String(v)}>
              vCPU {v}
            </option>
          ))}
        </select>
      </div>
      <div className="field" role="radiogroup" aria-label="Hardware">
        <span className="field-label">Hardware</span>
        <div className="trace-radios">
          {HARDWARE.map((h) => (
            <label key={h.id}>
              <input
                type="radio"
                name="trace-hardware"
                value={h.id}
                checked={hardware === h.id}
                onChange={() => void store.setHardware(h.id)}
              />{' '}
              {h.label}
            </label>
          ))}
        </div>
      </div>
      <div className="field field-wide">
        <label htmlFor={slotsId} className="field-label">
          Memslots
        </label>
        <select
          id={slotsId}
          value={choice.kind === 'preset' ? choice.id : CUSTOM}
          onChange={(e) => {
            const v = e.target.value;
            void store.setMemslots(
              v === CUSTOM
                ? { kind: 'custom', text: customText }
                : { kind: 'preset', id: v as MemslotPresetId },
            );
          }}
        >
          {MEMSLOT_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
              {p.id === 'x86-pci-hole' ? ' (default)' : ''}
            </option>
          ))}
          <option value={CUSTOM}>Custom JSON…</option>
        </select>
        <span className="trace-hint">
          {preset ? `${preset.description}. ` : ''}
          {report ? `Replayed with ${memslotsText(report.memslots)}.` : ''}
        </span>
      </div>
      {choice.kind === 'custom' && (
        <div className="trace-custom-slots">
          <label htmlFor={customId} className="field-label">
            Memslots JSON (an array of {'{'}baseGfn, pages, readonly?, dirtyLog?{'}'})
          </label>
          <textarea
            id={customId}
            className="dialog-paste"
            rows={3}
            spellCheck={false}
            value={customText}
            aria-invalid={memslotError !== null}
            aria-describedby={memslotError ? errorId : undefined}
            onChange={(e) => setCustomText(e.target.value)}
          />
          <button
            type="button"
            className="btn"
            onClick={() => void store.setMemslots({ kind: 'custom', text: customText })}
          >
            Apply memslots
          </button>
          {memslotError && (
            <p id={errorId} role="alert" className="problem-inline">
              <code className="problem-path">{memslotError.split(':')[0]}</code>
              {memslotError.slice(memslotError.indexOf(':'))}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
