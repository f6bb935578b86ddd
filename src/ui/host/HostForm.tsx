import { useId } from 'react';
import { HOST_COMMANDS } from '../../engine/hostCommands.ts';
import type { HostInput } from '../../engine/hostCheck.ts';
import { SelectField } from '../app/SelectField.tsx';

const command = (input: keyof HostInput) => HOST_COMMANDS.find((c) => c.input === input)!.command;

/** A field with the shell command that reads its value on a host, under it. */
function Cmd({ input }: { input: keyof HostInput }) {
  return <code className="host-cmd">$ {command(input)}</code>;
}

function Check({
  label,
  checked,
  onChange,
  input,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  input: keyof HostInput;
}) {
  return (
    <div className="host-field">
      <label className="field field-check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      <Cmd input={input} />
    </div>
  );
}

/** What a user can read off a host; every change asks again (the worker keeps the latest only). */
export function HostForm({ value, onChange }: { value: HostInput; onChange: (v: HostInput) => void }) {
  const id = useId();
  const set = <K extends keyof HostInput>(k: K, v: HostInput[K]) => onChange({ ...value, [k]: v });
  const intel = value.cpu === 'intel';
  return (
    <form className="host-form" aria-label="Host" onSubmit={(e) => e.preventDefault()}>
      <div className="host-field">
        <div className="field">
          <label htmlFor={`${id}-kernel`} className="field-label">
            Kernel (uname -r)
          </label>
          <input
            id={`${id}-kernel`}
            className="host-kernel"
            value={value.kernel}
            spellCheck={false}
            placeholder="e.g. 5.15.0-91-generic or 6.8.12"
            onChange={(e) => set('kernel', e.target.value)}
          />
        </div>
        <Cmd input="kernel" />
      </div>
      <div className="host-field">
        <SelectField
          label="CPU"
          value={value.cpu}
          onChange={(v) => set('cpu', v === 'amd' ? 'amd' : 'intel')}
        >
          <option value="intel">Intel (VMX, EPT)</option>
          <option value="amd">AMD (SVM, NPT)</option>
        </SelectField>
        <Cmd input="cpu" />
      </div>
      <Check
        label={intel ? 'EPT on (kvm_intel.ept)' : 'NPT on (kvm_amd.npt)'}
        checked={value.tdp}
        onChange={(v) => set('tdp', v)}
        input="tdp"
      />
      {intel && (
        <Check
          label="EPT A/D bits on (kvm_intel.eptad)"
          checked={value.eptad}
          onChange={(v) => set('eptad', v)}
          input="eptad"
        />
      )}
      <div className="host-field">
        <SelectField
          label="kvm.tdp_mmu"
          value={value.tdpMmu}
          onChange={(v) => set('tdpMmu', v === 'on' ? 'on' : v === 'off' ? 'off' : 'default')}
        >
          <option value="default">default for this kernel</option>
          <option value="on">Y (on)</option>
          <option value="off">N (off)</option>
        </SelectField>
        <Cmd input="tdpMmu" />
      </div>
      <Check
        label="The workload runs in a nested (L2) guest"
        checked={value.nested}
        onChange={(v) => set('nested', v)}
        input="nested"
      />
      <Check
        label="Guest memory is hugepage-backed"
        checked={value.hugepages}
        onChange={(v) => set('hugepages', v)}
        input="hugepages"
      />
    </form>
  );
}
