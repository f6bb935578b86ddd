import type { Step } from '../../engine/steps.ts';
import { SPTES_PER_TABLE } from '../../engine/types.ts';
import { hex } from '../../viz/format.ts';
import { WINDOW } from '../../viz/layout.ts';
import { PatternDefs } from './PatternDefs.tsx';
import type { PatternIds } from './PatternDefs.tsx';

/** Entry code of a 4 KiB slot inside a 2 MiB mapping (VariantFrame.codes). */
const HUGE_CODE = 3;

/**
 * Whether the page is mapped by one 2 MiB leaf: then there is no table of 512 SPTEs at all, only
 * one entry a level up (the PMD), and the view draws that instead (see PmdView).
 */
export function mappedHuge(codes: Uint8Array): boolean {
  if (codes.length === 0) return false;
  for (const c of codes) if (c !== HUGE_CODE) return false;
  return true;
}

/** The PMD entry's index in its table: which 2 MiB of the 1 GiB that one PMD table covers. */
export function pmdIndex(tableBase: number): number {
  return Math.floor(tableBase / SPTES_PER_TABLE) % SPTES_PER_TABLE;
}

/** "PMD entry 0: 2 MiB leaf, GFN 0x0–0x1ff": the entry's name, for both the drawing and readers. */
export function pmdLabel(tableBase: number, installedNow: boolean): string {
  const span = `GFN ${hex(tableBase)}–${hex(tableBase + SPTES_PER_TABLE - 1)}`;
  return `PMD entry ${pmdIndex(tableBase)}: 2M mapping (a 2 MiB leaf), ${span}${
    installedNow ? ', installed by this fault' : ''
  }. No prefetch: direct_pte_prefetch returns for a leaf above 4 KiB.`;
}

/**
 * A page mapped by a 2 MiB leaf, drawn where the 8-entry window goes: the one PMD entry that maps
 * the whole region, and why no prefetch follows. Drawing a window of 4 KiB SPTEs here would show
 * entries that do not exist.
 */
export function PmdView({
  tableBase,
  step,
  ids,
  variant,
}: {
  tableBase: number;
  step: Step | null;
  ids: PatternIds;
  variant: string;
}) {
  // The fault that installed the leaf, and its early return, are this access's first two steps.
  const installedNow = step?.kind === 'fault' || step?.kind === 'early-return';
  const x = WINDOW.margin;
  const w = WINDOW.width - 2 * WINDOW.margin;
  const label = pmdLabel(tableBase, installedNow);
  return (
    <svg
      className="spte-window spte-pmd"
      role="img"
      aria-label={`${label} (${variant})`}
      viewBox={`0 0 ${WINDOW.width} ${WINDOW.height}`}
      preserveAspectRatio="xMidYMin meet"
    >
      <title>{label}</title>
      <PatternDefs ids={ids} />
      <text className="spte-pmd-kicker" x={x} y={26}>
        one PMD (level 2) entry maps all 512 pages
      </text>
      <rect
        className={`spte-pmd-entry${installedNow ? ' is-new' : ''}`}
        x={x + 2}
        y={WINDOW.cellY + 2}
        width={w - 4}
        height={WINDOW.cellH - 4}
        rx={8}
        style={{ fill: `url(#${ids.hatch})` }}
      />
      <text className="spte-pmd-title" x={x + w / 2} y={WINDOW.cellY + 38} textAnchor="middle">
        2 MiB leaf
      </text>
      <text className="spte-pmd-gfns" x={x + w / 2} y={WINDOW.cellY + 66} textAnchor="middle">
        GFN {hex(tableBase)}–{hex(tableBase + SPTES_PER_TABLE - 1)}
      </text>
      <text className="spte-pmd-why" x={x} y={WINDOW.startY + 20}>
        if (sp-&gt;role.level &gt; 4K) return;
      </text>
      <text className="spte-pmd-note" x={x} y={WINDOW.bracketY + 20}>
        no 4 KiB SPTEs here: nothing to prefetch
      </text>
    </svg>
  );
}

/** The overview's place under a 2 MiB leaf: there is no 512-entry table to draw. */
export function PmdOverviewNote({ tableBase, compact = false }: { tableBase: number; compact?: boolean }) {
  if (compact) {
    // A slide: one line, at the slide's text size.
    return (
      <p className="spte-pmd-table-note">
        <span className="spte-pmd-swatch" aria-hidden="true" />
        <span>No 4 KiB page table: one 2 MiB leaf maps all 512 pages.</span>
      </p>
    );
  }
  return (
    <p className="spte-pmd-table-note">
      <span className="spte-pmd-swatch" aria-hidden="true" />
      <span>
        No page table of 4 KiB SPTEs under this region: the 2 MiB leaf maps GFN {hex(tableBase)}–
        {hex(tableBase + SPTES_PER_TABLE - 1)} (512 × 4 KiB) in one entry, one level up. The fault counts once
        in pf_fixed; with nothing at 4 KiB there is no prefetch window, in either variant.
      </span>
    </p>
  );
}
