import type { Memslot } from '../../engine/types.ts';
import { CommitField } from './CommitField.tsx';

function intOrError(text: string, what: string): number | string {
  const t = text.trim().toLowerCase();
  const n = /^(0x[0-9a-f]+|\d+)$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) ? n : `${what} must be a whole number`;
}

/** One row per memslot: base GFN, pages, read-only, dirty-log; slots can be added and removed. */
export function MemslotsEditor({
  memslots,
  onChange,
}: {
  memslots: readonly Memslot[];
  onChange: (m: Memslot[]) => Promise<string | null>;
}) {
  const update = (i: number, patch: Partial<Memslot>) =>
    onChange(memslots.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const numberField = (i: number, key: 'baseGfn' | 'pages', label: string) => {
    const value = String(memslots[i]![key]);
    return (
      <CommitField
        key={`${key}:${value}`}
        label={label}
        value={value}
        inputMode="numeric"
        onCommit={(text) => {
          const n = intOrError(text, label);
          if (typeof n === 'string') return n;
          return update(i, { [key]: n });
        }}
      />
    );
  };
  const last = memslots[memslots.length - 1];
  return (
    <fieldset className="memslots">
      <legend className="field-label">Memslots</legend>
      {memslots.map((m, i) => (
        <div className="editor-row memslot-row" key={i} role="group" aria-label={`Memslot ${i}`}>
          <span className="memslot-id">slot {i}</span>
          {numberField(i, 'baseGfn', 'Base GFN')}
          {numberField(i, 'pages', 'Pages')}
          <label className="field field-check">
            <input
              type="checkbox"
              checked={m.readonly ?? false}
              onChange={(e) => void update(i, { readonly: e.target.checked })}
            />
            <span>read-only</span>
          </label>
          <label className="field field-check">
            <input
              type="checkbox"
              checked={m.dirtyLog ?? false}
              onChange={(e) => void update(i, { dirtyLog: e.target.checked })}
            />
            <span>dirty-log</span>
          </label>
          <button
            type="button"
            className="btn btn-small"
            disabled={memslots.length === 1}
            aria-label={`Remove memslot ${i}`}
            onClick={() => void onChange(memslots.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          void onChange([...memslots, { baseGfn: last ? last.baseGfn + last.pages : 0, pages: 512 }])
        }
      >
        Add memslot
      </button>
    </fieldset>
  );
}
