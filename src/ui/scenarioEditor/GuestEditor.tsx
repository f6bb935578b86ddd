import type { GuestPaging, GuestPteRange, Memslot } from '../../engine/types.ts';
import { WholeNumberField } from './WholeNumberField.tsx';

/** A guest page table that maps every memslot linearly, GVA page = GFN: existing accesses stay valid. */
export function linearGuest(memslots: readonly Memslot[]): GuestPaging {
  return {
    paging: true,
    pageTables: memslots.map((m) => ({ gvaPage: m.baseGfn, pages: m.pages, gfn: m.baseGfn })),
  };
}

/**
 * Rows drawn as fields: the first and the last half of this many. A scenario (from a file or a
 * link of a few kilobytes) may hold 100,000 ranges, and a form with that many rows takes minutes
 * of the page's main thread to lay out; the rest are kept and still run, they are just not
 * drawn. New rows go at the end, which stays in view.
 */
export const MAX_GUEST_ROWS_SHOWN = 100;

/** Indexes of the rows to draw, with the number left out between the two halves. */
export function shownGuestRows(count: number): { head: number; hidden: number; tailFrom: number } {
  if (count <= MAX_GUEST_ROWS_SHOWN) return { head: count, hidden: 0, tailFrom: count };
  const head = MAX_GUEST_ROWS_SHOWN / 2;
  const tailFrom = count - MAX_GUEST_ROWS_SHOWN / 2;
  return { head, hidden: tailFrom - head, tailFrom };
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
  const shown = shownGuestRows(rows.length);
  const row = (r: GuestPteRange, i: number) => (
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
  );
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
      {guest.paging && rows.slice(0, shown.head).map((r, i) => row(r, i))}
      {guest.paging && shown.hidden > 0 && (
        <p className="field-hint guest-rows-hidden">
          {shown.hidden.toLocaleString('en-US')} more ranges (rows {shown.head}–{shown.tailFrom - 1}) are not
          drawn here; they are part of the scenario all the same. Export the scenario to edit them.
        </p>
      )}
      {guest.paging && rows.slice(shown.tailFrom).map((r, k) => row(r, shown.tailFrom + k))}
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
