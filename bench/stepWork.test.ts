import { describe, expect, it } from 'vitest';
import { samplesFrom } from './stepWork.ts';

const MAIN = { pid: 1, tid: 10 };
const COMPOSITOR = { pid: 1, tid: 20 };
const mark = (name: string, ts: number) => ({ name, ph: 'R', ts, ...MAIN, cat: 'blink.user_timing' });
const task = (name: string, ts: number, dur: number, where = MAIN) => ({ name, ph: 'X', ts, dur, ...where });
const instant = (name: string, ts: number) => ({ name, ph: 'I', ts, ...COMPOSITOR });

describe('step work from a trace', () => {
  it('ends a step at the commit of the first frame after the DOM change, and finds its draw', () => {
    const events = [
      { name: 'thread_name', ph: 'M', ts: 0, ...COMPOSITOR, args: { name: 'Compositor' } },
      mark('step-start-1', 1000),
      mark('step-dom-1', 3000),
      task('RunTask', 900, 600), // the key press, begun just before the mark: 0.5 ms counts
      task('RunTask', 1600, 300), // a frame for the key press itself ...
      task('Commit', 1700, 150), // ... whose commit comes before the DOM change: not the step's
      task('RunTask', 2000, 1200), // the worker's reply and React
      task('RunTask', 5000, 4000), // the frame painting the step ...
      task('Commit', 8000, 900), // ... committed at 8.9 ms
      task('RunTask', 10_000, 3000), // the next animation frame: not counted
      task('Commit', 12_000, 500),
      instant('ActivateLayerTree', 8500), // the previous frame's activation
      instant('DrawFrame', 11_000), // drawn before the step's frame is active
      instant('ActivateLayerTree', 12_000),
      instant('DrawFrame', 12_500),
    ];
    const [s, ...rest] = samplesFrom(events, 1);
    expect(rest).toEqual([]);
    expect(s!.workMs).toBeCloseTo(0.5 + 0.3 + 1.2 + 3.9, 6);
    expect(s!.paintedMs).toBeCloseTo(7.9, 6);
    expect(s!.drawnMs).toBeCloseTo(11.5, 6);
  });

  it('skips a step whose DOM change or frame is missing, and reports an undrawn frame as null', () => {
    const events = [
      mark('step-start-1', 1000),
      mark('step-start-2', 20_000),
      mark('step-dom-2', 21_000),
      task('RunTask', 22_000, 2000),
      task('Commit', 23_000, 1000),
    ];
    expect(samplesFrom(events, 2)).toEqual([{ workMs: 2, paintedMs: 4, drawnMs: null }]);
  });

  it('refuses a trace without the marks', () => {
    expect(() => samplesFrom([task('RunTask', 0, 1)], 1)).toThrow(/no step marks/);
  });
});
