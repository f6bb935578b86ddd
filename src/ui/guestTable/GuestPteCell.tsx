import { hex, shortHex } from '../../viz/format.ts';
import { GUEST, GUEST_LARGE, guestCellX } from './arrowGeometry.ts';
import type { GuestEntry } from './guestWindow.ts';

/**
 * One guest PTE drawn large: its index, the GFN it maps and its P/A/R flags. `large` (slides)
 * drops the "→ GFN" line, writes GFNs of four hex digits and more without "0x" (the table's head
 * says they are hex), and draws everything at projector size. A read-only or clean PTE says so
 * beside the arrow (the W and D bits decide dirty-log prefetch).
 */
export function GuestPteCell({ k, entry, large = false }: { k: number; entry: GuestEntry; large?: boolean }) {
  const g = large ? GUEST_LARGE : GUEST;
  const x = guestCellX(k);
  const y = g.pteY;
  const cx = x + g.cellW / 2;
  const none = entry.gfn === null;
  const flagW = large ? 18 : 16;
  const flagGap = large ? 1 : 2;
  const flags = [
    { letter: 'P', on: entry.present, bad: !entry.present, name: 'present' },
    { letter: 'A', on: entry.accessed, bad: !entry.accessed, name: 'accessed' },
    { letter: 'R', on: entry.reserved, bad: entry.reserved, name: 'reserved bits' },
  ];
  const flagsX = x + (g.cellW - (3 * flagW + 2 * flagGap)) / 2;
  const fy = y + g.pteH - flagW - (large ? 6 : 8);
  return (
    <g className={`gpte-cell${entry.current ? ' is-current' : ''}${none ? ' is-none' : ''}`}>
      <rect className="gpte-cell-box" x={x + 1} y={y + 1} width={g.cellW - 2} height={g.pteH - 2} rx={6} />
      <text className="gpte-index" x={cx} y={y + (large ? 23 : 19)} textAnchor="middle">
        {entry.index}
      </text>
      {(!large || none) && (
        <text className="gpte-maps" x={cx} y={y + (large ? 48 : 36)} textAnchor="middle">
          {none
            ? large
              ? 'none'
              : 'no PTE'
            : !entry.writable
              ? '→ GFN (RO)'
              : !entry.dirty
                ? '→ GFN (clean)'
                : '→ GFN'}
        </text>
      )}
      {!none && (
        <text className="gpte-gfn" x={cx} y={y + (large ? 48 : 53)} textAnchor="middle">
          {large ? shortHex(entry.gfn ?? 0) : gfnText(entry.gfn ?? 0)}
        </text>
      )}
      {!none &&
        flags.map((f, j) => {
          const fx = flagsX + j * (flagW + flagGap);
          return (
            <g key={f.letter} className={`gpte-flag${f.on ? ' is-on' : ''}${f.bad ? ' is-bad' : ''}`}>
              <rect x={fx} y={fy} width={flagW} height={flagW} rx={3} />
              <text x={fx + flagW / 2} y={fy + flagW / 2} textAnchor="middle" dominantBaseline="central">
                {f.letter}
              </text>
              {!f.on && <line x1={fx + 2} y1={fy + flagW - 2} x2={fx + flagW - 2} y2={fy + 2} />}
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
