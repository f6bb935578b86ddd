import { describe, expect, it } from 'vitest';
import type { CellState } from '../../viz/cellState.ts';
import { HOST_NO_SLOT, HOST_NOT_RESIDENT } from '../../viz/hostInfo.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { overviewPicture } from './overviewPicture.ts';
import { patternIds } from './PatternDefs.tsx';

const N = 512;
const ids = patternIds('t');
const host = (flags: Record<number, number> = {}): TableHostInfo => {
  const f = new Uint8Array(N);
  for (const [k, v] of Object.entries(flags)) f[Number(k)] = v;
  return { slotIds: new Int32Array(N), flags: f };
};
const states = (set: Record<number, CellState>): CellState[] =>
  Array.from({ length: N }, (_, i) => set[i] ?? 'not-present');
/** Entries drawn by a path: one closed subpath each. */
const subpaths = (d: string) => d.split('M').length - 1;

describe('overviewPicture', () => {
  it('draws all 512 entries in one path per look', () => {
    const paths = overviewPicture(
      states({ 8: 'faulting', 9: 'prefetched', 10: 'prefetched', 12: 'present' }),
      host(),
      null,
      ids,
    );
    expect(paths.map((p) => p.fill)).toEqual([
      'var(--spte-empty-fill)',
      'var(--spte-faulting)',
      'var(--spte-prefetched)',
      'var(--spte-present)',
    ]);
    expect(paths.map((p) => subpaths(p.d))).toEqual([508, 1, 2, 1]);
    // Each look keeps its cue: the faulting entry's thick border, the prefetched entries' dots.
    expect(paths[1]).toMatchObject({ stroke: 'var(--fg)', strokeWidth: 2 });
    expect(paths[2]).toMatchObject({ strokeDasharray: '1.4 1.4' });
    expect(paths[3]!.stroke).toBe('none');
    expect(new Set(paths.map((p) => p.key)).size).toBe(paths.length);
  });
  it('draws the rings under the entries and the marks over them', () => {
    const mask = new Uint8Array(N);
    mask[9] = 1;
    const paths = overviewPicture(
      states({ 9: 'hit', 10: 'tracked' }),
      host({ 11: HOST_NOT_RESIDENT, 12: HOST_NO_SLOT | HOST_NOT_RESIDENT }),
      mask,
      ids,
    );
    expect(paths[0]).toMatchObject({ key: 'ring', className: 'spte-diff-ring' });
    const keys = paths.map((p) => p.key);
    expect(keys.slice(-4)).toEqual(['hit|', 'slash|', 'dot|var(--fg)|', 'dot|var(--fg)|0.4']);
    // An entry outside every memslot is faded, as in the grid.
    expect(paths.find((p) => p.key.startsWith('fill|') && p.opacity === 0.4)).toBeDefined();
  });
  it('places entry 0 and entry 511 where the grid puts them', () => {
    const [only] = overviewPicture(states({}), host(), null, ids);
    // The not-present border is 1 wide, so the fill is inset by half of it (cellLook).
    expect(only!.d.startsWith('M6.5,4.5h')).toBe(true);
    expect(subpaths(only!.d)).toBe(512);
  });
});
