import { useId, useMemo, useState } from 'react';
import type { ComponentType, CSSProperties, SyntheticEvent } from 'react';
import { resolveKernel, VARIANT_KERNEL } from '../../engine/kernelVersion.ts';
import type { VariantFrame } from '../../engine/timeline.ts';
import { PTE_PREFETCH_NUM, SPTES_PER_TABLE } from '../../engine/types.ts';
import type { Scenario, Variant } from '../../engine/types.ts';
import { cellStateOf } from '../../viz/cellState.ts';
import type { CellState } from '../../viz/cellState.ts';
import { tableHostInfo } from '../../viz/hostInfo.ts';
import { hex } from '../../viz/format.ts';
import { addressingOf, rangeAddress } from './addressWords.ts';
import { Overview } from './Overview.tsx';
import type { OverviewPictureProps } from './OverviewPicture.tsx';
import { patternIds } from './PatternDefs.tsx';
import { mappedHuge, pmdIndex, PmdOverviewNote, PmdView } from './PmdView.tsx';
import { WindowView } from './WindowView.tsx';
import './sptePage.css';

export interface SptePageProps {
  frame: VariantFrame;
  scenario: Scenario;
  label: Variant;
  /**
   * The side by name when two chosen kernels are compared (not 5.15 | 5.16): its accessible name
   * ("v4.13") and heading ("Kernel 4.13"). Without it the side is named by `label`.
   */
  side?: { name: string; title: string } | undefined;
  /** 1 where the other variant's entry code differs; those entries get a highlight ring. */
  diffMask?: Uint8Array | null;
  onEntryClick?: (index: number, gfn: number, ev: SyntheticEvent) => void;
  /** Drop the heading and shrink the overview (embed mode, small screens). */
  compact?: boolean;
  /** Duration of one step's transition; 0 disables tweening (prefers-reduced-motion also does). */
  transitionMs?: number;
  /**
   * Which part to draw: all of it, or only the large window or only the overview (a phone puts
   * both variants' windows next to each other, then both overviews).
   */
  part?: 'all' | 'window' | 'overview';
  /**
   * Without it the overview is a grid of 512 named, focusable entries (the app). Embeds hand in
   * OverviewPicture, a picture named by a summary: nobody walks a slide's overview entry by entry,
   * and it is 30 times cheaper. Handed in, not imported, so the app's first frame does not load it.
   */
  overviewPicture?: ComponentType<OverviewPictureProps>;
}

const PART_NAME = { all: 'SPTE page', window: 'SPTE window', overview: 'SPTE page overview' } as const;

const VARIANT_TITLE: Record<Variant, string> = {
  buggy: 'Before the fix',
  fixed: 'After the fix',
};
/* Short enough to sit beside the title in a column of two at 1280 px: the window shows the drop. */
const VARIANT_SUB: Record<Variant, string> = {
  buggy: 'up to v5.15',
  fixed: 'c6cecc4b9324 · v5.16+',
};
/*
 * Shadow paging with guest paging on never batches, so the fix does not change its walk. In
 * compare mode the stage's note above both pages says so (app.css then hides this part).
 */
const SHADOW_WALK = ' · shadow walk: the same in both variants';

/** A kernel's prefetch in a few words, for a side that is not the default 5.15 / 5.16. */
export function kernelSub(label: string, shadow: boolean): string {
  const b = resolveKernel(label).behaviour;
  const parts = [
    shadow
      ? b.invalidGpte === 'skip'
        ? 'bad guest PTEs skipped'
        : 'a bad guest PTE ends the walk'
      : b.trailingFix
        ? 'trailing run prefetched'
        : 'trailing run dropped',
    b.adGate === 'global' ? 'global A-bit test' : 'A/D per page',
  ];
  if (b.notifierSkip) parts.push('no prefetch during invalidation');
  return parts.join(' · ');
}

/** The first entry of the window to draw large: the walk's window, else the current access's. */
export function windowFirstOf(frame: VariantFrame, scenario: Scenario): number {
  const a = scenario.accesses;
  const anchor =
    frame.walk.windowFirst ?? frame.step?.gfn ?? (Array.isArray(a) ? a[0] : a.startGfn) ?? frame.tableBase;
  const index = anchor - frame.tableBase;
  if (index < 0 || index >= SPTES_PER_TABLE) return 0;
  return index - (index % PTE_PREFETCH_NUM);
}

/** One variant's SPTE page: the current window drawn large above the 512-entry overview. */
export function SptePage({
  frame,
  scenario,
  label,
  side,
  diffMask = null,
  onEntryClick,
  compact = false,
  transitionMs = 200,
  part = 'all',
  overviewPicture: OverviewPicture,
}: SptePageProps) {
  // Stable objects: every overview cell is memoised, and a fresh ids object each render would
  // re-render all 512 of them on every step.
  const id = useId();
  const ids = useMemo(() => patternIds(id), [id]);
  const overviewIds = useMemo(() => patternIds(`${id}o`), [id]);
  const { tableBase, codes, walk, step } = frame;
  const faultIndex = walk.faultGfn !== null ? walk.faultGfn - tableBase : null;
  const states = useMemo<CellState[]>(
    () => Array.from(codes, (code, index) => cellStateOf(code, index, faultIndex)),
    [codes, faultIndex],
  );
  const host = useMemo(() => tableHostInfo(scenario, tableBase), [scenario, tableBase]);
  const addressing = useMemo(() => addressingOf(scenario, tableBase), [scenario, tableBase]);
  const guestPaging = addressing.guestGfns !== null;
  const pageAddresses = guestPaging
    ? `GVA pages ${hex(tableBase)}–${hex(tableBase + SPTES_PER_TABLE - 1)}`
    : `GFN ${hex(tableBase)}–${hex(tableBase + SPTES_PER_TABLE - 1)}`;
  const first = windowFirstOf(frame, scenario);
  const [focused, setFocused] = useState(first);
  const last = first + PTE_PREFETCH_NUM - 1;
  const name = side?.name ?? label;
  const windowName = `Window ${first}–${last} — ${name}`;
  const style = { '--spte-step-ms': `${transitionMs}ms` } as CSSProperties;
  // A 2 MiB leaf maps the whole region: no 4 KiB table, one PMD entry (PmdView).
  const huge = mappedHuge(codes);
  const windowHead = huge ? (
    <div className="spte-window-head">
      <span className="spte-window-title">PMD entry {pmdIndex(tableBase)}</span>
      <span className="spte-window-gfns">
        2 MiB · GFN {hex(tableBase)}–{hex(tableBase + SPTES_PER_TABLE - 1)}
      </span>
    </div>
  ) : (
    <div className="spte-window-head">
      <span className="spte-window-title">
        Window {first}–{last}
      </span>
      <span className="spte-window-gfns">{rangeAddress(addressing, tableBase, first)}</span>
    </div>
  );

  return (
    <section
      className={`spte-page is-${label}${compact ? ' is-compact' : ''}${huge ? ' is-huge' : ''} part-${part}`}
      style={style}
      aria-label={`${PART_NAME[part]}, ${name}`}
    >
      {!compact && part !== 'overview' && (
        // One row: whose page this is, and which window (or PMD entry) the drawing below shows.
        <header className={`spte-page-head${side ? ' is-kernels' : ''}`}>
          {/* The kernel's own variant: two chosen versions may both predate the fix. */}
          <span className={`spte-variant-badge is-${frame.variant ?? label}`}>{frame.variant ?? label}</span>
          {!side && frame.kernel === VARIANT_KERNEL[label] ? (
            <>
              <span className="spte-variant-title">{VARIANT_TITLE[label]}</span>
              <span className="spte-variant-sub">
                {VARIANT_SUB[label]}
                {guestPaging && <span className="spte-variant-sub-walk">{SHADOW_WALK}</span>}
              </span>
            </>
          ) : (
            <>
              <span className="spte-variant-title">{side?.title ?? `Kernel ${frame.kernel}`}</span>
              <span className="spte-variant-sub">{kernelSub(frame.kernel, guestPaging)}</span>
            </>
          )}
          {windowHead}
        </header>
      )}
      {compact && part !== 'overview' && windowHead}
      {part !== 'overview' && huge && <PmdView tableBase={tableBase} step={step} ids={ids} variant={label} />}
      {part !== 'overview' && !huge && (
        <>
          <WindowView
            first={first}
            tableBase={tableBase}
            states={states}
            host={host}
            walk={walk}
            step={step}
            diffMask={diffMask}
            name={windowName}
            addressing={addressing}
            ids={ids}
            onEntryClick={onEntryClick}
          />
        </>
      )}
      {part !== 'window' && huge && <PmdOverviewNote tableBase={tableBase} compact={compact} />}
      {part !== 'window' && !huge && (
        <div className="spte-overview-wrap">
          <div className="spte-overview-caption">
            <span>SPTE page</span>
            <span className="spte-overview-range">{pageAddresses}</span>
            <span className="spte-overview-dims">512 entries · 64 windows</span>
          </div>
          {OverviewPicture ? (
            <OverviewPicture
              name={`SPTE page — ${name}`}
              addresses={pageAddresses}
              states={states}
              host={host}
              windowFirst={first}
              diffMask={diffMask}
              ids={overviewIds}
            />
          ) : (
            <Overview
              name={`SPTE page — ${name}`}
              tableBase={tableBase}
              states={states}
              host={host}
              windowFirst={first}
              diffMask={diffMask}
              focused={focused}
              onFocusedChange={setFocused}
              addressing={addressing}
              ids={overviewIds}
              onEntryClick={onEntryClick}
            />
          )}
        </div>
      )}
    </section>
  );
}
