import { describe, expect, it } from 'vitest';
import { moveInGrid } from './gridNav.ts';

describe('moveInGrid', () => {
  it('moves by entry and by row, stopping at the edges', () => {
    expect(moveInGrid(9, 'ArrowRight')).toBe(10);
    expect(moveInGrid(9, 'ArrowDown')).toBe(41);
    expect(moveInGrid(9, 'ArrowUp')).toBe(9);
    expect(moveInGrid(0, 'ArrowLeft')).toBe(0);
    expect(moveInGrid(511, 'ArrowRight')).toBe(511);
    expect(moveInGrid(500, 'ArrowDown')).toBe(500);
  });
  it('jumps to row ends and table ends', () => {
    expect(moveInGrid(40, 'Home')).toBe(32);
    expect(moveInGrid(40, 'End')).toBe(63);
    expect(moveInGrid(20, 'End', true)).toBe(511);
    expect(moveInGrid(20, 'Home', true)).toBe(0);
  });
  it('ignores other keys', () => {
    expect(moveInGrid(3, 'a')).toBeNull();
  });
});
