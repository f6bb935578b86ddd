import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, presetById } from '../engine/presets.ts';
import { EngineSession } from './session.ts';

describe('EngineSession', () => {
  it('loads a scenario into both timelines and answers the compare axis', () => {
    const s = new EngineSession();
    const r = s.load(DEFAULT_SCENARIO, 'compare', 0);
    expect(r.type).toBe('loaded');
    if (r.type !== 'loaded') return;
    expect(r.totals.buggy.pfFixed).toBe(24);
    expect(r.totals.fixed.pfFixed).toBe(3);
    expect(r.axis.accessTicks).toHaveLength(24);
    expect(r.axis.faultTicks[0]).toBe(0);
  });

  it('gives both frames and a diff mask of the entries that differ after the seed fault', () => {
    const s = new EngineSession();
    s.load(presetById('seed')!.scenario, 'compare', 0);
    const f = s.frame(1000);
    expect(f.type).toBe('frame');
    if (f.type !== 'frame') return;
    expect(f.tick).toBe(11);
    expect([...f.buggy!.codes.slice(8, 16)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect([...f.fixed!.codes.slice(8, 16)]).toEqual([1, 2, 2, 2, 2, 2, 2, 2]);
    expect([...f.diff!].reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('keeps the access when the mode changes', () => {
    const s = new EngineSession();
    const r = s.load(DEFAULT_SCENARIO, 'compare', 0);
    if (r.type !== 'loaded') throw new Error('load failed');
    const tick = r.axis.accessTicks[9]!;
    const m = s.setMode('buggy', tick + 2);
    expect(m.type).toBe('mode');
    if (m.type !== 'mode') return;
    const f = s.frame(m.tick);
    expect(f.type === 'frame' && f.buggy?.step?.accessIndex).toBe(9);
    expect(f.type === 'frame' && f.fixed).toBeNull();
  });

  it('keeps the place inside an access when the mode changes', () => {
    const s = new EngineSession();
    s.load(presetById('seed')!.scenario, 'compare', 0);
    // Compare tick 11 is the fixed variant's trailing batch; buggy has one step fewer (ends at 10).
    const toBuggy = s.setMode('buggy', 11);
    expect(toBuggy.type === 'mode' && toBuggy.tick).toBe(10);
    const toFixed = s.setMode('fixed', 4);
    expect(toFixed.type === 'mode' && toFixed.tick).toBe(4);
  });

  it('refuses a bad scenario with its path and keeps the loaded one', () => {
    const s = new EngineSession();
    s.load(DEFAULT_SCENARIO, 'compare', 0);
    const bad = s.load({ ...DEFAULT_SCENARIO, memslots: [{ baseGfn: 0, pages: -1 }] }, 'compare', 0);
    expect(bad.type).toBe('error');
    if (bad.type === 'error') expect(bad.problem.path).toBe('$.memslots[0].pages');
    const f = s.frame(0);
    expect(f.type === 'frame' && f.buggy?.step?.gfn).toBe(8);
  });

  it('validates imported text: bad JSON, a bad field, and a scenario too big for step mode', () => {
    const s = new EngineSession();
    const notJson = s.validate('{ nope');
    expect(notJson.type === 'error' && notJson.problem.path).toBe('$');
    const badField = s.validate(JSON.stringify({ ...DEFAULT_SCENARIO, backing: '1g' }));
    expect(badField.type === 'error' && badField.problem.path).toBe('$.backing');
    const big = s.validate(
      JSON.stringify({
        ...DEFAULT_SCENARIO,
        memslots: [{ baseGfn: 0, pages: 2 ** 22 }],
        accesses: { pattern: 'sequential', startGfn: 0, pages: 2 ** 20 },
      }),
    );
    expect(big.type === 'error' && big.problem.message).toMatch(/too many steps for step mode/);
    expect(s.validate(JSON.stringify(DEFAULT_SCENARIO)).type).toBe('validated');
  });
});
