/** How long one step lasts at 1× (the store's BASE_STEP_MS; the viz layer does not import state). */
export const STEP_MS_AT_1X = 200;
/** Share of a step the transition may take, so it settles before the next step starts. */
const TRANSITION_SHARE = 0.8;

/**
 * One loop step's transition, in ms: 160 ms at 1× (the design's 150–250 ms), at most 250 ms when
 * slowed down, and always shorter than the step itself, so at 2× (100 ms steps) and 4× (50 ms
 * steps) a tween never runs into the next step's.
 */
export function stepTransitionMs(speed = 1, reducedMotion = false): number {
  if (reducedMotion) return 0;
  const stepMs = STEP_MS_AT_1X / Math.max(0.25, speed);
  return Math.round(Math.min(250, stepMs * TRANSITION_SHARE));
}

export function easeOutCubic(t: number): number {
  const u = 1 - Math.min(1, Math.max(0, t));
  return 1 - u * u * u;
}

export interface Clock {
  now(): number;
  frame(cb: () => void): number;
  cancel(id: number): void;
}

const browserClock: Clock = {
  now: () => performance.now(),
  frame: (cb) => requestAnimationFrame(cb),
  cancel: (id) => cancelAnimationFrame(id),
};

/**
 * Drives a number from `from` to `to` over `ms`, calling onFrame with eased values and finally
 * exactly `to`. Returns a cancel function. With ms = 0 (reduced motion) it jumps at once.
 */
export function tweenNumber(
  from: number,
  to: number,
  ms: number,
  onFrame: (value: number) => void,
  clock: Clock = browserClock,
): () => void {
  if (ms <= 0 || from === to) {
    onFrame(to);
    return () => {};
  }
  // A straight line between two numbers. (d3-interpolate's interpolateNumber is this, but importing
  // it brought d3-color with it into the first frame's chunk: 4 KiB gzipped for one multiply-add.)
  const lerp = (t: number) => from + (to - from) * t;
  const t0 = clock.now();
  let id = 0;
  const tick = () => {
    const t = (clock.now() - t0) / ms;
    if (t >= 1) {
      onFrame(to);
      return;
    }
    onFrame(lerp(easeOutCubic(t)));
    id = clock.frame(tick);
  };
  id = clock.frame(tick);
  return () => clock.cancel(id);
}

let reducedMotionQuery: MediaQueryList | null | undefined;

/**
 * The user's reduced-motion choice, live. The query list is made once: `matchMedia` parses its
 * query on every call, and this is read on every rendered step.
 */
export function prefersReducedMotion(): boolean {
  if (reducedMotionQuery === undefined)
    reducedMotionQuery =
      typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  return reducedMotionQuery?.matches ?? false;
}
