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
import { ALL_VCPUS, defaultMemslots, memslotsText, vcpuFromValue, vcpuValue } from './traceOptions.ts';
import { traceStore, useTrace } from './useTrace.ts';

const CUSTOM = 'custom';
const DETECT = 'detect';
const HARDWARE: ReadonlyArray<{ id: TraceHardware; label: string }> = [
  { id: 'ept', label: 'Intel EPT' },
  { id: 'npt', label: 'AMD NPT' },
  { id: 'shadow', label: 'Shadow paging (EPT/NPT off)' },
];

/** vCPU filter, memslots and hardware: a change re-parses (vCPU, hardware) or re-runs (memslots). */
export function TraceOptions() {
  const summary = useTrace(selectSummary);
  const vcpu = useTrace(selectVcpu);
  const hardware = useTrace(selectHardware);
  const chosenSlots = useTrace(selectMemslotChoice);
  const memslotError = useTrace(selectMemslotError);
  const report = useTrace(selectReport);
  const busy = useTrace(selectBusy);
  const [customText, setCustomText] = useState(
    chosenSlots?.kind === 'custom' ? chosenSlots.text : '[{ "baseGfn": 0, "pages": 786432 }]',
  );
  const vcpuId = useId();
  const hardwareId = useId();
  const slotsId = useId();
  const customId = useId();
  const errorId = useId();
  if (!summary) return null;
  const store = traceStore().getState();
  const choice = chosenSlots ?? defaultMemslots(summary.hardware);
  const defaultSlots = defaultMemslots(summary.hardware);
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
      <div className="field">
        <label htmlFor={hardwareId} className="field-label">
          Hardware
        </label>
        <select
          id={hardwareId}
          value={hardware ?? DETECT}
          onChange={(e) => {
            const v = e.target.value;
            void store.setHardware(HARDWARE.find((h) => h.id === v)?.id ?? null);
          }}
        >
          <option value={DETECT}>Detect from the trace</option>
          {HARDWARE.map((h) => (
            <option key={h.id} value={h.id}>
              {h.label}
            </option>
          ))}
        </select>
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
              {defaultSlots.kind === 'preset' && p.id === defaultSlots.id ? ' (default)' : ''}
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
