import { CommitField } from './CommitField.tsx';

/** Decimal or 0x hex, as the scenario format writes GFNs. */
function parseWholeNumber(text: string): number | null {
  const t = text.trim().toLowerCase();
  const n = /^(0x[0-9a-f]+|\d+)$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

interface Props {
  label: string;
  /** Undefined shows an empty field (an optional setting not given). */
  value: number | undefined;
  /** Applies the number; resolves to an error message to show instead, or null when accepted. */
  onCommit: (n: number) => Promise<string | null>;
  /** Reads the text; null refuses it with "<label> must be a whole number". */
  parse?: (text: string) => number | null;
}

/** A CommitField for one whole-number setting of the scenario. */
export function WholeNumberField({ label, value, onCommit, parse = parseWholeNumber }: Props) {
  const text = value === undefined ? '' : String(value);
  return (
    <CommitField
      // Remounted when the scenario changes underneath, so the draft shows the new value.
      key={text}
      label={label}
      value={text}
      inputMode="numeric"
      onCommit={(typed) => {
        const n = parse(typed);
        return n === null ? `${label} must be a whole number` : onCommit(n);
      }}
    />
  );
}
