import { resolveKernel } from './kernelVersion.ts';
import type { KernelArg, KernelModel } from './kernelVersion.ts';
import { directBlocks, shadowBlocks } from './sourceBlocks.ts';
import type { ListedLine, Listing, SourceBlock } from './sourceTypes.ts';
import type { LineId } from './steps.ts';
import type { MmuKind } from './types.ts';

/*
 * The code panel's text: our own pseudo-C, line for line with the kernel's functions (the direct
 * path in mmu.c: direct_map → direct_pte_prefetch → __direct_pte_prefetch →
 * direct_pte_prefetch_many; shadow paging in paging_tmpl.h), as they stood in the chosen kernel
 * version (sourceBlocks.ts). It is a paraphrase, not kernel source. Steps point at lines by id,
 * so the panel needs no knowledge of the algorithm.
 */
export type { ListedLine, Listing, SourceBlock, SourceLine } from './sourceTypes.ts';

/** The legacy (5.15 / 5.16) listing's blocks, as before versions existed. */
export const SOURCE_BLOCKS: readonly SourceBlock[] = directBlocks(resolveKernel('fixed').behaviour);

const listings = new Map<string, Listing>();

/**
 * The listing a kernel draws under an MMU: legacy and TDP show the direct blocks; shadow shows
 * paging_tmpl.h's blocks plus the direct walk it falls back to for a direct shadow page. Lines of
 * the other side of c6cecc4b9324 stay in, greyed. Listings are fixed data, built once per kernel
 * and shared: the code panel asks for one on every step.
 */
export function listingFor(mmu: MmuKind, kernelArg: KernelArg): Listing {
  const k: KernelModel = resolveKernel(kernelArg);
  // The TDP MMU's line only where there is one: from v5.10, or a scenario that runs it anyway.
  const tdpMmu = mmu === 'tdp' || k.tdpMmuDefault !== 'absent';
  const key = `${mmu === 'shadow' ? 'shadow' : 'direct'}:${tdpMmu ? 'tdp' : ''}:${k.label}`;
  const cached = listings.get(key);
  if (cached) return cached;
  const direct = directBlocks(k.behaviour, tdpMmu);
  const blocks = mmu === 'shadow' ? [...shadowBlocks(k.behaviour), ...direct.slice(2)] : direct;
  const lines: ListedLine[] = [];
  blocks.forEach((b, block) => {
    for (const l of b.lines)
      lines.push({ ...l, block, greyed: l.only !== undefined && l.only !== k.variant });
  });
  const listing = { kernel: k.label, blocks, lines };
  listings.set(key, listing);
  return listing;
}

/** The row of a step's line id in a listing (the first live line with that id), or -1. */
export function rowInListing(listing: Listing, id: LineId): number {
  return listing.lines.findIndex((l) => l.id === id && !l.greyed);
}

/** Lines of a kernel as drawn (legacy MMU), with the other variant's lines kept greyed. */
export function linesFor(kernel: KernelArg): readonly ListedLine[] {
  return listingFor('legacy', kernel).lines;
}

/** The row a step's line id lands on for a kernel (the first live line with that id), or -1. */
export function rowOf(kernel: KernelArg, id: LineId): number {
  return rowInListing(listingFor('legacy', kernel), id);
}
