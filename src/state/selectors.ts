import type { VariantFrame } from '../engine/timeline.ts';
import type { Variant } from '../engine/types.ts';
import type { AppState } from './types.ts';

// Declared once at module level so components subscribe with stable selector identities.

/** Index of the access on screen (0 before the first frame). */
export function currentAccess(s: AppState): number {
  const f = s.frame;
  return f?.buggy?.step?.accessIndex ?? f?.fixed?.step?.accessIndex ?? 0;
}

export const selectScenario = (s: AppState) => s.scenario;
export const selectMode = (s: AppState) => s.mode;
export const selectFrame = (s: AppState) => s.frame;
export const selectProblem = (s: AppState) => s.problem;
export const selectClickMode = (s: AppState) => s.clickMode;

/** The variants shown, in screen order. */
export function shownVariants(s: AppState): Variant[] {
  return s.mode === 'compare' ? ['buggy', 'fixed'] : [s.mode];
}

export function frameOf(s: AppState, v: Variant): VariantFrame | null {
  return s.frame?.[v] ?? null;
}

/**
 * The tick on screen: the frame's, once it has arrived. Controls read this rather than the
 * requested tick so a key press changes nothing in the DOM until the new frame lands: a DOM
 * change right after input makes Chromium render a frame before it runs the worker's reply,
 * which costs a whole frame interval per step.
 */
export function shownTick(s: AppState): number {
  return s.frame?.tick ?? s.tick;
}

export const selectTransport = (s: AppState) => {
  const tick = shownTick(s);
  return {
    tick,
    count: s.axis?.count ?? 0,
    playing: s.playing,
    speed: s.speed,
    atStart: tick <= 0,
    atEnd: tick >= (s.axis?.count ?? 1) - 1,
    hasPrevFault: (s.axis?.faultTicks ?? []).some((t) => t < tick),
    hasNextFault: (s.axis?.faultTicks ?? []).some((t) => t > tick),
  };
};

export const selectTransportActions = (s: AppState) => ({
  step: s.step,
  fault: s.fault,
  home: s.home,
  end: s.end,
  reset: s.reset,
  togglePlay: s.togglePlay,
  seek: s.seek,
  setSpeed: s.setSpeed,
});

export const selectAxis = (s: AppState) => s.axis;
export const selectPreset = (s: AppState) => ({ presetId: s.presetId, loadPreset: s.loadPreset });
