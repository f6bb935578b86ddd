import type { FormEvent } from 'react';
import { useId } from 'react';
import type { PatternKind } from '../../engine/types.ts';
import { SelectField } from '../app/SelectField.tsx';
import { SEED_FIELDS } from './workloadForm.ts';
import type { WorkloadFields } from './workloadForm.ts';

interface Props {
  fields: WorkloadFields;
  onChange: (f: WorkloadFields) => void;
  onRun: () => void;
  /** The field the last Run refused, and why. */
  problem: { field: keyof WorkloadFields; message: string } | null;
  running: boolean;
}

/** The workload's inputs; Run (or Enter) sends it to the worker. */
export function WorkloadForm({ fields, onChange, onRun, problem, running }: Props) {
  const id = useId();
  const set = (patch: Partial<WorkloadFields>) => onChange({ ...fields, ...patch });
  const text = (key: 'vmGiB' | 'pages' | 'stride' | 'seed', label: string, hint?: string) => {
    const bad = problem?.field === key;
    return (
      <div className="field">
        <label htmlFor={`${id}-${key}`} className="field-label">
          {label}
        </label>
        <input
          id={`${id}-${key}`}
          type="text"
          inputMode="numeric"
          value={fields[key]}
          aria-invalid={bad}
          aria-describedby={bad ? `${id}-problem` : undefined}
          onChange={(e) => set({ [key]: e.target.value })}
        />
        {hint && <span className="field-hint">{hint}</span>}
      </div>
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onRun();
  };
  return (
    <form className="paths-form" onSubmit={submit} aria-label="Workload">
      {text('vmGiB', 'VM size (GiB)', 'one memslot from GFN 0')}
      {text('pages', 'Pages touched', '4 KiB pages from GFN 0')}
      <SelectField
        label="Pattern"
        value={fields.pattern}
        onChange={(v) => set({ pattern: v as PatternKind })}
      >
        <option value="sequential">sequential</option>
        <option value="reverse">reverse</option>
        <option value="stride">stride</option>
        <option value="random">random</option>
      </SelectField>
      {fields.pattern === 'stride' && text('stride', 'Stride (pages)')}
      {fields.pattern === 'random' && text('seed', 'Seed')}
      <div className="paths-form-actions">
        <button type="submit" className="btn btn-primary" disabled={running}>
          Run all paths
        </button>
        <button type="button" className="btn" onClick={() => onChange(SEED_FIELDS)} disabled={running}>
          Seed workload
        </button>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="field-error paths-form-problem" role="alert">
          {problem.message}
        </p>
      )}
    </form>
  );
}
