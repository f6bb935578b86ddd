import { accessSequence } from '../engine/accessOrder.ts';
import { runScenario } from '../engine/run.ts';
import { scenarioSteps } from '../engine/stepWalk.ts';
import { MAX_TIMELINE_STEPS } from '../engine/timeline.ts';
import { comparedModel, compareWithKernel } from '../engine/trace/kernelCompare.ts';
import { traceToScenario } from '../engine/trace/traceScenario.ts';
import { TraceParser } from '../engine/trace/traceParser.ts';
import { traceFaultsProblem, traceSizeProblem } from '../engine/traceLimits.ts';
import type { ParsedTrace, TraceHardware } from '../engine/trace/types.ts';
import type { Memslot, Scenario, Variant } from '../engine/types.ts';
import type { KernelReport, ParseSummary, ReplayReport, ReplayScenario } from './traceProtocol.ts';

const clock = (): number => performance.now();

/** Reads a Blob as text chunks with their byte lengths; stops early once isCancelled() says so. */
export async function readBlobText(
  source: Blob,
  onText: (text: string, bytes: number) => void,
  isCancelled: () => boolean,
): Promise<void> {
  // A plain TextDecoder (not TextDecoderStream) so each chunk's byte length is known for progress;
  // { stream: true } keeps a UTF-8 sequence split across chunks intact.
  const decoder = new TextDecoder();
  const reader = source.stream().getReader();
  try {
    for (;;) {
      if (isCancelled()) return;
      const { done, value } = await reader.read();
      if (done) break;
      onText(decoder.decode(value, { stream: true }), value.byteLength);
    }
    onText(decoder.decode(), 0);
  } finally {
    if (isCancelled()) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export interface ParseRequest {
  source: Blob;
  name: string;
  vcpu: number | null;
  /** null: decided from the trace. */
  hardware: TraceHardware | null;
}

/**
 * What the trace worker holds: the last completed parse (its fault list can be millions long, so
 * it stays here) and the replays run on it. Pure apart from reading the Blob; Node-testable.
 */
export class TraceSession {
  private parsed: ParsedTrace | null = null;
  private name = '';
  private vcpu: number | null = null;

  /**
   * Parses a trace. A cancelled or faultless parse is reported but does not replace the trace
   * held from before, so replays keep working on it.
   */
  async parse(
    req: ParseRequest,
    onProgress: (bytes: number) => void,
    isCancelled: () => boolean,
  ): Promise<ParseSummary> {
    const tooLarge = traceSizeProblem(req.source.size);
    if (tooLarge) throw new Error(`the file is ${tooLarge}`);
    const t0 = clock();
    const parser = new TraceParser({
      vcpu: req.vcpu ?? undefined,
      hardware: req.hardware ?? undefined,
      onProgress,
      isCancelled,
    });
    await readBlobText(req.source, (text, bytes) => parser.push(text, bytes), isCancelled);
    if (isCancelled()) parser.cancel();
    const p = parser.finish();
    const ms = clock() - t0;
    if (!p.cancelled && p.faults > 0) {
      this.parsed = p;
      this.name = req.name;
      this.vcpu = req.vcpu;
    }
    const { gfns: _gfns, setSptes, ...counts } = p;
    return {
      ...counts,
      name: req.name,
      setSptes: setSptes.length,
      ms,
      vcpu: req.vcpu,
      hardwareChoice: req.hardware,
    };
  }

  /** The held trace as a scenario; throws (answered as an error) when nothing can be replayed. */
  private scenario(memslots: Memslot[]) {
    const parsed = this.parsed;
    if (!parsed) throw new Error('no trace with page faults is loaded');
    const replay = traceToScenario(parsed, memslots, {
      traceName: this.name,
      vcpu: this.vcpu ?? undefined,
      guestVirtual: parsed.hardware === 'shadow',
    });
    if (accessSequence(replay.scenario.accesses).count === 0) {
      const first = replay.outsideExamples[0];
      throw new Error(
        `all ${replay.outsideMemslots} faults lie outside the memslots (MMIO?)` +
          (first === undefined ? '' : `, e.g. GFN 0x${first.toString(16)}`) +
          ': choose memslots that cover the trace',
      );
    }
    return { parsed, ...replay };
  }

  /** pf_fixed, prefetched and hits for buggy, fixed and TDP; with set_spte lines, the kernel comparison. */
  replay(memslots: Memslot[]): ReplayReport {
    const t0 = clock();
    const { parsed, scenario, outsideMemslots, outsideExamples } = this.scenario(memslots);
    const tooMany = traceFaultsProblem(accessSequence(scenario.accesses).count);
    if (tooMany) throw new Error(tooMany);
    const compare = parsed.kernel !== null && parsed.hardware !== 'shadow';
    const buggy = runScenario({ ...scenario, variant: 'buggy' }, { detail: compare });
    const fixed = runScenario({ ...scenario, variant: 'fixed' }, { detail: compare });
    const tdp = runScenario({ ...scenario, mmu: 'tdp' }, { detail: compare });
    let kernel: KernelReport | null = null;
    if (parsed.kernel !== null) {
      kernel = {
        ...parsed.kernel,
        setSptes: parsed.setSptes.length,
        comparedWith: comparedModel(parsed.kernel.behaviour),
        models: compare
          ? {
              buggy: compareWithKernel(parsed, buggy.faults ?? []),
              fixed: compareWithKernel(parsed, fixed.faults ?? []),
              tdp: compareWithKernel(parsed, tdp.faults ?? []),
            }
          : null,
      };
    }
    return {
      memslots,
      accesses: accessSequence(scenario.accesses).count,
      outsideMemslots,
      outsideExamples,
      totals: { buggy: buggy.totals, fixed: fixed.totals, tdp: tdp.totals },
      stepAccesses: stepModeFit(scenario, MAX_TIMELINE_STEPS),
      kernel,
      ms: clock() - t0,
    };
  }

  /** The replay scenario: whole, or (fitStepMode) its longest prefix within maxSteps steps. */
  replayScenario(memslots: Memslot[], fitStepMode: boolean, maxSteps = MAX_TIMELINE_STEPS): ReplayScenario {
    const { scenario } = this.scenario(memslots);
    const all = scenario.accesses as number[];
    if (!fitStepMode) {
      const tooMany = traceFaultsProblem(all.length);
      if (tooMany) throw new Error(tooMany);
      return { scenario, accesses: all.length, totalAccesses: all.length };
    }
    const fit = stepModeFit(scenario, maxSteps);
    if (fit >= all.length) return { scenario, accesses: all.length, totalAccesses: all.length };
    const cut: Scenario = {
      ...scenario,
      name: `${(scenario.name ?? 'trace replay').replace(/: \d+ faults$/, '')}: first ${fit} of ${all.length} faults`,
      accesses: all.slice(0, fit),
    };
    return { scenario: cut, accesses: fit, totalAccesses: all.length };
  }
}

/** How many leading accesses both variants' step mode can hold. */
export function stepModeFit(scenario: Scenario, maxSteps: number): number {
  return Math.min(fittingAccesses(scenario, 'buggy', maxSteps), fittingAccesses(scenario, 'fixed', maxSteps));
}

/**
 * How many leading accesses step mode can show within maxSteps. Steps are generated lazily and
 * not kept; a prefix's steps are exactly the first steps of the whole run, so the first access
 * whose steps overflow is where to cut.
 */
export function fittingAccesses(scenario: Scenario, variant: Variant, maxSteps: number): number {
  let steps = 0;
  for (const step of scenarioSteps(scenario, variant)) {
    if (++steps > maxSteps) return step.accessIndex;
  }
  return accessSequence(scenario.accesses).count;
}
