import { listingFor, rowInListing } from '../../engine/sourceListing.ts';
import type { Step } from '../../engine/steps.ts';
import type { MmuKind, Variant } from '../../engine/types.ts';

/** The one line of pseudo-C the step executes, with its function: the code panel in one line. */
export function EmbedCodeLine({ mmu, variant, step }: { mmu: MmuKind; variant: Variant; step: Step | null }) {
  const listing = listingFor(mmu, variant);
  const row = step ? rowInListing(listing, step.line) : -1;
  const line = listing.lines[row];
  const fn = line ? listing.blocks[line.block]?.fn : undefined;
  return (
    <p className={`embed-code-line is-${variant}`} aria-label={`Current line — ${variant}`}>
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
