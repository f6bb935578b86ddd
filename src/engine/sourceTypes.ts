import type { LineId } from './steps.ts';
import type { Variant } from './types.ts';

/*
 * The shapes of the code panel's text. Apart from sourceBlocks.ts (which writes the blocks) and
 * sourceListing.ts (which assembles and caches listings) so that both import these and neither
 * imports the other back.
 */

export interface SourceLine {
  id?: LineId;
  text: string;
  /** Only this variant has the line; the other shows it greyed. */
  only?: Variant;
  /** The patch's diff marker for the line: '-' removed by c6cecc4b9324, '+' added by it. */
  diff?: '-' | '+';
}

export interface SourceBlock {
  /** Kernel function the block paraphrases. */
  fn: string;
  /** Set on blocks only the shadow-paging listing has (see listingFor). */
  mmu?: 'shadow';
  file: string;
  lines: SourceLine[];
}

export type ListedLine = SourceLine & { block: number; greyed: boolean };

export interface Listing {
  /** The kernel the listing follows ("5.15", "2.6.37"). */
  kernel: string;
  blocks: readonly SourceBlock[];
  /** Every line in block order; `block` indexes `blocks`. */
  lines: readonly ListedLine[];
}
