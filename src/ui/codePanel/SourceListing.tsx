import { useEffect, useRef } from 'react';
import type { Step } from '../../engine/steps.ts';
import { listingFor, rowInListing } from '../../engine/sourceListing.ts';
import type { MmuKind, Variant } from '../../engine/types.ts';

/**
 * The listing of one variant. Both variants draw every line so the patch's lines keep their place;
 * a line the variant lacks is greyed and struck through, and the diff gutter marks the patch's
 * two changes in both. Shadow paging shows its own paging_tmpl.h blocks (see listingFor).
 */
export function SourceListing({
  variant,
  step,
  mmu = 'legacy',
}: {
  variant: Variant;
  step: Step | null;
  mmu?: MmuKind;
}) {
  const listing = listingFor(mmu, variant);
  const lines = listing.lines;
  const current = step ? rowInListing(listing, step.line) : -1;
  const currentRef = useRef<HTMLLIElement>(null);

  useEffect(() => {
    // Keep the current line visible inside the panel without scrolling the page. Visibility is
    // asked of an IntersectionObserver, which answers after the browser's own layout: reading
    // offsetTop here would force a synchronous layout on every step.
    const el = currentRef.current;
    const box = el?.closest('.code-body');
    if (!el || !box) return;
    const io = new IntersectionObserver(
      ([entry]) => {
        io.disconnect();
        if (!entry || entry.intersectionRatio >= 1) return;
        box.scrollTo({ top: el.offsetTop - box.clientHeight / 3, behavior: 'auto' });
      },
      { root: box, threshold: 1 },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [current, variant, mmu]);

  return (
    <div className="code-source">
      {listing.blocks.map((block, b) => (
        <div key={b} className="code-block">
          <div className="code-block-head">
            <span className="code-fn">{block.fn}</span>
            <span className="code-file">{block.file}</span>
          </div>
          <ol className="code-listing">
            {lines.map((line, row) => {
              if (line.block !== b) return null;
              const isCurrent = row === current;
              const cls = [
                'code-line',
                isCurrent ? 'is-current' : '',
                line.greyed ? 'is-greyed' : '',
                line.diff === '+' ? 'is-add' : line.diff === '-' ? 'is-del' : '',
              ].join(' ');
              return (
                <li
                  key={row}
                  ref={isCurrent ? currentRef : undefined}
                  className={cls}
                  aria-current={isCurrent ? 'step' : undefined}
                >
                  <span className="code-gutter" aria-hidden={!line.diff}>
                    {line.diff ?? ''}
                  </span>
                  <span className="code-text">
                    {line.greyed && <span className="visually-hidden">(not in this version) </span>}
                    {line.text}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </div>
  );
}
