import type { Memslot } from '../../engine/types.ts';
import { WholeNumberField } from './WholeNumberField.tsx';

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
  const numberField = (i: number, key: 'baseGfn' | 'pages', label: string) => (
    <WholeNumberField label={label} value={memslots[i]![key]} onCommit={(n) => update(i, { [key]: n })} />
  );
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
