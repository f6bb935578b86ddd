import { GUEST, GUEST_LARGE, arrowGeometry, guestCellX } from './arrowGeometry.ts';
import type { GuestEntry } from './guestWindow.ts';
import { REASON_SHORT } from './guestWindow.ts';

const OUTCOME_WORD = {
  fault: 'fault',
  prefetched: 'prefetched',
  'skip-present': 'present',
  'skip-faulting': 'faulting',
  failed: 'failed',
  skipped: 'skipped',
} as const;

/** The mark a shadow entry gets on a slide instead of its outcome word (the window cells' marks). */
const OUTCOME_GLYPH = {
  fault: null,
  prefetched: 'P',
  'skip-present': null,
  'skip-faulting': null,
  failed: '✕',
  skipped: '–',
} as const;

const BOLT = 'M9.5 0 L1.5 9.5 H7 L5 16 L14.5 6 H9 Z';

/**
 * The shadow entry a guest PTE fills, and the arrow once the walk has reached it. `large` (slides)
 * names the entry by its index with the window cells' marks (bolt, "P", ✕) instead of words, and
 * writes a failure's reason under it.
 */
export function GpteArrow({ k, entry, large = false }: { k: number; entry: GuestEntry; large?: boolean }) {
  const g = large ? GUEST_LARGE : GUEST;
  const x = guestCellX(k);
  const y = g.targetY;
  const cx = x + g.cellW / 2;
  const kind = entry.arrow;
  const a = kind ? arrowGeometry(k, kind, g) : null;
  const reason = kind === 'failed' ? REASON_SHORT[entry.reason ?? 'gpte-not-present'] : null;
  const glyph = kind ? OUTCOME_GLYPH[kind] : null;
  return (
    <g className={`gpte-target${kind ? ` is-${kind}` : ''}`}>
      {a && (
        // Keyed by kind so a new arrow mounts (and animates) when the walk reaches the entry.
        <g key={kind} className={`gpte-arrow is-${kind}`}>
          <path className="gpte-arrow-line" d={a.d} pathLength={1} />
          {a.head && <path className="gpte-arrow-head" d={a.head} />}
          {kind === 'failed' && (
            <path
              className="gpte-arrow-cross"
              d={`M${a.x - 7},${a.y1 - 7}L${a.x + 7},${a.y1 + 7}M${a.x + 7},${a.y1 - 7}L${a.x - 7},${a.y1 + 7}`}
            />
          )}
        </g>
      )}
      <rect
        className="gpte-target-box"
        x={x + 1}
        y={y + 1}
        width={g.cellW - 2}
        height={g.targetH - 2}
        rx={5}
      />
      {large ? (
        <>
          <text
            className="gpte-target-name"
            x={glyph || kind === 'fault' ? x + 6 : cx}
            y={y + g.targetH / 2}
            textAnchor={glyph || kind === 'fault' ? 'start' : 'middle'}
            dominantBaseline="central"
          >
            {entry.index}
          </text>
          {glyph && (
            <text
              className="gpte-target-glyph"
              x={x + g.cellW - 6}
              y={y + g.targetH / 2}
              textAnchor="end"
              dominantBaseline="central"
            >
              {glyph}
            </text>
          )}
          {kind === 'fault' && (
            <path
              className="gpte-target-bolt"
              d={BOLT}
              transform={`translate(${x + g.cellW - 20},${y + 15})`}
            />
          )}
          {reason && (
            <text
              className="gpte-target-reason"
              x={reasonX(k, g.cellW)}
              y={y + g.targetH + 20}
              textAnchor="middle"
            >
              {reason}
            </text>
          )}
        </>
      ) : (
        <>
          <text className="gpte-target-name" x={cx} y={y + 18} textAnchor="middle">
            SPTE {entry.index}
          </text>
          {kind && (
            <text className="gpte-target-word" x={cx} y={y + 36} textAnchor="middle">
              {reason ?? OUTCOME_WORD[kind]}
            </text>
          )}
        </>
      )}
    </g>
  );
}

/** A reason word is wider than its cell: centred under it, but kept inside the drawing. */
function reasonX(k: number, cellW: number): number {
  const centre = guestCellX(k) + cellW / 2;
  return Math.max(48, Math.min(guestCellX(7) + cellW - 48, centre));
}
