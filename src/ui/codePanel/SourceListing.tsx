import { memo, useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { Step } from '../../engine/steps.ts';
import { listingFor, rowInListing } from '../../engine/sourceListing.ts';
import type { ListedLine, Listing } from '../../engine/sourceListing.ts';
import type { MmuKind, Variant } from '../../engine/types.ts';

/**
 * The listing of one variant. Both variants draw every line so the patch's lines keep their place;
 * a line the variant lacks is greyed and struck through, and the diff gutter marks the patch's
 * two changes in both. Shadow paging shows its own paging_tmpl.h blocks (see listingFor).
 */
export function SourceListing({
  variant,
  kernel,
  step,
  mmu = 'legacy',
}: {
  variant: Variant;
  /** The kernel version whose code to draw; default the variant's short form. */
  kernel?: string;
  step: Step | null;
  mmu?: MmuKind;
}) {
  const listing = listingFor(mmu, kernel ?? variant);
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
  }, [current, variant, kernel, mmu]);

  return (
    <div className="code-source">
      {listing.blocks.map((_, b) => (
        <SourceBlock
          key={b}
          listing={listing}
          block={b}
          current={lines[current]?.block === b ? current : -1}
          currentRef={currentRef}
        />
      ))}
    </div>
  );
}

interface SourceBlockProps {
  listing: Listing;
  block: number;
  /** The current row when it is in this block, else -1: a step re-renders at most two blocks. */
  current: number;
  currentRef: RefObject<HTMLLIElement | null>;
}

/** One function of the listing, its name and file above its lines. */
const SourceBlock = memo(function SourceBlock({ listing, block, current, currentRef }: SourceBlockProps) {
  const head = listing.blocks[block];
  return (
    <div className="code-block">
      <div className="code-block-head">
        <span className="code-fn">{head?.fn}</span>
        <span className="code-file">{head?.file}</span>
      </div>
      <ol className="code-listing">
        {listing.lines.map((line, row) =>
          line.block === block ? (
            <SourceLine
              key={row}
              line={line}
              isCurrent={row === current}
              lineRef={row === current ? currentRef : undefined}
            />
          ) : null,
        )}
      </ol>
    </div>
  );
});

interface SourceLineProps {
  line: ListedLine;
  isCurrent: boolean;
  lineRef: RefObject<HTMLLIElement | null> | undefined;
}

/**
 * One line, memoised: the listing has about a hundred lines of several elements each, and
 * without this every step would hand React all of them to compare and commit.
 */
const SourceLine = memo(function SourceLine({ line, isCurrent, lineRef }: SourceLineProps) {
  const cls = [
    'code-line',
    isCurrent ? 'is-current' : '',
    line.greyed ? 'is-greyed' : '',
    line.diff === '+' ? 'is-add' : line.diff === '-' ? 'is-del' : '',
  ].join(' ');
  return (
    <li ref={lineRef} className={cls} aria-current={isCurrent ? 'step' : undefined}>
      <span className="code-gutter" aria-hidden={!line.diff}>
        {line.diff ?? ''}
      </span>
      <span className="code-text">
        {line.greyed && <span className="visually-hidden">(not in this version) </span>}
        {line.text}
      </span>
    </li>
  );
});
