import type { CellState } from '../../viz/cellState.ts';
import { HOST_DIRTY_LOG, HOST_NO_SLOT, HOST_NOT_RESIDENT, HOST_READONLY } from '../../viz/hostInfo.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';

/** The most index ranges a group lists; beyond that it gives its count and number of runs. */
const MAX_RUNS = 6;

/** Order of the summary: what the step is about first, the empty rest last. */
const ORDER: ReadonlyArray<readonly [CellState, string]> = [
  ['faulting', 'faulting'],
  ['prefetched', 'prefetched'],
  ['tracked', 'prefetched, access-tracked'],
  ['hit', 'present (prefetch hit)'],
  ['present', 'present'],
  ['huge', '2M mapping'],
  ['not-present', 'not present'],
];

const HOST_ORDER: ReadonlyArray<readonly [number, string]> = [
  [HOST_NO_SLOT, 'no memslot'],
  [HOST_READONLY, 'read-only slot'],
  [HOST_DIRTY_LOG, 'dirty-logged slot'],
  [HOST_NOT_RESIDENT, 'host page not resident'],
];

/** "9–15", "8", or "0–7, 16–511"; "in 40 runs, the first 3–5, the last 500" when there are too many to read. */
function ranges(test: (index: number) => boolean, length: number): { count: number; text: string } {
  const runs: string[] = [];
  let count = 0;
  for (let i = 0; i < length; i++) {
    if (!test(i)) continue;
    let j = i;
    while (j + 1 < length && test(j + 1)) j++;
    runs.push(j === i ? `${i}` : `${i}–${j}`);
    count += j - i + 1;
    i = j;
  }
  const text =
    runs.length <= MAX_RUNS
      ? runs.join(', ')
      : `in ${runs.length} runs, the first ${runs[0]!}, the last ${runs[runs.length - 1]!}`;
  return { count, text };
}

/**
 * The accessible name of an overview drawn as a picture (OverviewPicture): every state and host
 * cue with the entries that have it, by index, e.g. "SPTE page — fixed: 512 entries, GFN 0x0–0x1ff.
 * Faulting: 8. Prefetched (7): 9–15. Not present (504): 0–7, 16–511." A screen reader hears what
 * the grid of the full app tells entry by entry, in one sentence.
 */
export function overviewSummary(
  name: string,
  addresses: string,
  states: readonly CellState[],
  host: TableHostInfo,
  diffMask: Uint8Array | null,
): string {
  const n = states.length;
  const parts = [`${name}: ${n} entries, ${addresses}.`];
  const group = (word: string, test: (i: number) => boolean) => {
    const { count, text } = ranges(test, n);
    if (count === 0) return;
    const head = word[0]!.toUpperCase() + word.slice(1);
    parts.push(count === 1 ? `${head}: ${text}.` : `${head} (${count}): ${text}.`);
  };
  for (const [state, word] of ORDER) group(word, (i) => (states[i] ?? 'not-present') === state);
  for (const [bit, word] of HOST_ORDER) group(word, (i) => ((host.flags[i] ?? 0) & bit) !== 0);
  if (diffMask) group('differs from the other side', (i) => diffMask[i] === 1);
  return parts.join(' ');
}
