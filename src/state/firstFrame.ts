import type { Axis } from '../worker/protocol.ts';

/**
 * The frame a newcomer sees first: the end of the default scenario's first fault, where the old
 * code has dropped the trailing run and the fix has installed it ("dropped" beside "installed 7"),
 * rather than step 1, where both sides look the same. The dock's "Watch this fault again" plays the
 * walk that led there. Only the app's plain address opens here; every link keeps its own step.
 */
export function firstFaultEnd(axis: Axis): number {
  const fault = axis.faultTicks[0];
  if (fault === undefined) return 0;
  return accessEnd(axis, fault);
}

/** The last tick of the access shown at `tick`. */
export function accessEnd(axis: Axis, tick: number): number {
  const next = axis.accessTicks.find((t) => t > tick);
  return Math.max(0, (next ?? axis.count) - 1);
}

/** The first tick of the access shown at `tick`. */
export function accessStart(axis: Axis, tick: number): number {
  let start = 0;
  for (const t of axis.accessTicks) {
    if (t > tick) break;
    start = t;
  }
  return start;
}

/**
 * The fault of the access shown at `tick`, as [first tick, last tick], or null when that access did
 * not fault (a prefetch hit, a present entry).
 */
export function faultOfAccess(axis: Axis, tick: number): { from: number; to: number } | null {
  const start = accessStart(axis, tick);
  const end = accessEnd(axis, tick);
  const fault = axis.faultTicks.find((t) => t >= start && t <= end);
  return fault === undefined ? null : { from: fault, to: end };
}
