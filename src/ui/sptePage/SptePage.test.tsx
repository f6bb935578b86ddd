import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildTimeline, frameAt } from '../../engine/timeline.ts';
import type { Scenario, Variant } from '../../engine/types.ts';
import { SptePage, windowFirstOf } from './SptePage.tsx';

const seed: Scenario = {
  mmu: 'legacy',
  variant: 'fixed',
  backing: '4k',
  adBits: true,
  memslots: [{ baseGfn: 0, pages: 4096 }],
  nonResident: [],
  present: [],
  accesses: [8, 9],
};

function frame(variant: Variant, k: number, s: Scenario = seed) {
  const r = buildTimeline(s, variant);
  if (!r.ok) throw new Error(r.message);
  return frameAt(r.timeline, k);
}

function labels(html: string, role: string): string[] {
  const re = new RegExp(`role="${role}"[^>]*?aria-label="([^"]*)"`, 'g');
  return [...html.matchAll(re)].map((m) => m[1]!);
}

describe('SptePage markup', () => {
  it('names the grid by variant and has 16 rows of 32 gridcells (four windows per row)', () => {
    const html = renderToStaticMarkup(<SptePage frame={frame('buggy', 10)} scenario={seed} label="buggy" />);
    expect(labels(html, 'grid')).toEqual(['SPTE page — buggy']);
    expect(html.match(/role="row"/g)).toHaveLength(16);
    expect(labels(html, 'gridcell')).toHaveLength(512);
    expect(labels(html, 'group')).toEqual(['Window 8–15 — buggy']);
  });
  it('shows the seed outcome: fixed prefetches 9–15, buggy none', () => {
    const fixed = labels(
      renderToStaticMarkup(<SptePage frame={frame('fixed', 11)} scenario={seed} label="fixed" />),
      'gridcell',
    );
    const buggy = labels(
      renderToStaticMarkup(<SptePage frame={frame('buggy', 10)} scenario={seed} label="buggy" />),
      'gridcell',
    );
    expect(fixed.filter((l) => /^SPTE \d+: prefetched/.test(l))).toHaveLength(7);
    expect(fixed[9]).toBe('SPTE 9: prefetched, GFN 0x9');
    expect(buggy.filter((l) => /^SPTE \d+: prefetched/.test(l))).toHaveLength(0);
    expect(buggy[8]).toBe('SPTE 8: faulting, GFN 0x8');
  });
  it('reads a prefetch hit as present, and the entry is no longer faulting after its fault', () => {
    const cells = labels(
      renderToStaticMarkup(<SptePage frame={frame('fixed', 12)} scenario={seed} label="fixed" />),
      'gridcell',
    );
    expect(cells[9]).toBe('SPTE 9: present (prefetch hit), GFN 0x9');
    expect(cells[8]).toBe('SPTE 8: present, GFN 0x8');
  });
  it('puts exactly one entry in the tab order', () => {
    const html = renderToStaticMarkup(<SptePage frame={frame('fixed', 3)} scenario={seed} label="fixed" />);
    expect(html.match(/role="gridcell" aria-label="[^"]*" tabindex="0"/g)).toHaveLength(1);
    expect(html.match(/tabindex="-1"/g)).toHaveLength(511);
  });
  it('draws the batch bracket and the dropped run', () => {
    expect(
      renderToStaticMarkup(<SptePage frame={frame('fixed', 11)} scenario={seed} label="fixed" />),
    ).toContain('installed 7');
    expect(
      renderToStaticMarkup(<SptePage frame={frame('buggy', 10)} scenario={seed} label="buggy" />),
    ).toContain('dropped');
  });
  it('rings the entries the diff mask marks', () => {
    const mask = new Uint8Array(512);
    mask[9] = 1;
    mask[10] = 1;
    const html = renderToStaticMarkup(
      <SptePage frame={frame('buggy', 10)} scenario={seed} label="buggy" diffMask={mask} />,
    );
    // One ring per marked entry in the overview and one in the large window.
    expect(html.match(/spte-diff-ring/g)).toHaveLength(4);
  });
});

describe('windowFirstOf', () => {
  it('follows the walk, then the access, then the first scenario access', () => {
    expect(windowFirstOf(frame('fixed', 1), seed)).toBe(8);
    expect(
      windowFirstOf(frame('fixed', -1, { ...seed, accesses: [517] }), { ...seed, accesses: [517] }),
    ).toBe(0);
    expect(windowFirstOf(frame('fixed', 0, { ...seed, accesses: [530] }), { ...seed, accesses: [530] })).toBe(
      16,
    );
  });
});
