import { describe, expect, it } from 'vitest';
import { presetById } from '../../engine/presets.ts';
import { guestTableView } from '../../engine/shadow/guestTables.ts';
import { buildTimeline, frameAt } from '../../engine/timeline.ts';
import type { Timeline } from '../../engine/timeline.ts';
import { guestEntryLabel, guestWindow } from './guestWindow.ts';

function timeline(id: string): Timeline {
  const s = presetById(id)!.scenario;
  const r = buildTimeline(s, 'fixed');
  if (!r.ok) throw new Error(r.message);
  return r.timeline;
}

function windowAt(t: Timeline, k: number) {
  const f = frameAt(t, k);
  return guestWindow(guestTableView(t.scenario.guest!, f.tableBase), f.tableBase, 8, f.walk);
}

describe('guestWindow', () => {
  it('draws arrows as the walk reaches entries, and stops at a not-accessed guest PTE', () => {
    const t = timeline('shadow-not-accessed');
    const failAt = t.steps.findIndex((s) => s.kind === 'gpte-visit' && s.outcome === 'failed');
    expect(failAt).toBeGreaterThan(0);
    // At the fault itself only the faulting entry's install is drawn.
    expect(windowAt(t, 0).map((e) => e.arrow)).toEqual(['fault', null, null, null, null, null, null, null]);
    // One step before the failure: 9–11 prefetched, 12 not reached yet.
    const before = windowAt(t, failAt - 1).map((e) => e.arrow);
    expect(before).toEqual(['fault', 'prefetched', 'prefetched', 'prefetched', null, null, null, null]);
    const at = windowAt(t, failAt);
    expect(at.map((e) => e.arrow)).toEqual([
      'fault',
      'prefetched',
      'prefetched',
      'prefetched',
      'failed',
      null,
      null,
      null,
    ]);
    expect(at[4]).toMatchObject({
      gva: 12,
      gfn: 4108,
      accessed: false,
      present: true,
      reason: 'gpte-not-accessed',
      current: true,
    });
    expect(guestEntryLabel(at[4]!)).toBe(
      'Guest PTE 12: maps GFN 0x100c, present, Accessed bit clear; prefetch failed (A clear), the walk stops',
    );
    // The next access is a prefetch hit: no fault, so no arrows.
    expect(windowAt(t, failAt + 1).every((e) => e.arrow === null)).toBe(true);
  });

  it('shows scattered GFNs and skips present entries', () => {
    const t = timeline('shadow-scattered');
    const first = windowAt(t, 0);
    expect(first.map((e) => e.gfn)).toEqual([515, 7, 1297, 18, 768, 68, 154, 496]);
    const end = windowAt(t, t.faultStarts[0]! + 9);
    expect(end.map((e) => e.arrow)).toEqual(['fault', ...Array(7).fill('prefetched')]);
  });

  it('has no guest PTE where no range covers the page', () => {
    const t = timeline('shadow-scattered');
    const f = frameAt(t, 0);
    const view = guestTableView({ paging: true, pageTables: [{ gvaPage: 0, pages: 4, gfn: 100 }] }, 0);
    const w = guestWindow(view, 0, 0, f.walk);
    expect(w[3]!.gfn).toBe(103);
    expect(w[4]).toMatchObject({ gfn: null, present: false });
    expect(guestEntryLabel(w[4]!)).toBe('Guest PTE 4: none (not present)');
  });
});
