import { faultOfAccess } from './firstFrame.ts';
import type { PlaybackSlice, SliceCreator } from './types.ts';

/** One loop step per this many milliseconds at 1× (the design's 150–250 ms). */
export const BASE_STEP_MS = 200;
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export const createPlaybackSlice: SliceCreator<PlaybackSlice> = (set, get, engine) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastAdvance = 0;
  /** Where a replay of one fault stops (see replayFault); null while playing to the end. */
  let stopAt: number | null = null;

  const stopTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  /*
   * Playing advances one tick at a time and only once the previous tick's frame is on screen, so
   * no step's frame is ever skipped, however slow the worker or fast the speed.
   */
  const schedule = () => {
    stopTimer();
    const { playing, speed, tick, axis, frame } = get();
    if (!playing || !axis || frame?.tick !== tick) return;
    if (tick >= Math.min(bounds().hi, stopAt ?? Number.MAX_SAFE_INTEGER)) {
      stopAt = null;
      set({ playing: false });
      return;
    }
    const wait = Math.max(0, BASE_STEP_MS / speed - (Date.now() - lastAdvance));
    timer = setTimeout(() => {
      timer = null;
      if (!get().playing) return;
      lastAdvance = Date.now();
      get().seek(get().tick + 1);
    }, wait);
  };

  /** The ticks playback may show: the whole axis, or the locked range within it. */
  const bounds = () => {
    const { axis, range } = get();
    const last = Math.max(0, (axis?.count ?? 1) - 1);
    if (!range) return { lo: 0, hi: last };
    const lo = Math.min(Math.max(0, range.from), last);
    return { lo, hi: Math.max(lo, Math.min(range.to, last)) };
  };

  const clamp = (t: number) => {
    const { lo, hi } = bounds();
    return Math.max(lo, Math.min(Math.round(t), hi));
  };

  /** A user's jump: playback stops, as a media player's does on a manual skip. */
  const jump = (t: number) => {
    get().pause();
    get().seek(t);
  };

  return {
    mode: 'compare',
    axis: null,
    tick: 0,
    frame: null,
    playing: false,
    speed: 1,
    range: null,

    async setMode(mode) {
      // The choice shows at once (radio buttons must not lag); the axis follows with the reply.
      set({ mode });
      const r = await engine.setMode(mode, get().tick);
      // Without a scenario the mode simply waits for the first load.
      if (r.type === 'error' || get().mode !== mode) return;
      set({ axis: r.axis });
      get().seek(r.tick);
    },

    seek(t) {
      const tick = clamp(t);
      set({ tick });
      void engine.frame(tick).then((r) => {
        if (!r || r.type !== 'frame') return;
        set({ frame: r });
        schedule();
      });
    },

    step(delta) {
      jump(get().tick + delta);
    },

    fault(delta) {
      const { axis, tick } = get();
      if (!axis) return;
      const ticks = axis.faultTicks;
      const target = delta > 0 ? ticks.find((t) => t > tick) : [...ticks].reverse().find((t) => t < tick);
      if (target !== undefined) jump(target);
      else jump(delta > 0 ? Number.MAX_SAFE_INTEGER : 0);
    },

    home() {
      jump(0);
    },

    end() {
      jump(Number.MAX_SAFE_INTEGER);
    },

    reset() {
      get().pause();
      set({ speed: 1 });
      get().seek(0);
    },

    play() {
      const { axis, tick } = get();
      if (!axis) return;
      stopAt = null;
      set({ playing: true });
      lastAdvance = 0;
      // At the end, play starts over rather than doing nothing.
      if (tick >= bounds().hi) get().seek(0);
      else schedule();
    },

    replayFault() {
      const { axis, tick } = get();
      const fault = axis ? faultOfAccess(axis, tick) : null;
      if (!fault) return;
      get().pause();
      // The walk from the fault's first step to its last, at the chosen speed, then a stop: the
      // frame the replay started from is on screen again.
      get().seek(fault.from);
      stopAt = fault.to;
      lastAdvance = Date.now();
      set({ playing: true });
    },

    pause() {
      stopTimer();
      stopAt = null;
      if (get().playing) set({ playing: false });
    },

    togglePlay() {
      if (get().playing) get().pause();
      else get().play();
    },

    setSpeed(speed) {
      set({ speed: Math.max(0.25, Math.min(4, speed)) });
      schedule();
    },

    setRange(range) {
      set({ range });
      get().seek(get().tick);
    },
  };
};
