/**
 * The experiment's "every page table" overview as pixels: pure maths, run in the experiment
 * worker (it touches every table of a 1 TiB guest) and drawn by the page.
 */

/** Overview cell categories, RGB (Okabe–Ito, as in theme.css; fixed so exports look the same). */
export const OVERVIEW_RGB = {
  faulted: [0x00, 0x72, 0xb2],
  prefetched: [0x00, 0x9e, 0x73],
  huge: [0xcc, 0x79, 0xa7],
  untouched: [0xe4, 0xe7, 0xeb],
  noRam: [0x6b, 0x73, 0x7d],
} as const satisfies Record<string, readonly [number, number, number]>;

export type OverviewCategory = keyof typeof OVERVIEW_RGB;

const ENTRIES = 512;

/** The overview panel's box in CSS pixels (one panel per run kind). */
export const OVERVIEW_PANEL = { width: 560, maxHeight: 110 } as const;

export interface OverviewLayout {
  /** Cells across and down; each cell is one canvas pixel before scaling. */
  cols: number;
  rows: number;
  /** Page tables per cell (consecutive, row-major). */
  tablesPerCell: number;
  /** CSS pixels per cell side. */
  cellPx: number;
}

/**
 * Fits `tableCount` page tables into at most maxWidth x maxHeight CSS pixels: one table per cell
 * with cells as large as fit (up to 8 px), else 1 px cells each summarising several tables.
 */
export function overviewLayout(tableCount: number, maxWidth: number, maxHeight: number): OverviewLayout {
  const n = Math.max(1, tableCount);
  for (const cellPx of [8, 6, 4, 3, 2, 1]) {
    const cols = Math.floor(maxWidth / cellPx);
    if (Math.ceil(n / cols) * cellPx <= maxHeight)
      return { cols, rows: Math.ceil(n / cols), tablesPerCell: 1, cellPx };
  }
  const cols = Math.max(1, Math.floor(maxWidth));
  const tablesPerCell = Math.ceil(n / (cols * Math.max(1, Math.floor(maxHeight))));
  return { cols, rows: Math.ceil(n / (cols * tablesPerCell)), tablesPerCell, cellPx: 1 };
}

export interface OverviewData {
  tableFaults: Uint16Array;
  tablePrefetched: Uint16Array;
  tableHuge: Uint8Array;
  /** Table ranges [first, end) backed by RAM (memslots); tables outside are drawn as no RAM. */
  ramTables: ReadonlyArray<readonly [number, number]>;
}

export interface OverviewShares {
  faulted: number;
  prefetched: number;
  huge: number;
  untouched: number;
}

/**
 * RGBA pixels (ImageData layout) for the layout: each cell's colour mixes the category colours by
 * their share of the cell's RAM entries; a cell with no RAM at all is the no-RAM colour; past the
 * last table, transparent. Also returns the whole guest's shares. One pass over the tables.
 */
export function overviewPixels(
  d: OverviewData,
  layout: OverviewLayout,
): { rgba: Uint8ClampedArray; shares: OverviewShares } {
  const { cols, rows, tablesPerCell } = layout;
  const rgba = new Uint8ClampedArray(cols * rows * 4);
  const total = d.tableFaults.length;
  const inRam = new Uint8Array(total);
  for (const [a, b] of d.ramTables) inRam.fill(1, Math.max(0, a), Math.min(total, b));
  const sum = { faulted: 0, prefetched: 0, huge: 0, untouched: 0 };
  const { faulted: cF, prefetched: cP, huge: cH, untouched: cU, noRam: cN } = OVERVIEW_RGB;
  for (let cell = 0; cell * tablesPerCell < total; cell++) {
    let f = 0;
    let p = 0;
    let h = 0;
    let ram = 0;
    const end = Math.min(total, (cell + 1) * tablesPerCell);
    for (let t = cell * tablesPerCell; t < end; t++) {
      if (!inRam[t]) continue;
      ram += ENTRIES;
      if (d.tableHuge[t]) h += ENTRIES;
      else {
        f += d.tableFaults[t]!;
        p += d.tablePrefetched[t]!;
      }
    }
    const o = cell * 4;
    rgba[o + 3] = 255;
    if (ram === 0) {
      rgba[o] = cN[0];
      rgba[o + 1] = cN[1];
      rgba[o + 2] = cN[2];
      continue;
    }
    const u = ram - f - p - h;
    sum.faulted += f;
    sum.prefetched += p;
    sum.huge += h;
    sum.untouched += u;
    for (let c = 0; c < 3; c++) rgba[o + c] = (f * cF[c]! + p * cP[c]! + h * cH[c]! + u * cU[c]!) / ram;
  }
  const all = sum.faulted + sum.prefetched + sum.huge + sum.untouched || 1;
  return {
    rgba,
    shares: {
      faulted: sum.faulted / all,
      prefetched: sum.prefetched / all,
      huge: sum.huge / all,
      untouched: sum.untouched / all,
    },
  };
}
