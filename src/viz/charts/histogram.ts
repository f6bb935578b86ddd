import { scaleBand, scaleLinear } from 'd3-scale';

/** Batch sizes a window walk can produce: 1..7 entries (the faulting entry is never batched). */
export const BATCH_SIZES = [1, 2, 3, 4, 5, 6, 7] as const;

export interface HistogramBar {
  series: string;
  size: number;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Grouped bars: one group per batch size, one bar per series inside it. */
export function histogramLayout(
  series: ReadonlyArray<{ key: string; sizes: ArrayLike<number> }>,
  width: number,
  height: number,
) {
  const x = scaleBand<number>()
    .domain([...BATCH_SIZES])
    .range([0, width])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const inner = scaleBand<string>()
    .domain(series.map((s) => s.key))
    .range([0, x.bandwidth()])
    .padding(0.08);
  let max = 0;
  for (const s of series) for (const size of BATCH_SIZES) max = Math.max(max, s.sizes[size] ?? 0);
  const y = scaleLinear()
    .domain([0, Math.max(1, max)])
    .range([height, 0])
    .nice();
  const bars: HistogramBar[] = [];
  for (const s of series) {
    for (const size of BATCH_SIZES) {
      const count = s.sizes[size] ?? 0;
      bars.push({
        series: s.key,
        size,
        count,
        x: (x(size) ?? 0) + (inner(s.key) ?? 0),
        y: y(count),
        width: inner.bandwidth(),
        height: height - y(count),
      });
    }
  }
  return { x, y, bars };
}
