import { describe, expect, it } from 'vitest';
import type { CellState } from '../../viz/cellState.ts';
import { HOST_NOT_RESIDENT, HOST_READONLY } from '../../viz/hostInfo.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { overviewSummary } from './overviewSummary.ts';

const N = 512;
const host = (flags: Record<number, number> = {}): TableHostInfo => {
  const f = new Uint8Array(N);
  for (const [k, v] of Object.entries(flags)) f[Number(k)] = v;
  return { slotIds: new Int32Array(N), flags: f };
};
const states = (set: Record<number, CellState>): CellState[] =>
  Array.from({ length: N }, (_, i) => set[i] ?? 'not-present');

describe('overviewSummary', () => {
  it('names every state with its entries, what the step is about first', () => {
    const s = states({ 8: 'faulting', 9: 'prefetched', 10: 'prefetched', 11: 'prefetched' });
    expect(overviewSummary('SPTE page — fixed', 'GFN 0x0–0x1ff', s, host(), null)).toBe(
      'SPTE page — fixed: 512 entries, GFN 0x0–0x1ff. Faulting: 8. Prefetched (3): 9–11. ' +
        'Not present (508): 0–7, 12–511.',
    );
  });
  it('reads a hit as present, and says which host pages and entries differ', () => {
    const s = states({ 0: 'present', 1: 'hit', 2: 'tracked' });
    const mask = new Uint8Array(N);
    mask[1] = 1;
    mask[2] = 1;
    const text = overviewSummary(
      'p',
      'GFN 0x0–0x1ff',
      s,
      host({ 5: HOST_NOT_RESIDENT, 6: HOST_READONLY }),
      mask,
    );
    expect(text).toContain('Prefetched, access-tracked: 2. Present (prefetch hit): 1. Present: 0.');
    expect(text).toContain('Read-only slot: 6. Host page not resident: 5.');
    expect(text).toContain('Differs from the other side (2): 1–2.');
  });
  it('gives the count and the ends when there are too many runs to read', () => {
    const set: Record<number, CellState> = {};
    for (let i = 0; i < 40; i++) set[i * 4] = 'present';
    const text = overviewSummary('p', 'a', states(set), host(), null);
    expect(text).toContain('Present (40): in 40 runs, the first 0, the last 156.');
    expect(text).toContain('Not present (472): in 40 runs, the first 1–3, the last 157–511.');
  });
});
