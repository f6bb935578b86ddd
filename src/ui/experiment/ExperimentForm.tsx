import { useId } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { PatternKind } from '../../engine/types.ts';
import { SelectField } from '../app/SelectField.tsx';
import { SEED_INPUT, VM_PRESETS } from './experimentInput.ts';
import type { ExperimentInput, InputField } from './experimentInput.ts';

interface Props {
  input: ExperimentInput;
  onChange: (next: ExperimentInput) => void;
  onRun: () => void;
  problem: { field: InputField; message: string } | null;
  running: boolean;
  /** Extra controls beside Run (the engine-timing toggle). */
  children?: ReactNode;
}

const PATTERNS: ReadonlyArray<{ id: PatternKind; label: string }> = [
  { id: 'sequential', label: 'Sequential' },
  { id: 'reverse', label: 'Reverse' },
  { id: 'stride', label: 'Stride N' },
  { id: 'random', label: 'Random (seeded)' },
];

function NumberField(props: {
  label: string;
  unit: string;
  value: string;
  field: InputField;
  problem: Props['problem'];
  onChange: (v: string) => void;
  /** A version ("5.15.139", "v6.1") rather than a size. */
  version?: boolean;
}) {
  const id = useId();
  const bad = props.problem?.field === props.field;
  return (
    <div className="field xp-number">
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      <span className="xp-number-row">
        <input
          id={id}
          type="text"
          inputMode={props.version ? 'text' : 'decimal'}
          spellCheck={props.version ? false : undefined}
          placeholder={props.version ? 'e.g. 4.18' : undefined}
          value={props.value}
          aria-invalid={bad || undefined}
          aria-describedby={bad ? 'xp-problem' : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <span className="xp-unit">{props.unit}</span>
      </span>
    </div>
  );
}

function Segmented<T extends string>(props: {
  label: string;
  name: string;
  value: T;
  options: ReadonlyArray<{ id: T; label: string }>;
  onChange: (v: T) => void;
}) {
  const labelId = useId();
  return (
    <div role="radiogroup" aria-labelledby={labelId} className="segmented segmented-small">
      <span id={labelId} className="field-label">
        {props.label}
      </span>
      {props.options.map((o) => (
        <label key={o.id} className={`segmented-option${props.value === o.id ? ' is-on' : ''}`}>
          <input
            type="radio"
            name={props.name}
            value={o.id}
            checked={props.value === o.id}
            onChange={() => props.onChange(o.id)}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}

/** The experiment's inputs; Run (or Enter) starts it. Defaults are the seed's experiment. */
export function ExperimentForm({ input, onChange, onRun, problem, running, children }: Props) {
  const set = <K extends InputField>(k: K, v: ExperimentInput[K]) => onChange({ ...input, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onRun();
  };
  return (
    <form className="xp-form" onSubmit={submit} aria-label="Experiment">
      <fieldset className="xp-group">
        <legend>Guest</legend>
        <NumberField
          label="VM size"
          unit="GiB"
          field="vmGiB"
          value={input.vmGiB}
          problem={problem}
          onChange={(v) => set('vmGiB', v)}
        />
        <div
          className="xp-presets"
          role="group"
          aria-label="VM size presets (the guest touches ¾, as in the seed)"
        >
          {VM_PRESETS.map((p) => (
            <button
              key={p.gib}
              type="button"
              className={`btn btn-small${input.vmGiB === p.gib ? ' is-on' : ''}`}
              aria-pressed={input.vmGiB === p.gib}
              title={`A ${p.label} VM touching its first ${p.touchedGiB} GiB, as the seed touches 6 GiB of 8`}
              onClick={() => onChange({ ...input, vmGiB: p.gib, touchedGiB: p.touchedGiB, startGiB: '0' })}
            >
              {p.label}
            </button>
          ))}
        </div>
        <SelectField
          label="Memslots"
          value={input.layout}
          onChange={(v) => set('layout', v as ExperimentInput['layout'])}
        >
          <option value="one-slot">One slot from 0</option>
          <option value="x86-pci-hole">x86: below 3 GiB, then from 4 GiB (PCI hole)</option>
        </SelectField>
      </fieldset>
      <fieldset className="xp-group">
        <legend>Guest touches</legend>
        <NumberField
          label="Touched size"
          unit="GiB"
          field="touchedGiB"
          value={input.touchedGiB}
          problem={problem}
          onChange={(v) => set('touchedGiB', v)}
        />
        <NumberField
          label="Touched from"
          unit="GiB"
          field="startGiB"
          value={input.startGiB}
          problem={problem}
          onChange={(v) => set('startGiB', v)}
        />
        <SelectField
          label="Access pattern"
          value={input.pattern}
          onChange={(v) => set('pattern', v as PatternKind)}
        >
          {PATTERNS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </SelectField>
        {input.pattern === 'stride' && (
          <NumberField
            label="Stride"
            unit="pages"
            field="stride"
            value={input.stride}
            problem={problem}
            onChange={(v) => set('stride', v)}
          />
        )}
        {input.pattern === 'random' && (
          <NumberField
            label="Seed"
            unit=""
            field="seed"
            value={input.seed}
            problem={problem}
            onChange={(v) => set('seed', v)}
          />
        )}
      </fieldset>
      <fieldset className="xp-group">
        <legend>Host</legend>
        <Segmented
          label="Backing"
          name="xp-backing"
          value={input.backing}
          options={[
            { id: '4k', label: '4 KiB' },
            { id: '2m', label: '2 MiB' },
          ]}
          onChange={(v) => set('backing', v)}
        />
        <Segmented
          label="MMU"
          name="xp-mmu"
          value={input.mmu}
          options={[
            { id: 'legacy', label: 'Legacy' },
            { id: 'tdp', label: 'TDP' },
          ]}
          onChange={(v) => set('mmu', v)}
        />
      </fieldset>
      <fieldset className="xp-group">
        <legend>Kernels</legend>
        {/* Any two releases from 2.6.37; the runs, table and charts are named after them. */}
        <NumberField
          label="First (orange)"
          unit=""
          field="kernelA"
          value={input.kernelA}
          problem={problem}
          onChange={(v) => set('kernelA', v)}
          version
        />
        <NumberField
          label="Second (green)"
          unit=""
          field="kernelB"
          value={input.kernelB}
          problem={problem}
          onChange={(v) => set('kernelB', v)}
          version
        />
      </fieldset>
      <div className="xp-actions">
        <button type="submit" className="btn btn-primary">
          {running ? 'Restart' : 'Run'}
        </button>
        <button type="button" className="btn" onClick={() => onChange(SEED_INPUT)}>
          Seed defaults
        </button>
        {children}
        {problem && (
          <p id="xp-problem" className="field-error" role="alert">
            {problem.message}
          </p>
        )}
      </div>
    </form>
  );
}
