import { GPTE_ACCESSED, GPTE_PRESENT, GPTE_RESERVED } from '../../engine/shadow/guestTables.ts';
import type { GuestTableView } from '../../engine/shadow/guestTables.ts';
import { PTE_PREFETCH_NUM, SPTES_PER_TABLE } from '../../engine/types.ts';

const H = 12;

type Kind = 'ok' | 'not-accessed' | 'invalid' | 'none';

function kindOf(flags: number): Kind {
  if ((flags & GPTE_PRESENT) === 0) return 'none';
  if (flags & GPTE_RESERVED) return 'invalid';
  return flags & GPTE_ACCESSED ? 'ok' : 'not-accessed';
}

/** The whole 512-entry guest page table as a strip, with the window drawn large outlined. */
export function GuestStrip({ view, first }: { view: GuestTableView; first: number }) {
  const counts: Record<Kind, number> = { ok: 0, 'not-accessed': 0, invalid: 0, none: 0 };
  // Consecutive entries of one kind become one rect: 512 rects would be needless DOM.
  const runs: Array<{ from: number; to: number; kind: Kind }> = [];
  for (let i = 0; i < SPTES_PER_TABLE; i++) {
    const kind = kindOf(view.flags[i] ?? 0);
    counts[kind]++;
    const last = runs[runs.length - 1];
    if (last && last.kind === kind && last.to === i) last.to = i + 1;
    else runs.push({ from: i, to: i + 1, kind });
  }
  const summary = [
    `${counts.ok} present and accessed`,
    counts['not-accessed'] ? `${counts['not-accessed']} with the Accessed bit clear` : '',
    counts.invalid ? `${counts.invalid} with reserved bits` : '',
    counts.none ? `${counts.none} not present` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="guest-strip">
      <svg
        viewBox={`0 0 ${SPTES_PER_TABLE} ${H + 4}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Guest page table, 512 PTEs: ${summary}`}
      >
        {runs.map((r) => (
          <rect
            key={r.from}
            className={`guest-strip-${r.kind}`}
            x={r.from}
            y={2}
            width={r.to - r.from}
            height={H}
          />
        ))}
        <rect className="guest-strip-window" x={first} y={0.5} width={PTE_PREFETCH_NUM} height={H + 3} />
      </svg>
      <span className="field-hint">512 guest PTEs: {summary}</span>
    </div>
  );
}
