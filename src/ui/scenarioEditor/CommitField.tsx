import { useId, useState } from 'react';

interface Props {
  label: string;
  value: string;
  /** Applies the text; returns (or resolves to) an error message to show instead, or null when accepted. */
  onCommit: (text: string) => string | null | Promise<string | null>;
  hint?: string;
  inputMode?: 'numeric' | 'text';
  wide?: boolean;
}

/**
 * A text field that applies on Enter or when focus leaves, not on each keystroke: every apply
 * reloads the scenario, and half-typed numbers ("1" on the way to "12") are not scenarios.
 * Callers remount it (key) when the scenario changes underneath.
 */
export function CommitField({ label, value, onCommit, hint, inputMode = 'text', wide }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === value) return;
    void Promise.resolve(onCommit(draft)).then(setError);
  };
  return (
    <div className={`field${wide ? ' field-wide' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        spellCheck={false}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={error || hint ? `${id}-msg` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(value);
            setError(null);
          }
        }}
      />
      {(error || hint) && (
        <span id={`${id}-msg`} className={error ? 'field-error' : 'field-hint'}>
          {error ?? hint}
        </span>
      )}
    </div>
  );
}
