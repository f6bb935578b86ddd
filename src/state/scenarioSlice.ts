import { accessSequence } from '../engine/accessOrder.ts';
import { presetById } from '../engine/presets.ts';
import type { GfnRange, Scenario } from '../engine/types.ts';
import { currentAccess } from './selectors.ts';
import type { ScenarioSlice, SliceCreator } from './types.ts';

export const createScenarioSlice: SliceCreator<ScenarioSlice> = (set, get, engine) => ({
  scenario: null,
  presetId: null,
  totals: null,
  problem: null,

  async loadScenario(s, opts = {}) {
    const { mode, tick } = get();
    const r = await engine.load(s, mode, tick);
    if (r.type === 'error') {
      set({ problem: { ...r.problem, source: opts.source ?? 'edit' } });
      return false;
    }
    const target = opts.at
      ? opts.at(r.axis)
      : opts.access !== undefined
        ? (r.axis.accessTicks[opts.access] ?? 0)
        : r.tick;
    set({
      scenario: r.scenario,
      totals: r.totals,
      axis: r.axis,
      problem: null,
      ...(opts.presetId !== undefined ? { presetId: opts.presetId } : {}),
    });
    get().seek(target);
    return true;
  },

  loadPreset(id, opts = {}) {
    const p = presetById(id);
    if (!p) return Promise.resolve(false);
    get().pause();
    return get().loadScenario(p.scenario, { presetId: id, access: 0, ...opts });
  },

  async importText(text) {
    const r = await engine.validate(text);
    if (r.type === 'error') {
      set({ problem: { ...r.problem, source: 'import' } });
      return false;
    }
    get().pause();
    return get().loadScenario(r.scenario, { presetId: null, access: 0, source: 'import' });
  },

  togglePresent(gfn) {
    const s = get().scenario;
    if (!s) return Promise.resolve(false);
    return get().loadScenario({ ...s, present: toggleInRanges(s.present, gfn) }, { presetId: null });
  },

  faultNext(gfn) {
    const s = get().scenario;
    if (!s) return Promise.resolve(false);
    const list = accessList(s.accesses);
    const at = currentAccess(get()) + 1;
    list.splice(at, 0, gfn);
    get().pause();
    return get().loadScenario({ ...s, accesses: list }, { presetId: null, access: at });
  },

  clearProblem() {
    set({ problem: null });
  },
});

/** An access pattern as an explicit list, so single accesses can be inserted. */
export function accessList(a: Scenario['accesses']): number[] {
  if (Array.isArray(a)) return [...a];
  const seq = accessSequence(a);
  return Array.from({ length: seq.count }, (_, i) => seq.at(i));
}

/** Adds gfn to, or removes it from, a list of inclusive ranges; the result is sorted and merged. */
export function toggleInRanges(ranges: readonly GfnRange[], gfn: number): GfnRange[] {
  const inside = ranges.some(([lo, hi]) => gfn >= lo && gfn <= hi);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of ranges) {
    if (inside && gfn >= lo && gfn <= hi) {
      if (lo <= gfn - 1) out.push([lo, gfn - 1]);
      if (gfn + 1 <= hi) out.push([gfn + 1, hi]);
    } else out.push([lo, hi]);
  }
  if (!inside) out.push([gfn, gfn]);
  out.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
