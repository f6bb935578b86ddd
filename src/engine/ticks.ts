import { alignByAccess } from './timeline.ts';
import type { Timeline } from './timeline.ts';
import type { Variant } from './types.ts';

export type ViewMode = Variant | 'compare';

/**
 * The playback axis of a view mode. One tick is one step of the shown variant; in compare mode a
 * tick advances both variants in lockstep per access (see alignByAccess). pairs[2t] and
 * pairs[2t + 1] are the buggy and fixed step indices at tick t (-1 when that variant is not shown).
 */
export interface TickMap {
  mode: ViewMode;
  count: number;
  pairs: Int32Array;
  /** First tick of each fault of the shown variant(s), ascending, without duplicates. */
  faultTicks: number[];
  /** First tick of each access. */
  accessTicks: number[];
}

export function tickMap(buggy: Timeline, fixed: Timeline, mode: ViewMode): TickMap {
  if (mode === 'compare') {
    const pairs = alignByAccess(buggy, fixed);
    const count = pairs.length / 2;
    const accessTicks: number[] = [];
    const faultTicks: number[] = [];
    for (let t = 0; t < count; t++) {
      const b = pairs[2 * t]!;
      const f = pairs[2 * t + 1]!;
      const prevB = t > 0 ? pairs[2 * t - 2]! : -1;
      const prevF = t > 0 ? pairs[2 * t - 1]! : -1;
      const bs = buggy.steps[b]!;
      const fs = fixed.steps[f]!;
      const newAccess = t === 0 || bs.accessIndex !== buggy.steps[prevB]!.accessIndex;
      if (newAccess) accessTicks.push(t);
      const startsFault = (b !== prevB && bs.kind === 'fault') || (f !== prevF && fs.kind === 'fault');
      if (startsFault) faultTicks.push(t);
    }
    return { mode, count, pairs, faultTicks, accessTicks };
  }
  const t = mode === 'buggy' ? buggy : fixed;
  const count = t.steps.length;
  const pairs = new Int32Array(count * 2).fill(-1);
  for (let i = 0; i < count; i++) pairs[2 * i + (mode === 'buggy' ? 0 : 1)] = i;
  return { mode, count, pairs, faultTicks: [...t.faultStarts], accessTicks: [...t.accessStarts] };
}

/** The tick of another mode's map showing the same access, so switching modes keeps the place. */
export function tickForAccess(map: TickMap, accessIndex: number): number {
  return map.accessTicks[Math.max(0, Math.min(accessIndex, map.accessTicks.length - 1))] ?? 0;
}
