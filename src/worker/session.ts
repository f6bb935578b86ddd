import { sideKernels } from '../engine/kernelVersion.ts';
import { parseScenario, parseScenarioText } from '../engine/scenario.ts';
import { tickForAccess, tickMap } from '../engine/ticks.ts';
import type { TickMap, ViewMode } from '../engine/ticks.ts';
import { buildTimeline, frameAt } from '../engine/timeline.ts';
import type { Timeline, VariantFrame } from '../engine/timeline.ts';
import { SPTES_PER_TABLE } from '../engine/types.ts';
import type { Scenario } from '../engine/types.ts';
import type { Axis, ErrorReply, FrameReply, LoadedReply, ModeReply, ValidatedReply } from './protocol.ts';

function problem(path: string, message: string): ErrorReply {
  return { type: 'error', problem: { path, message } };
}

function axisOf(map: TickMap): Axis {
  return { mode: map.mode, count: map.count, faultTicks: map.faultTicks, accessTicks: map.accessTicks };
}

/**
 * Validates a scenario and builds both sides' timelines, or says why it cannot. The sides are
 * the kernels sideKernels() names: 5.15 | 5.16 unless the scenario names its kernels.
 */
function build(value: unknown): { scenario: Scenario; buggy: Timeline; fixed: Timeline } | ErrorReply {
  const parsed = parseScenario(value);
  if (!parsed.ok) return problem(parsed.error.path, parsed.error.message);
  const scenario = parsed.value;
  const sides = sideKernels(scenario);
  const buggy = buildTimeline(scenario, sides.buggy);
  if (!buggy.ok) return problem('$.accesses', buggy.message);
  const fixed = buildTimeline(scenario, sides.fixed);
  if (!fixed.ok) return problem('$.accesses', fixed.message);
  if (buggy.timeline.steps.length === 0) return problem('$.accesses', 'must hold at least one access');
  return { scenario, buggy: buggy.timeline, fixed: fixed.timeline };
}

/**
 * What the worker holds: one scenario's two timelines and the tick map of the current mode.
 * Pure and synchronous so it is testable in Node; engine.worker.ts only routes messages here.
 * A failed load leaves the previous scenario in place.
 */
export class EngineSession {
  private buggy: Timeline | null = null;
  private fixed: Timeline | null = null;
  private map: TickMap | null = null;

  load(value: Scenario, mode: ViewMode, tick: number): LoadedReply | ErrorReply {
    const built = build(value);
    if ('type' in built) return built;
    this.buggy = built.buggy;
    this.fixed = built.fixed;
    this.map = tickMap(built.buggy, built.fixed, mode);
    return {
      type: 'loaded',
      scenario: built.scenario,
      axis: axisOf(this.map),
      tick: Math.max(0, Math.min(tick, this.map.count - 1)),
      totals: { buggy: built.buggy.totals, fixed: built.fixed.totals },
    };
  }

  setMode(mode: ViewMode, fromTick: number): ModeReply | ErrorReply {
    if (!this.buggy || !this.fixed || !this.map) return problem('$', 'no scenario loaded');
    const old = this.map;
    const access = this.accessAt(fromTick);
    const offset = Math.max(0, fromTick - (old.accessTicks[access] ?? 0));
    this.map = tickMap(this.buggy, this.fixed, mode);
    // Same access, and as far into it as the new axis allows: switching mid-walk keeps the place.
    const first = tickForAccess(this.map, access);
    const last = (this.map.accessTicks[access + 1] ?? this.map.count) - 1;
    return { type: 'mode', axis: axisOf(this.map), tick: Math.min(first + offset, last) };
  }

  frame(tick: number): FrameReply | ErrorReply {
    const map = this.map;
    if (!this.buggy || !this.fixed || !map) return problem('$', 'no scenario loaded');
    const t = Math.max(0, Math.min(tick, map.count - 1));
    const b = map.pairs[2 * t] ?? -1;
    const f = map.pairs[2 * t + 1] ?? -1;
    const buggy = map.mode === 'fixed' ? null : frameAt(this.buggy, b);
    const fixed = map.mode === 'buggy' ? null : frameAt(this.fixed, f);
    return { type: 'frame', tick: t, buggy, fixed, diff: buggy && fixed ? diffCodes(buggy, fixed) : null };
  }

  /** Parses imported text and checks it fits step mode, without replacing the loaded scenario. */
  validate(text: string): ValidatedReply | ErrorReply {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) return problem(parsed.error.path, parsed.error.message);
    // A file may hold a list of scenarios (the CLI's batch format); the visualizer shows the first.
    const first = Array.isArray(parsed.value) ? parsed.value[0] : parsed.value;
    const built = build(first);
    if ('type' in built) return built;
    return { type: 'validated', scenario: built.scenario };
  }

  private accessAt(tick: number): number {
    const map = this.map!;
    const t = Math.max(0, Math.min(tick, map.count - 1));
    const b = map.pairs[2 * t] ?? -1;
    const f = map.pairs[2 * t + 1] ?? -1;
    const step = b >= 0 ? this.buggy!.steps[b] : f >= 0 ? this.fixed!.steps[f] : undefined;
    return step?.accessIndex ?? 0;
  }
}

/** Both frames show the same access, hence the same table; mark the entries that differ. */
export function diffCodes(a: VariantFrame, b: VariantFrame): Uint8Array {
  const out = new Uint8Array(SPTES_PER_TABLE);
  if (a.tableBase !== b.tableBase) return out.fill(1);
  for (let i = 0; i < SPTES_PER_TABLE; i++) out[i] = a.codes[i] === b.codes[i] ? 0 : 1;
  return out;
}
