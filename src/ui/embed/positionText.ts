import { stepOfTick } from '../../state/urlState.ts';

/** "step 4 of 12 · fault 1 of 2", with "· range 3–9" when the embed is locked to a range. */
export function positionText(c: {
  tick: number;
  lo: number;
  hi: number;
  count: number;
  fault: number;
  faults: number;
}): string {
  const whole = c.lo === 0 && c.hi === c.count - 1;
  const range = whole ? '' : ` · range ${stepOfTick(c.lo)}–${stepOfTick(c.hi)}`;
  const fault = c.faults > 0 ? ` · fault ${c.fault} of ${c.faults}` : '';
  return `step ${stepOfTick(c.tick)} of ${c.count}${range}${fault}`;
}
