import { describe, expect, it } from 'vitest';
import {
  bracketGeometry,
  OVERVIEW,
  overviewCell,
  overviewRuleX,
  overviewSize,
  overviewWindowRect,
  slotBoundaries,
  WINDOW,
  windowCellX,
} from './layout.ts';

describe('overview layout', () => {
  it('puts 32 entries (four windows) per row with a gap between windows', () => {
    const a = overviewCell(7);
    const b = overviewCell(8);
    expect(a.row).toBe(0);
    expect(b.x - a.x).toBe(OVERVIEW.pitch + OVERVIEW.windowGap);
    expect(overviewCell(9).x - b.x).toBe(OVERVIEW.pitch);
    expect(overviewCell(24).x - overviewCell(23).x).toBe(OVERVIEW.pitch + OVERVIEW.windowGap);
    expect(overviewCell(32)).toMatchObject({ row: 1, col: 0, x: overviewCell(0).x });
    expect(overviewCell(511)).toMatchObject({ row: 15, col: 31 });
  });
  it('is wider than tall, so it sits under the large window as context', () => {
    expect(overviewSize.width).toBeGreaterThan(overviewSize.height * 2);
  });
  it('centres a memslot rule in the gap before an entry', () => {
    expect(overviewRuleX(8)).toBeGreaterThan(overviewCell(7).x + OVERVIEW.cell);
    expect(overviewRuleX(8)).toBeLessThan(overviewCell(8).x);
    expect(overviewRuleX(8) - (overviewCell(7).x + OVERVIEW.cell)).toBe(overviewCell(8).x - overviewRuleX(8));
    expect(overviewRuleX(3)).toBe(overviewCell(3).x - (OVERVIEW.pitch - OVERVIEW.cell) / 2);
  });
  it('fits every cell inside the view box', () => {
    const c = overviewCell(511);
    expect(c.x + OVERVIEW.cell).toBeLessThanOrEqual(overviewSize.width - OVERVIEW.pad);
    expect(c.y + OVERVIEW.cell).toBeLessThanOrEqual(overviewSize.height - OVERVIEW.pad);
  });
  it('outlines exactly the 8 cells of a window', () => {
    const r = overviewWindowRect(8);
    expect(r.x).toBeLessThan(overviewCell(8).x);
    expect(r.x + r.width).toBeGreaterThan(overviewCell(15).x + OVERVIEW.cell);
    expect(r.x + r.width).toBeLessThan(overviewCell(16).x + overviewSize.width);
  });
});

describe('large window layout', () => {
  it('fits 8 cells in the view box width', () => {
    expect(windowCellX(7) + WINDOW.cellW + WINDOW.margin).toBeLessThanOrEqual(WINDOW.width);
  });
  it('spans a bracket over its entries only', () => {
    const g = bracketGeometry(1, 8);
    expect(g.x0).toBeGreaterThan(windowCellX(1));
    expect(g.x0).toBeLessThan(windowCellX(1) + WINDOW.cellW);
    expect(g.x1).toBeLessThan(windowCellX(7) + WINDOW.cellW);
    expect(g.x1).toBeGreaterThan(windowCellX(7));
    expect(g.path.startsWith(`M${g.x0},`)).toBe(true);
  });
  it('clamps a run to the window', () => {
    const g = bracketGeometry(-3, 20);
    expect(g.x0).toBe(bracketGeometry(0, 8).x0);
    expect(g.x1).toBe(bracketGeometry(0, 8).x1);
  });
});

describe('slotBoundaries', () => {
  it('finds where the memslot changes inside a window', () => {
    const ids = Int32Array.from([0, 0, 0, 0, 0, -1, -1, 1, 1, 1]);
    expect(slotBoundaries(ids, 0, 8)).toEqual([5, 7]);
    expect(slotBoundaries(ids, 7, 3)).toEqual([]);
  });
});
