import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

/** A point of a cumulative curve: accesses done so far, faults so far. */
export type CumulativePoint = readonly [accesses: number, faults: number];

/**
 * The cumulative fault curve from time buckets: access t lies in bucket floor(t * B / count), so
 * bucket i holds accesses [ceil(i * count / B), ceil((i + 1) * count / B)) and the curve after it
 * stands at ceil((i + 1) * count / B) accesses. Starts at (0, 0); exact at every bucket edge.
 */
export function cumulativePoints(buckets: ArrayLike<number>, accessCount: number): CumulativePoint[] {
  const n = buckets.length;
  const out: CumulativePoint[] = [[0, 0]];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += buckets[i]!;
    out.push([Math.ceil(((i + 1) * accessCount) / n), sum]);
  }
  return out;
}

export interface CumulativeScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** x: pages touched over [0, accessCount]; y: faults from 0 to the largest total, nicely rounded. */
export function cumulativeScales(
  accessCount: number,
  maxFaults: number,
  width: number,
  height: number,
): CumulativeScales {
  return {
    x: scaleLinear()
      .domain([0, Math.max(1, accessCount)])
      .range([0, width]),
    y: scaleLinear()
      .domain([0, Math.max(1, maxFaults)])
      .range([height, 0])
      .nice(),
  };
}

export function cumulativePath(points: readonly CumulativePoint[], s: CumulativeScales): string {
  return (
    line<CumulativePoint>()
      .x((p) => s.x(p[0]))
      .y((p) => s.y(p[1]))(points) ?? ''
  );
}
