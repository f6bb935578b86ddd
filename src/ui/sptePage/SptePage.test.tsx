import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { presetById } from '../../engine/presets.ts';
import { buildTimeline, frameAt } from '../../engine/timeline.ts';
import type { Scenario, Variant } from '../../engine/types.ts';
import { SptePage, windowFirstOf } from './SptePage.tsx';
import { OverviewPicture } from './OverviewPicture.tsx';

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
  it('draws the overview as a named picture when asked (embeds): no 512 cells, the same story', () => {
    const html = renderToStaticMarkup(
      <SptePage
        frame={frame('fixed', 11)}
        scenario={seed}
        label="fixed"
        compact
        overviewPicture={OverviewPicture}
      />,
    );
    expect(labels(html, 'gridcell')).toHaveLength(0);
    expect(html).not.toContain('role="grid"');
    expect(labels(html, 'img')).toContain(
      'SPTE page — fixed: 512 entries, GFN 0x0–0x1ff. Faulting: 8. Prefetched (7): 9–15. ' +
        'Not present (504): 0–7, 16–511.',
    );
    expect(html).toContain('data-entries="512"');
    expect((html.match(/<path /g) ?? []).length).toBeLessThan(20);
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

describe('SptePage under shadow paging', () => {
  const notAccessed = presetById('shadow-not-accessed')!.scenario;
  const scattered = presetById('shadow-scattered')!.scenario;
  const pagingOff = presetById('shadow-paging-off')!.scenario;
  const render = (s: Scenario, variant: Variant, k: number) =>
    renderToStaticMarkup(<SptePage frame={frame(variant, k, s)} scenario={s} label={variant} />);

  it('says both variants walk the same way, not that the trailing run is dropped', () => {
    const html = render(notAccessed, 'buggy', 6);
    expect(html).toContain('shadow walk: the same in both variants');
    expect(html).not.toContain('trailing run dropped');
    // Guest paging off walks the direct way: the usual subtitle, and the window shows the drop.
    expect(render(pagingOff, 'buggy', 0)).toContain('up to v5.15</span>');
    expect(render(pagingOff, 'buggy', 0)).not.toContain('shadow walk');
  });
  it('labels entries as GVA pages with the GFN their guest PTE maps, keeping the aria names', () => {
    const html = render(notAccessed, 'fixed', 6);
    expect(labels(html, 'grid')).toEqual(['SPTE page — fixed']);
    expect(labels(html, 'group')).toEqual(['Window 8–15 — fixed']);
    const cells = labels(html, 'gridcell');
    expect(cells[9]).toBe('SPTE 9: prefetched, GVA page 0x9 → GFN 0x1009');
    expect(cells[12]).toBe('SPTE 12: not present, GVA page 0xc → GFN 0x100c');
    expect(labels(html, 'img')).toContain('Entry 9: prefetched, GVA page 0x9 → GFN 0x1009');
    // The window maps linearly (12 only differs in its flags), the page covers GVA pages.
    expect(html).toContain('GVA page 0x8–0xf → GFN 0x1008–0x100f');
    expect(html).toContain('GVA pages 0x0–0x1ff');
    expect(html).not.toMatch(/>GFN 0x/);
  });
  it('says when the window scatters its GFNs', () => {
    const html = render(scattered, 'fixed', 0);
    expect(html).toContain('GVA page 0x8–0xf → scattered GFNs');
    expect(labels(html, 'gridcell')[9]).toBe('SPTE 9: not present, GVA page 0x9 → GFN 0x7');
  });
  it('keeps GFNs when guest paging is off (GVA = GPA, direct shadow pages)', () => {
    const html = render(pagingOff, 'fixed', 0);
    expect(html).toContain('GFN 0x0–0x7');
    expect(labels(html, 'gridcell')[0]).toMatch(/^SPTE 0: faulting, GFN 0x0/);
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
