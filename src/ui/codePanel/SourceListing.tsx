import { memo, useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { Step } from '../../engine/steps.ts';
import { listingFor, rowInListing } from '../../engine/sourceListing.ts';
import type { ListedLine, Listing } from '../../engine/sourceListing.ts';
import type { MmuKind, Variant } from '../../engine/types.ts';

/** The other side's position, marked in the listing too (compare mode). */
export interface OtherMark {
  variant: Variant;
  /** Its kernel version ("4.13"); default the variant's short form. */
  kernel?: string;
  step: Step | null;
  /** Its label on the mark: "buggy", "fixed", or a version ("v4.13") for two chosen kernels. */
  tag: string;
}

/**
 * The listing of one variant. Both variants draw every line so the patch's lines keep their place;
 * a line the variant lacks is greyed and struck through, and the diff gutter marks the patch's
 * two changes in both. Shadow paging shows its own paging_tmpl.h blocks (see listingFor).
 *
 * With `other` (compare mode) the other variant's current line is marked as well, and each mark
 * carries its variant's name: where the two part (the trailing run, `break` against `return`),
 * both lines are on screen at once.
 */
export function SourceListing({
  variant,
  kernel,
  step,
  mmu = 'legacy',
  other,
  ownTag,
}: {
  variant: Variant;
  /** The kernel version whose code to draw; default the variant's short form. */
  kernel?: string;
  step: Step | null;
  mmu?: MmuKind;
  other?: OtherMark;
  /** This side's label on its mark (compare mode). */
  ownTag?: string;
}) {
  const listing = listingFor(mmu, kernel ?? variant);
  const lines = listing.lines;
  const current = step ? rowInListing(listing, step.line) : -1;
  const otherRow = other?.step
    ? otherRowIn(listing, listingFor(mmu, other.kernel ?? other.variant), other.step)
    : -1;
  const tags =
    other && ownTag !== undefined
      ? { own: { tag: ownTag, variant }, other: { tag: other.tag, variant: other.variant } }
      : null;
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
          otherRow={lines[otherRow]?.block === b ? otherRow : -1}
          tags={tags}
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
  /** The other variant's current row when it is in this block, else -1. */
  otherRow: number;
  /** Whose marks these are, to label them (compare mode); null labels nothing. */
  tags: Tags | null;
  currentRef: RefObject<HTMLLIElement | null>;
}

/** One function of the listing, its name and file above its lines. */
const SourceBlock = memo(function SourceBlock({
  listing,
  block,
  current,
  otherRow,
  tags,
  currentRef,
}: SourceBlockProps) {
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
              isOther={row === otherRow}
              tag={tags ? tagFor(row === current, row === otherRow, tags) : null}
              lineRef={row === current ? currentRef : undefined}
            />
          ) : null,
        )}
      </ol>
    </div>
  );
});

interface Tags {
  own: { tag: string; variant: Variant };
  other: { tag: string; variant: Variant };
}

/**
 * The other side's current line in this listing. Two sides of one kernel pair draw the same rows
 * (only greying differs), so its row is this listing's row; a different kernel's listing may not
 * line up, and then the line is found by its id here (greyed or not: the other side may be on a
 * line this side lacks, such as the buggy `break`).
 */
function otherRowIn(listing: Listing, theirs: Listing, step: Step): number {
  const r = rowInListing(theirs, step.line);
  const aligned = theirs.lines.length === listing.lines.length && listing.lines[r]?.id === step.line;
  return aligned ? r : listing.lines.findIndex((l) => l.id === step.line);
}

/** The label beside a marked line: whose current line it is (both sides' when they agree). */
function tagFor(own: boolean, other: boolean, tags: Tags): { text: string; cls: string } | null {
  if (own && other) return { text: 'both', cls: 'both' };
  if (own) return { text: tags.own.tag, cls: tags.own.variant };
  if (other) return { text: tags.other.tag, cls: tags.other.variant };
  return null;
}

interface SourceLineProps {
  line: ListedLine;
  isCurrent: boolean;
  /** The other variant's current line (compare mode). */
  isOther: boolean;
  /** The mark's label ('buggy', 'fixed', 'both' or a version) and its colour's class, or null. */
  tag: { text: string; cls: string } | null;
  lineRef: RefObject<HTMLLIElement | null> | undefined;
}

/**
 * One line, memoised: the listing has about a hundred lines of several elements each, and
 * without this every step would hand React all of them to compare and commit.
 */
const SourceLine = memo(function SourceLine({ line, isCurrent, isOther, tag, lineRef }: SourceLineProps) {
  const cls = [
    'code-line',
    isCurrent ? 'is-current' : '',
    isOther && !isCurrent ? 'is-other-current' : '',
    tag ? 'is-tagged' : '',
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
      {tag && (
        <span className={`code-tag is-${tag.cls}`}>
          <span className="visually-hidden">current line: </span>
          {tag.text}
        </span>
      )}
    </li>
  );
});
