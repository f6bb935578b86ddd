import { describe, expect, it } from 'vitest';
import { comparePaths } from '../../engine/comparePaths.ts';
import { parseScenario } from '../../engine/scenario.ts';
import { buildTimeline } from '../../engine/timeline.ts';
import { STEP_PAGES, steppablePath } from './stepPath.ts';

describe('steppablePath', () => {
  const rows = comparePaths({
    memslots: [{ baseGfn: 0, pages: 1 << 16 }],
    accesses: { pattern: 'random', startGfn: 0, pages: 20_000, seed: 3 },
  });
  it('keeps each path, its variant and the pattern, over the first pages, and steps', () => {
    for (const row of rows) {
      const { scenario, mode, cut } = steppablePath(row);
      expect(cut).toBe(true);
      expect(parseScenario(JSON.parse(JSON.stringify(scenario))).ok).toBe(true);
      expect(scenario.mmu).toBe(row.scenario.mmu);
      expect(scenario.backing).toBe(row.scenario.backing);
      expect(scenario.accesses).toEqual({ pattern: 'random', startGfn: 0, pages: STEP_PAGES, seed: 3 });
      expect(mode).toBe(row.id === 'legacy-buggy' ? 'buggy' : 'fixed');
      const t = buildTimeline(scenario, mode === 'buggy' ? 'buggy' : 'fixed');
      expect(t.ok).toBe(true);
    }
  });
});
