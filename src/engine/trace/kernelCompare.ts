import type { FaultDetail } from '../types.ts';
import type { KernelBehaviour, ParsedTrace, SetSpteRecord } from './types.ts';

/** The models a trace's kernel can be compared with. */
export type ModelName = 'buggy' | 'fixed' | 'tdp';

/**
 * The model that does what the traced kernel did: the legacy MMU before or after c6cecc4b9324, or
 * the TDP MMU for a kernel that prefetched nothing (its model prefetches nothing either, whatever
 * the reason was); null when the trace cannot tell.
 */
export function comparedModel(behaviour: KernelBehaviour | undefined): ModelName | null {
  if (behaviour === 'legacy-before-fix') return 'buggy';
  if (behaviour === 'legacy-after-fix') return 'fixed';
  if (behaviour === 'no-prefetch') return 'tdp';
  return null;
}

export interface KernelComparison {
  /** 4 KiB GFNs the traced kernel installed with the accessed bit clear. */
  kernelPrefetched: number;
  /** GFNs the model's successful batches installed. */
  modelPrefetched: number;
  agree: number;
  onlyKernel: number;
  onlyModel: number;
  /** The first few GFNs of each disagreement, in the order the kernel and the model installed them. */
  onlyKernelExamples: number[];
  onlyModelExamples: number[];
}

const EXAMPLES = 5;

/** GFNs the kernel prefetched: 4 KiB set_spte events read as prefetched (see SetSpteRecord). */
export function kernelPrefetchedGfns(setSptes: readonly SetSpteRecord[]): Set<number> {
  const out = new Set<number>();
  for (const s of setSptes) if (s.prefetched && s.level === 1) out.add(s.gfn);
  return out;
}

/** GFNs the model prefetched: the installed prefix of every successful batch. */
export function modelPrefetchedGfns(faults: readonly FaultDetail[]): Set<number> {
  const out = new Set<number>();
  for (const f of faults) {
    for (const c of f.calls) {
      if (c.result !== 0) continue;
      for (let g = c.start; g < c.start + c.installed; g++) out.add(g);
    }
  }
  return out;
}

function difference(a: Set<number>, b: Set<number>): { count: number; examples: number[] } {
  let count = 0;
  const examples: number[] = [];
  for (const g of a) {
    if (b.has(g)) continue;
    count++;
    if (examples.length < EXAMPLES) examples.push(g);
  }
  return { count, examples };
}

/**
 * Which GFNs the traced kernel prefetched against which the model prefetched on the same fault
 * stream (modelFaults: a detail run of the replay: buggy, fixed or TDP). Compared as sets of GFNs,
 * so the order of installs and a GFN prefetched twice (after a zap) do not matter.
 */
export function compareWithKernel(
  parsed: Pick<ParsedTrace, 'setSptes'>,
  modelFaults: readonly FaultDetail[],
): KernelComparison {
  const kernel = kernelPrefetchedGfns(parsed.setSptes);
  const model = modelPrefetchedGfns(modelFaults);
  const onlyKernel = difference(kernel, model);
  const onlyModel = difference(model, kernel);
  return {
    kernelPrefetched: kernel.size,
    modelPrefetched: model.size,
    agree: kernel.size - onlyKernel.count,
    onlyKernel: onlyKernel.count,
    onlyModel: onlyModel.count,
    onlyKernelExamples: onlyKernel.examples,
    onlyModelExamples: onlyModel.examples,
  };
}
