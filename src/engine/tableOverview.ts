/**
 * The experiment's "every page table" overview as pixels: pure maths, run in the experiment
 * worker (it touches every table of a 1 TiB guest) and drawn by the page.
 */

type Rgb = readonly [number, number, number];

/** Overview cell categories, RGB (Okabe–Ito, as in theme.css; fixed so exports look the same). */
export const OVERVIEW_RGB = {
  faulted: [0x00, 0x72, 0xb2],
  prefetched: [0x00, 0x9e, 0x73],
  huge: [0xcc, 0x79, 0xa7],
  untouched: [0xe4, 0xe7, 0xeb],
  noRam: [0x6b, 0x73, 0x7d],
} as const satisfies Record<string, Rgb>;

export type OverviewCategory = keyof typeof OVERVIEW_RGB;

/**
 * A touched cell's colour says which share of its touched entries faulted: 0 (every one was
 * prefetched) light yellow-green, through teal, to 1 (every one faulted) dark blue-violet. The
 * viridis ramp: ordered in lightness and readable with colour-blindness. A mix of two category
 * colours could not show it: a third of entries faulted and an eighth faulted gave nearly the same
 * blue-green, so a random run's buggy strip looked like the fixed one.
 */
export const FAULT_SHARE_RAMP: readonly Rgb[] = [
  [0xfd, 0xe7, 0x25],
  [0x90, 0xd7, 0x43],
  [0x35, 0xb7, 0x79],
  [0x21, 0x91, 0x8c],
  [0x31, 0x68, 0x8e],
  [0x44, 0x39, 0x83],
  [0x44, 0x01, 0x54],
];

/** The ramp's colour for a share of faulted entries t in [0, 1]. */
export function faultShareRgb(t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, t)) * (FAULT_SHARE_RAMP.length - 1);
  const i = Math.min(FAULT_SHARE_RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = FAULT_SHARE_RAMP[i]!;
  const b = FAULT_SHARE_RAMP[i + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as [number, number, number];
}

/**
 * How much of a touched cell's colour shows, by the share of its entries touched: never less than
 * this, so one fault in a 2 MiB table (a sparse trace) is still seen, not lost in the grey.
 */
export const MIN_TOUCHED_WEIGHT = 0.6;

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

/** Shares of the guest's RAM entries (0..1), and the same as entry counts. */
export interface OverviewShares {
  faulted: number;
  prefetched: number;
  huge: number;
  untouched: number;
  counts: { faulted: number; prefetched: number; huge: number; untouched: number };
}

/**
 * RGBA pixels (ImageData layout) for the layout. A cell whose entries were touched takes the ramp's
 * colour for the share of them that faulted (FAULT_SHARE_RAMP), blended towards grey by how few
 * were touched, but never below MIN_TOUCHED_WEIGHT; a cell mostly in 2 MiB mappings is purple; an
 * untouched cell grey; a cell with no RAM at all the no-RAM colour; past the last table,
 * transparent. Also returns the whole guest's shares and counts. One pass over the tables.
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
  const { huge: cH, untouched: cU, noRam: cN } = OVERVIEW_RGB;
  const put = (o: number, c: Rgb, w: number) => {
    for (let k = 0; k < 3; k++) rgba[o + k] = Math.round(w * c[k]! + (1 - w) * cU[k]!);
  };
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
    const touched = f + p;
    const weight = (n: number) => MIN_TOUCHED_WEIGHT + (1 - MIN_TOUCHED_WEIGHT) * (n / ram);
    if (h > 0 && h >= touched) put(o, cH, weight(h));
    else if (touched > 0) put(o, faultShareRgb(f / touched), weight(touched));
    else put(o, cU, 1);
  }
  const all = sum.faulted + sum.prefetched + sum.huge + sum.untouched || 1;
  return {
    rgba,
    shares: {
      faulted: sum.faulted / all,
      prefetched: sum.prefetched / all,
      huge: sum.huge / all,
      untouched: sum.untouched / all,
      counts: { ...sum },
    },
  };
}
