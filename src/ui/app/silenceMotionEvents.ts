/**
 * CSS transition and animation events the app never listens to. React listens to every one of
 * them at its root, so each transition a step starts (a cell's fill, a marker's slide: up to
 * fifty on a new access, across both SPTE pages) would run React's event dispatch twice, inside
 * the frame that paints the step.
 */
export const MOTION_EVENTS = [
  'transitionrun',
  'transitionstart',
  'transitionend',
  'transitioncancel',
  'animationstart',
  'animationiteration',
  'animationend',
  'animationcancel',
] as const;

/**
 * Stops the motion events at the window, in the capture phase, before React's root listeners
 * see them. Returns a function that lets them through again. A component that needs one of these
 * events must remove its type here first.
 */
export function silenceMotionEvents(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>) {
  const stop = (e: Event) => e.stopImmediatePropagation();
  for (const type of MOTION_EVENTS) target.addEventListener(type, stop, { capture: true });
  return () => {
    for (const type of MOTION_EVENTS) target.removeEventListener(type, stop, { capture: true });
  };
}
