import { describe, expect, it } from 'vitest';
import { accessEnd, accessStart, faultOfAccess, firstFaultEnd } from './firstFrame.ts';

// Three accesses: a fault (ticks 0-11), a prefetch hit (12), a fault (13-20).
const axis = { mode: 'compare' as const, count: 21, accessTicks: [0, 12, 13], faultTicks: [0, 13] };

describe('the first frame and the fault of an access', () => {
  it('opens on the last tick of the first fault', () => {
    expect(firstFaultEnd(axis)).toBe(11);
    // A scenario whose first access does not fault: the end of the first one that does.
    expect(firstFaultEnd({ ...axis, faultTicks: [13] })).toBe(20);
    expect(firstFaultEnd({ ...axis, faultTicks: [] })).toBe(0);
  });
  it('finds the access around a tick', () => {
    expect(accessStart(axis, 7)).toBe(0);
    expect(accessEnd(axis, 7)).toBe(11);
    expect(accessStart(axis, 12)).toBe(12);
    expect(accessEnd(axis, 12)).toBe(12);
    expect(accessEnd(axis, 20)).toBe(20);
  });
  it('replays the fault of the access on screen, and none for an access that did not fault', () => {
    expect(faultOfAccess(axis, 11)).toEqual({ from: 0, to: 11 });
    expect(faultOfAccess(axis, 15)).toEqual({ from: 13, to: 20 });
    expect(faultOfAccess(axis, 12)).toBeNull();
  });
});
