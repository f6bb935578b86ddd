import { describe, expect, it } from 'vitest';
import { PRESETS, presetById } from './presets.ts';
import { runScenario } from './run.ts';
import { parseScenario } from './scenario.ts';
import { buildTimeline } from './timeline.ts';

describe('presets', () => {
  it('are all valid scenarios with unique ids', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) expect(parseScenario(p.scenario), p.id).toMatchObject({ ok: true });
  });

  it('shadow, scattered GFNs: one fault fills the other 7 entries one by one, then 7 hits', () => {
    const r = runScenario(presetById('shadow-scattered')!.scenario);
    expect(r.totals).toMatchObject({
      pfFixed: 1,
      prefetched: 7,
      prefetchCalls: 7,
      failedCalls: 0,
      prefetchHits: 7,
    });
  });

  it('shadow, not-accessed guest PTE: the walk stops at 12, which faults later', () => {
    const t = buildTimeline(presetById('shadow-not-accessed')!.scenario, 'fixed');
    if (!t.ok) throw new Error(t.message);
    const faults = t.timeline.steps.filter((s) => s.kind === 'fault').map((s) => s.gfn);
    expect(faults).toEqual([8, 12]);
    const failed = t.timeline.steps.filter((s) => s.kind === 'gpte-visit' && s.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ entryGfn: 12, reason: 'gpte-not-accessed' });
  });

  it('shadow, guest paging off: the direct walk, so the old code drops the trailing run', () => {
    const s = presetById('shadow-paging-off')!.scenario;
    const buggy = runScenario({ ...s, variant: 'buggy' }).totals;
    const fixed = runScenario({ ...s, variant: 'fixed' }).totals;
    expect(buggy).toMatchObject({ pfFixed: 64, prefetched: 0 });
    expect(fixed).toMatchObject({ pfFixed: 8, prefetched: 56 });
  });
});
