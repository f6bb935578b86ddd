import { scaleLinear, scaleLog } from 'd3-scale';
import { format } from 'd3-format';

export type ScaleKind = 'log' | 'linear';

export interface BarScale {
  /** Bar length in user units for a count (0 for a count of 0 on the log scale). */
  length: (count: number) => number;
  /** Tick positions and labels (thousands separators), left to right. */
  ticks: Array<{ value: number; x: number; label: string }>;
}

const grouped = format(',');

/**
 * The chart's x scale over [0, width]. Log: from 1 to the power of ten at or above the largest
 * count, ticks at powers of ten only (in-between log ticks are noise on a slide); a count of 0
 * draws no bar and a count of 1 a hairline. Linear: from 0, d3's nice ticks.
 */
export function barScale(counts: readonly number[], width: number, kind: ScaleKind): BarScale {
  const max = Math.max(1, ...counts);
  if (kind === 'log') {
    const top = 10 ** Math.max(1, Math.ceil(Math.log10(max)));
    const s = scaleLog().domain([1, top]).range([0, width]).clamp(true);
    const ticks: BarScale['ticks'] = [];
    for (let v = 1; v <= top; v *= 10) ticks.push({ value: v, x: s(v), label: grouped(v) });
    return { length: (c) => (c <= 0 ? 0 : Math.max(1, s(c))), ticks };
  }
  const s = scaleLinear().domain([0, max]).nice(5).range([0, width]);
  return {
    length: (c) => s(Math.max(0, c)),
    ticks: s.ticks(5).map((v) => ({ value: v, x: s(v), label: grouped(v) })),
  };
}
