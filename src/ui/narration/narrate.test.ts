import { describe, expect, it } from 'vitest';
import { presetById } from '../../engine/presets.ts';
import { pagingOffScenario, shadowScenario } from '../../engine/testing/shadowScenarios.ts';
import { buildTimeline, frameAt } from '../../engine/timeline.ts';
import type { Scenario, Variant } from '../../engine/types.ts';
import { narrate } from './narrate.ts';

function scenario(over: Partial<Scenario> = {}): Scenario {
  return {
    mmu: 'legacy',
    variant: 'fixed',
    backing: '4k',
    adBits: true,
    memslots: [{ baseGfn: 0, pages: 4096 }],
    nonResident: [],
    present: [],
    accesses: [8],
    ...over,
  };
}

/** Every sentence of a scenario's walk, as the narration shows it step by step. */
function sentences(s: Scenario, variant: Variant): string[] {
  const r = buildTimeline(s, variant);
  if (!r.ok) throw new Error(r.message);
  return r.timeline.steps.map((step, k) => narrate(step, variant, frameAt(r.timeline, k).walk));
}

describe('narrate: the seed case (fault at 8, nothing present)', () => {
  it('opens a run at 9 and grows it', () => {
    const b = sentences(scenario(), 'buggy');
    expect(b).toContain('Entry 9 is not present and no run is open: a run starts here.');
    expect(b).toContain('Entry 10 is not present: the run from 9 grows.');
    expect(b).toContain('Entry 8 is the faulting entry and no run is open: continue.');
  });
  it('drops the trailing run before the fix', () => {
    expect(sentences(scenario(), 'buggy').at(-1)).toBe(
      'End of window with a run still open: the old code drops it.',
    );
  });
  it('prefetches it after the fix', () => {
    const f = sentences(scenario(), 'fixed');
    expect(f).toContain('End of window with a run open at 9: the fix prefetches the trailing run.');
    expect(f.at(-1)).toBe('Batch (9,16) installed 7 SPTEs, accessed bit clear.');
  });
});

describe('narrate: batches inside the window', () => {
  it('names the run closed by a present entry', () => {
    const f = sentences(scenario({ present: [[11, 11]] }), 'buggy');
    expect(f).toContain('Entry 11 is present: the run 9–10 is prefetched in one batch (9,11).');
    expect(f).toContain('Batch (9,11) installed 2 SPTEs, accessed bit clear.');
  });
  it('explains a failed batch and the break', () => {
    const b = sentences(scenario({ accesses: [12], nonResident: [[8, 8]] }), 'buggy');
    expect(b).toContain('Batch (8,12) failed: GFN 0x8 is not resident on the host. The walk stops (break).');
    expect(b.at(-1)).toBe('break leaves the loop: the rest of the window is not tried.');
    const f = sentences(scenario({ accesses: [12], nonResident: [[8, 8]] }), 'fixed');
    expect(f).toContain('Batch (8,12) failed: GFN 0x8 is not resident on the host. The walk stops (return).');
  });
  it('reports a partial batch as a success', () => {
    const f = sentences(scenario({ nonResident: [[11, 11]] }), 'fixed');
    expect(f.at(-1)).toBe(
      'Batch (9,16) installed 2 of 7 SPTEs (the rest is not resident), accessed bit clear.',
    );
  });
  it('uses entry indices, not GFNs, in a table other than the first', () => {
    const f = sentences(scenario({ accesses: [512 + 8] }), 'fixed');
    expect(f.at(-1)).toBe('Batch (9,16) installed 7 SPTEs, accessed bit clear.');
    expect(f[0]).toBe('Access to GFN 0x208 faults: KVM installs entry 8 (pf_fixed +1).');
  });
  it('names the memslot reasons', () => {
    const ro = sentences(scenario({ memslots: [{ baseGfn: 0, pages: 4096, readonly: true }] }), 'fixed');
    expect(ro.at(-1)).toBe(
      'Batch (9,16) failed: the memslot of GFN 0x9 is read-only. Nothing is prefetched.',
    );
    const cross = sentences(scenario({ memslots: [{ baseGfn: 0, pages: 13 }] }), 'fixed');
    expect(cross.at(-1)).toBe(
      'Batch (9,16) failed: the run crosses the end of its memslot. Nothing is prefetched.',
    );
  });
});

describe('narrate: no walk at all', () => {
  it('explains the early returns', () => {
    expect(sentences(scenario({ mmu: 'tdp' }), 'fixed').at(-1)).toBe('TDP MMU: no prefetch at all.');
    expect(sentences(scenario({ adBits: false }), 'fixed').at(-1)).toBe(
      'A/D bits are off for this shadow page: no prefetch.',
    );
    expect(sentences(scenario({ backing: '2m' }), 'fixed').at(-1)).toBe(
      '2 MiB mapping installed: no prefetch for a huge leaf.',
    );
  });
  it('reports a prefetch hit', () => {
    expect(sentences(scenario({ accesses: [8, 9] }), 'fixed').at(-1)).toBe(
      'GFN 0x9 was prefetched: this access is a prefetch hit, no fault.',
    );
  });
  it('has a sentence before the first access', () => {
    expect(narrate(null, 'buggy')).toMatch(/first access/);
  });
});

describe('narrate: shadow paging names GVA pages and GFNs apart', () => {
  // The guest maps GVA page n to GFN 0x1000 + n: a GVA page number is never a GFN here.
  const offset = (over: Partial<Scenario> = {}) =>
    shadowScenario({ memslots: [{ baseGfn: 0, pages: 8192 }], ...over }, [
      { gvaPage: 0, pages: 512, gfn: 0x1000 },
    ]);

  it('calls a prefetch hit by its GVA page and the GFN its guest PTE maps', () => {
    const f = sentences(offset({ accesses: [8, 10] }), 'fixed');
    expect(f.at(-1)).toBe(
      'The shadow SPTE of GVA page 0xa → GFN 0x100a was prefetched: this access is a prefetch hit, no fault.',
    );
    expect(f.join(' ')).not.toMatch(/\bGFN 0xa\b/);
  });
  it('names the fault by GVA page, with the GFN its guest PTE maps', () => {
    expect(sentences(offset({ accesses: [8] }), 'buggy')[0]).toBe(
      'Access to GVA page 0x8 faults: KVM shadows its guest PTE (→ GFN 0x1008) in entry 8 (pf_fixed +1).',
    );
  });
  it('says which GVA page an access to a present entry is', () => {
    expect(sentences(offset({ accesses: [8, 8] }), 'fixed').at(-1)).toBe(
      'Entry 8 (GVA page 0x8 → GFN 0x1008) is already present: the access does not fault.',
    );
  });
  it('mentions only GFNs the guest maps in the scattered preset, never a GVA page as a GFN', () => {
    const preset = presetById('shadow-scattered')!.scenario;
    const mapped = new Set((preset.guest?.pageTables ?? []).flatMap((r) => (r.pages === 1 ? [r.gfn] : [])));
    for (const v of ['buggy', 'fixed'] as const) {
      const text = sentences(preset, v).join(' ');
      expect(text).toContain('The shadow SPTE of GVA page 0xd → GFN 0x44 was prefetched');
      const gfns = [...text.matchAll(/GFN (0x[0-9a-f]+)/g)].map((m) => Number(m[1]));
      expect(gfns.length).toBeGreaterThan(0);
      for (const g of gfns) expect(mapped.has(g), `GFN ${g.toString(16)} is mapped by the guest`).toBe(true);
    }
  });
  it('keeps GFN wording with guest paging off, where GVA = GPA', () => {
    const f = sentences(pagingOffScenario({ accesses: [8, 9] }), 'fixed');
    expect(f[0]).toBe('Access to GFN 0x8 faults: KVM installs entry 8 (pf_fixed +1).');
    expect(f.at(-1)).toBe('GFN 0x9 was prefetched: this access is a prefetch hit, no fault.');
  });
});
