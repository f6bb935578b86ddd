import type { Machine, MachineMark } from './machine.ts';
import type { Step } from './steps.ts';
import type { Totals } from './types.ts';

/** Steps between marks: a backward seek replays at most this many steps after undoing. */
export const MARK_EVERY = 64;

/**
 * One machine that moves to any step of a timeline, forwards by applying steps and backwards by
 * undoing the changes they recorded. It replaces a full copy of every table at each checkpoint:
 * memory is the tables touched plus a few bytes per step, whatever the number of tables (a copy
 * per checkpoint cost checkpoints x tables, gigabytes for a few thousand scattered accesses).
 *
 * Every MARK_EVERY steps it keeps a mark (positions in the machine's change record) and the totals
 * there. Going back to step k undoes the changes to the last mark at or before k, restores that
 * mark's totals, then applies the steps up to k. Steps are deterministic, so re-applying a step
 * records the same changes it recorded the first time, and every mark stays valid.
 */
export class StepHistory {
  private readonly marks: MachineMark[] = [];
  private readonly totals: Totals[] = [];
  /** The machine holds the state after steps [0, at). */
  private at = 0;

  /** `machine` is fresh (no step applied yet); it starts recording here. */
  constructor(
    private readonly machine: Machine,
    private readonly steps: readonly Step[],
  ) {
    machine.recordChanges();
    this.keepMark();
  }

  /** Called while building, after each step has been applied to the machine and pushed. */
  stepped(): void {
    this.at++;
    if (this.at % MARK_EVERY === 0) this.keepMark();
  }

  /** The machine after steps [0, upto). Read it, never change it: it is the history's own. */
  seek(upto: number): Machine {
    const m = this.machine;
    const target = Math.max(0, Math.min(upto, this.steps.length));
    if (target < this.at) {
      const c = Math.floor(target / MARK_EVERY);
      m.undoTo(this.marks[c]!);
      Object.assign(m.totals, this.totals[c]!);
      this.at = c * MARK_EVERY;
    }
    while (this.at < target) m.applyStep(this.steps[this.at++]!);
    return m;
  }

  /** Bytes held besides the tables and the steps: the change record and the marks. */
  get bytes(): number {
    return this.machine.recordBytes + this.marks.length * 80;
  }

  private keepMark(): void {
    this.marks.push(this.machine.mark());
    this.totals.push({ ...this.machine.totals });
  }
}
