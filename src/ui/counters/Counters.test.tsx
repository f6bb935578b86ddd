import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { emptyTotals } from '../../engine/types.ts';
import { Counters } from './Counters.tsx';

const names = (html: string) =>
  [...html.matchAll(/<dt>(.*?)<\/dt>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

describe('Counters', () => {
  const totals = { ...emptyTotals(), pfFixed: 1, prefetched: 3, prefetchCalls: 4, failedCalls: 1 };
  it('counts batches on the direct walk', () => {
    expect(names(renderToStaticMarkup(<Counters totals={totals} label="fixed" />))).toEqual([
      'pf_fixed',
      'prefetched',
      'batch calls',
      'failed batches',
      'prefetch hits',
    ]);
  });
  it("counts FNAME(prefetch_gpte) calls and failed entries on shadow paging's walk", () => {
    const html = renderToStaticMarkup(<Counters totals={totals} label="fixed" shadowWalk />);
    expect(names(html)).toEqual([
      'pf_fixed',
      'prefetched',
      'prefetch_gpte calls',
      'failed entries',
      'prefetch hits',
    ]);
    expect(html).toContain('aria-label="Counters — fixed"');
  });
  it('labels the difference from the other variant as such', () => {
    const other = { ...totals, prefetched: 10 };
    const html = renderToStaticMarkup(
      <Counters totals={totals} other={other} otherLabel="fixed" label="buggy" />,
    );
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('prefetched 3 −7 vs fixed');
    // Rows equal in both variants show no difference at all.
    expect(text).not.toContain('+0');
  });
});
