import type { GuestPaging, GuestPteRange, Memslot } from '../../engine/types.ts';
import { WholeNumberField } from './WholeNumberField.tsx';

/** A guest page table that maps every memslot linearly, GVA page = GFN: existing accesses stay valid. */
export function linearGuest(memslots: readonly Memslot[]): GuestPaging {
  return {
    paging: true,
    pageTables: memslots.map((m) => ({ gvaPage: m.baseGfn, pages: m.pages, gfn: m.baseGfn })),
  };
}

type Flag = 'accessed' | 'present' | 'reservedBits' | 'writable' | 'dirty';
const FLAGS: ReadonlyArray<{ key: Flag; label: string; fallback: boolean }> = [
  { key: 'present', label: 'present', fallback: true },
  { key: 'accessed', label: 'accessed', fallback: true },
  { key: 'writable', label: 'writable', fallback: true },
  { key: 'dirty', label: 'dirty', fallback: true },
  { key: 'reservedBits', label: 'reserved bits', fallback: false },
];

/**
 * Shadow paging's guest: paging on/off, and the guest PTEs as ranges (GVA page, pages, GFN,
 * flags). Later rows win where they overlap, as in the format.
 */
export function GuestEditor({
  guest,
  memslots,
  onChange,
}: {
  guest: GuestPaging;
  memslots: readonly Memslot[];
  onChange: (g: GuestPaging) => Promise<string | null>;
}) {
  const rows = guest.pageTables;
  const update = (i: number, patch: Partial<GuestPteRange>) =>
    onChange({ ...guest, pageTables: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const numberField = (i: number, key: 'gvaPage' | 'pages' | 'gfn', label: string) => (
    <WholeNumberField label={label} value={rows[i]![key]} onCommit={(n) => update(i, { [key]: n })} />
  );
  const last = rows[rows.length - 1];
  return (
    <fieldset className="memslots guest-editor">
      <legend className="field-label">Guest page tables (shadow paging)</legend>
      <div className="editor-row">
        <label className="field field-check">
          <input
            type="checkbox"
            checked={guest.paging}
            onChange={(e) =>
              void onChange(e.target.checked ? linearGuest(memslots) : { paging: false, pageTables: [] })
            }
          />
          <span>Guest paging on</span>
        </label>
        <span className="field-hint guest-editor-hint">
          {guest.paging
            ? 'Accesses and present entries are GVA pages. Rows map GVA pages to GFNs; later rows win where they overlap. A read-only or clean PTE prefetches even from a dirty-logged slot.'
            : 'Off: GVA = GPA, direct shadow pages, so faults take the __direct_pte_prefetch walk.'}
        </span>
      </div>
      {guest.paging &&
        rows.map((r, i) => (
          <div className="editor-row memslot-row" key={i} role="group" aria-label={`Guest PTE range ${i}`}>
            {numberField(i, 'gvaPage', 'GVA page')}
            {numberField(i, 'pages', 'Pages')}
            {numberField(i, 'gfn', 'Maps GFN')}
            {FLAGS.map((f) => (
              <label key={f.key} className="field field-check">
                <input
                  type="checkbox"
                  checked={r[f.key] ?? f.fallback}
                  onChange={(e) => void update(i, { [f.key]: e.target.checked })}
                />
                <span>{f.label}</span>
              </label>
            ))}
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Remove guest PTE range ${i}`}
              disabled={rows.length === 1}
              onClick={() => void onChange({ ...guest, pageTables: rows.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
      {guest.paging && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            void onChange({
              ...guest,
              pageTables: [
                ...rows,
                last
                  ? { gvaPage: last.gvaPage, pages: 1, gfn: last.gfn }
                  : { gvaPage: 0, pages: 512, gfn: 0 },
              ],
            })
          }
        >
          Add guest PTE range
        </button>
      )}
    </fieldset>
  );
}
