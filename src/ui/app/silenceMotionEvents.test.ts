import { describe, expect, it } from 'vitest';
import { MOTION_EVENTS, silenceMotionEvents } from './silenceMotionEvents.ts';

describe('silenceMotionEvents', () => {
  it('stops every motion event before later listeners, and lets them through once undone', () => {
    const target = new EventTarget();
    const seen: string[] = [];
    const undo = silenceMotionEvents(target);
    for (const type of [...MOTION_EVENTS, 'click']) target.addEventListener(type, () => seen.push(type));
    for (const type of [...MOTION_EVENTS, 'click']) target.dispatchEvent(new Event(type));
    expect(seen).toEqual(['click']);
    undo();
    target.dispatchEvent(new Event('transitionend'));
    expect(seen).toEqual(['click', 'transitionend']);
  });
});
