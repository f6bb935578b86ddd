import { useMemo } from 'react';
import type { CSSProperties } from 'react';
import { guestTableView } from '../../engine/shadow/guestTables.ts';
import type { VariantFrame } from '../../engine/timeline.ts';
import { PTE_PREFETCH_NUM } from '../../engine/types.ts';
import type { Scenario } from '../../engine/types.ts';
import { hex } from '../../viz/format.ts';
import { windowFirstOf } from '../sptePage/SptePage.tsx';
import { GUEST, GUEST_LARGE } from './arrowGeometry.ts';
import { GpteArrow } from './GpteArrow.tsx';
import { GuestPteCell } from './GuestPteCell.tsx';
import { GuestStrip } from './GuestStrip.tsx';
import { guestEntryLabel, guestWindow } from './guestWindow.ts';
import './guestTable.css';

export interface GuestTableProps {
  frame: VariantFrame;
  scenario: Scenario;
  /** Duration of one step's transition; 0 disables the arrows' draw-in. */
  transitionMs?: number;
  /** Slides (embed mode): projector-sized type, fewer words (see GuestPteCell and GpteArrow). */
  large?: boolean;
}

const OFFSETS = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Shadow paging: the guest page table beside the shadow page. The 8 guest PTEs of the window the
 * walk is on, and under them the shadow entries they fill, with an arrow per entry as
 * FNAME(pte_prefetch) reaches it. With guest paging off there is no guest table to draw.
 */
export function GuestTable({ frame, scenario, transitionMs = 200, large = false }: GuestTableProps) {
  const guest = scenario.guest;
  const { tableBase, walk } = frame;
  const view = useMemo(() => (guest?.paging ? guestTableView(guest, tableBase) : null), [guest, tableBase]);
  if (!guest) return null;
  if (!view) {
    return (
      <section className="guest-table is-off" aria-label={`Guest page table, ${frame.variant}`}>
        <p className="guest-off-note">
          <strong>Guest paging is off</strong>: GVA = GPA, so KVM uses direct shadow pages and
          FNAME(pte_prefetch) hands each fault to __direct_pte_prefetch — batches, and the trailing bug before
          c6cecc4b9324.
        </p>
      </section>
    );
  }
  const first = windowFirstOf(frame, scenario);
  const entries = guestWindow(view, tableBase, first, walk);
  const last = first + PTE_PREFETCH_NUM - 1;
  const style = { '--gpte-draw-ms': `${Math.max(0, transitionMs)}ms` } as CSSProperties;
  const g = large ? GUEST_LARGE : GUEST;
  return (
    // Named per variant: compare mode shows two, and two landmarks of one name cannot be told apart.
    <section
      className={`guest-table${large ? ' is-large' : ''}`}
      aria-label={`Guest page table, ${frame.variant}`}
      style={style}
    >
      <div className="guest-table-head">
        <span className="guest-table-title">{large ? 'Guest PTEs → SPTEs' : 'Guest page table'}</span>
        <span className="guest-table-sub">
          {large
            ? `${first}–${last} · GVA ${hex(tableBase + first)}–${hex(tableBase + last)} · GFNs in hex`
            : `PTEs ${first}–${last} · GVA pages ${hex(tableBase + first)}–${hex(tableBase + last)}`}
        </span>
      </div>
      <svg
        className="guest-window"
        role="group"
        aria-label={`Guest PTEs ${first}–${last} and the shadow entries they fill`}
        viewBox={`0 0 ${g.width} ${g.height}`}
        preserveAspectRatio="xMidYMin meet"
      >
        {!large && (
          <>
            <text className="guest-row-label" x={5} y={14}>
              guest PTEs (the guest&apos;s page table: GVA → GFN)
            </text>
            <text className="guest-row-label" x={5} y={GUEST.targetY + GUEST.targetH + 14}>
              shadow entries (SPTEs KVM writes)
            </text>
          </>
        )}
        {OFFSETS.map((k) => {
          const e = entries[k]!;
          const label = guestEntryLabel(e);
          return (
            <g key={k} role="img" aria-label={label} data-arrow={e.arrow ?? 'none'}>
              <title>{label}</title>
              <GpteArrow k={k} entry={e} large={large} />
              <GuestPteCell k={k} entry={e} large={large} />
            </g>
          );
        })}
      </svg>
      <GuestStrip view={view} first={first} />
    </section>
  );
}
