import { describe, expect, it } from 'vitest';
import { runScenario } from './run.ts';
import { MAX_MEMSLOTS, parseScenario } from './scenario.ts';
import { buildTimeline } from './timeline.ts';

// The limits are promises too: what they accept must validate and run (issue 15's pinning list).

describe('exactly MAX_MEMSLOTS memslots', () => {
  // 512 one-table slots with a one-page gap between them, and one access per slot.
  const memslots = Array.from({ length: MAX_MEMSLOTS }, (_, i) => ({ baseGfn: i * 1024, pages: 512 }));
  const accesses = memslots.map((m) => m.baseGfn + 8);

  it('are accepted, in any order', () => {
    expect(MAX_MEMSLOTS).toBe(512);
    expect(parseScenario({ memslots, accesses }).ok).toBe(true);
    expect(parseScenario({ memslots: [...memslots].reverse(), accesses }).ok).toBe(true);
    const more = [...memslots, { baseGfn: MAX_MEMSLOTS * 1024, pages: 1 }];
    expect(parseScenario({ memslots: more, accesses })).toMatchObject({
      ok: false,
      error: { path: '$.memslots', message: 'too many memslots: at most 512' },
    });
  });

  it('run in bulk and in step mode, a slot lookup per batch finding each one', () => {
    const r = parseScenario({ memslots, accesses });
    if (!r.ok) throw new Error(r.error.message);
    for (const variant of ['buggy', 'fixed'] as const) {
      const totals = runScenario({ ...r.value, variant }).totals;
      // Each access faults at entry 8 of its window; only the fixed variant prefetches 9–15.
      expect(totals).toMatchObject({
        accesses: 512,
        pfFixed: 512,
        prefetched: variant === 'fixed' ? 512 * 7 : 0,
      });
      const built = buildTimeline({ ...r.value, variant }, variant);
      if (!built.ok) throw new Error(built.message);
      expect(built.timeline.totals).toEqual(totals);
    }
  });
});
