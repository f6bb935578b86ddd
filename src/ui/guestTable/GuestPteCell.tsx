import { hex } from '../../viz/format.ts';
import { GUEST, guestCellX } from './arrowGeometry.ts';
import type { GuestEntry } from './guestWindow.ts';

const FLAG_W = 16;

/**
 * One guest PTE drawn large: its index, the GFN it maps and its P/A/R flags; a read-only or clean
 * PTE says so beside the arrow (the W and D bits decide dirty-log prefetch).
 */
export function GuestPteCell({ k, entry }: { k: number; entry: GuestEntry }) {
  const x = guestCellX(k);
  const y = GUEST.pteY;
  const none = entry.gfn === null;
  const flags = [
    { letter: 'P', on: entry.present, bad: !entry.present, name: 'present' },
    { letter: 'A', on: entry.accessed, bad: !entry.accessed, name: 'accessed' },
    { letter: 'R', on: entry.reserved, bad: entry.reserved, name: 'reserved bits' },
  ];
  return (
    <g className={`gpte-cell${entry.current ? ' is-current' : ''}${none ? ' is-none' : ''}`}>
      <rect
        className="gpte-cell-box"
        x={x + 1}
        y={y + 1}
        width={GUEST.cellW - 2}
        height={GUEST.pteH - 2}
        rx={6}
      />
      <text className="gpte-index" x={x + GUEST.cellW / 2} y={y + 19} textAnchor="middle">
        {entry.index}
      </text>
      <text className="gpte-maps" x={x + GUEST.cellW / 2} y={y + 36} textAnchor="middle">
        {none ? 'no PTE' : !entry.writable ? '→ GFN (RO)' : !entry.dirty ? '→ GFN (clean)' : '→ GFN'}
      </text>
      {!none && (
        <text className="gpte-gfn" x={x + GUEST.cellW / 2} y={y + 53} textAnchor="middle">
          {gfnText(entry.gfn ?? 0)}
        </text>
      )}
      {!none &&
        flags.map((f, j) => {
          const fx = x + 5 + j * (FLAG_W + 2);
          const fy = y + GUEST.pteH - FLAG_W - 8;
          return (
            <g key={f.letter} className={`gpte-flag${f.on ? ' is-on' : ''}${f.bad ? ' is-bad' : ''}`}>
              <rect x={fx} y={fy} width={FLAG_W} height={FLAG_W} rx={3} />
              <text x={fx + FLAG_W / 2} y={fy + 12} textAnchor="middle">
                {f.letter}
              </text>
              {!f.on && <line x1={fx + 2} y1={fy + FLAG_W - 2} x2={fx + FLAG_W - 2} y2={fy + 2} />}
            </g>
          );
        })}
    </g>
  );
}

/** GFNs up to 7 characters whole (0x1004), longer ones by their last four hex digits. */
function gfnText(gfn: number): string {
  const h = hex(gfn);
  return h.length <= 7 ? h : `…${gfn.toString(16).slice(-4)}`;
}
