import { GUEST, arrowGeometry, guestCellX } from './arrowGeometry.ts';
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

/** The shadow entry a guest PTE fills, and the arrow once the walk has reached it. */
export function GpteArrow({ k, entry }: { k: number; entry: GuestEntry }) {
  const x = guestCellX(k);
  const y = GUEST.targetY;
  const kind = entry.arrow;
  const a = kind ? arrowGeometry(k, kind) : null;
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
        width={GUEST.cellW - 2}
        height={GUEST.targetH - 2}
        rx={5}
      />
      <text className="gpte-target-name" x={x + GUEST.cellW / 2} y={y + 18} textAnchor="middle">
        SPTE {entry.index}
      </text>
      {kind && (
        <text className="gpte-target-word" x={x + GUEST.cellW / 2} y={y + 36} textAnchor="middle">
          {kind === 'failed' ? REASON_SHORT[entry.reason ?? 'gpte-not-present'] : OUTCOME_WORD[kind]}
        </text>
      )}
    </g>
  );
}
