import { describe, expect, it } from 'vitest';
import { cumulativePoints, cumulativeScales } from './cumulative.ts';
import { histogramLayout } from './histogram.ts';
import {
  faultShareRgb,
  MIN_TOUCHED_WEIGHT,
  overviewLayout,
  overviewPixels,
} from '../../engine/tableOverview.ts';

describe('cumulativePoints', () => {
  it('places each bucket end at the accesses it covers', () => {
    // 10 accesses in 4 buckets: times 0-2 | 3-4 | 5-7 | 8-9
    expect(cumulativePoints([3, 0, 2, 1], 10)).toEqual([
      [0, 0],
      [3, 3],
      [5, 3],
      [8, 5],
      [10, 6],
    ]);
  });
  it('scales: y rounded up nicely, x exactly the access count', () => {
    const s = cumulativeScales(1_572_864, 1_572_864, 600, 300);
    expect(s.x(1_572_864)).toBe(600);
    expect(s.y.domain()[1]).toBeGreaterThanOrEqual(1_572_864);
    expect(s.y(0)).toBe(300);
  });
});

describe('histogramLayout', () => {
  it('one bar per series and size, heights proportional to counts', () => {
    const sizes = new Float64Array(8);
    sizes[7] = 100;
    sizes[1] = 50;
    const { bars, y } = histogramLayout([{ key: 'fixed', sizes }], 700, 200);
    expect(bars).toHaveLength(7);
    const b7 = bars.find((b) => b.size === 7)!;
    const b1 = bars.find((b) => b.size === 1)!;
    expect(b7.height).toBeCloseTo(2 * b1.height);
    expect(b7.y + b7.height).toBe(y(0));
    expect(bars.find((b) => b.size === 3)!.height).toBe(0);
  });
});

describe('overview', () => {
  it('one table per cell while they fit, else several per 1 px cell', () => {
    expect(overviewLayout(4096, 720, 160)).toMatchObject({
      tablesPerCell: 1,
      cellPx: 4,
      cols: 180,
      rows: 23,
    });
    const big = overviewLayout(524_288, 720, 160);
    expect(big.cellPx).toBe(1);
    expect(big.cols * big.rows * big.tablesPerCell).toBeGreaterThanOrEqual(524_288);
    expect(big.rows).toBeLessThanOrEqual(160);
  });
  it('colours a touched table by the share of its entries that faulted; greys out tables without RAM', () => {
    const n = 4;
    const d = {
      tableFaults: Uint16Array.from([512, 64, 0, 0]),
      tablePrefetched: Uint16Array.from([0, 448, 0, 0]),
      tableHuge: new Uint8Array(n),
      ramTables: [[0, 3]] as const,
    };
    const { rgba, shares } = overviewPixels(d, { cols: 4, rows: 1, tablesPerCell: 1, cellPx: 1 });
    expect(Array.from(rgba.subarray(0, 4))).toEqual([...faultShareRgb(1), 255]); // all faulted
    expect(Array.from(rgba.subarray(4, 8))).toEqual([...faultShareRgb(1 / 8), 255]); // one in 8 faulted
    expect(Array.from(rgba.subarray(8, 12))).toEqual([0xe4, 0xe7, 0xeb, 255]); // untouched
    expect(Array.from(rgba.subarray(12, 16))).toEqual([0x6b, 0x73, 0x7d, 255]); // no RAM
    expect(shares.faulted).toBeCloseTo(576 / 1536);
    expect(shares.prefetched).toBeCloseTo(448 / 1536);
    expect(shares.counts).toEqual({ faulted: 576, prefetched: 448, huge: 0, untouched: 512 });
  });
  it('tells a third faulted from an eighth faulted (a random run, buggy against fixed)', () => {
    const [a, b] = [faultShareRgb(1 / 3), faultShareRgb(1 / 8)];
    const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    expect(distance).toBeGreaterThan(80);
  });
  it('keeps a single fault in a table visible', () => {
    const d = {
      tableFaults: Uint16Array.from([1]),
      tablePrefetched: Uint16Array.from([0]),
      tableHuge: new Uint8Array(1),
      ramTables: [[0, 1]] as const,
    };
    const { rgba } = overviewPixels(d, { cols: 1, rows: 1, tablesPerCell: 1, cellPx: 1 });
    const grey = [0xe4, 0xe7, 0xeb];
    const dark = faultShareRgb(1);
    // At least MIN_TOUCHED_WEIGHT of the way from grey to the faulted colour.
    for (let c = 0; c < 3; c++) {
      const w = (rgba[c]! - grey[c]!) / (dark[c]! - grey[c]!);
      expect(w).toBeGreaterThanOrEqual(MIN_TOUCHED_WEIGHT - 0.01);
    }
  });
});
