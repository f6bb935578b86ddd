import { listingFor, rowInListing } from '../../engine/sourceListing.ts';
import type { Step } from '../../engine/steps.ts';
import type { MmuKind, Variant } from '../../engine/types.ts';

/**
 * The one line of pseudo-C the step executes, with its function: the code panel in one line, from
 * the listing of the side's own kernel (v3.7's code, not 5.15's, when v3.7 is compared).
 */
export function EmbedCodeLine({
  mmu,
  variant,
  kernel,
  name,
  step,
}: {
  mmu: MmuKind;
  /** The side (left/right slot), for its colour. */
  variant: Variant;
  /** The side's kernel ("3.7", "5.15"). */
  kernel: string;
  /** The side's name in the accessible label: "buggy", or "v3.7". */
  name: string;
  step: Step | null;
}) {
  const listing = listingFor(mmu, kernel);
  const row = step ? rowInListing(listing, step.line) : -1;
  const line = listing.lines[row];
  const fn = line ? listing.blocks[line.block]?.fn : undefined;
  return (
    <p className={`embed-code-line is-${variant}`} aria-label={`Current line — ${name}`}>
      {line ? (
        <>
          <code className={`embed-code-text${line.diff === '+' ? ' is-add' : ''}`}>{line.text.trim()}</code>
          <span className="embed-code-fn">{fn}</span>
        </>
      ) : (
        <span className="embed-code-fn">before the first access</span>
      )}
    </p>
  );
}
