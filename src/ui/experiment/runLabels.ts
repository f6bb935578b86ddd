import { resolveKernel } from '../../engine/kernelVersion.ts';
import type { RunKind } from '../../engine/runKinds.ts';
import { RUN_STYLE } from '../../viz/charts/palette.ts';
import { DEFAULT_KERNELS } from '../../worker/experimentProtocol.ts';
import type { ExperimentKernels } from '../../worker/experimentProtocol.ts';

/** How the experiment names its runs: the seed's pair by the fix, any other pair by version. */
export interface RunNames {
  labels: Record<RunKind, string>;
  /** The seed's pair (5.15 | 5.16): the words speak of the fix. */
  defaultPair: boolean;
  /**
   * Said under the results when the pair is not the seed's: which of the pair has c6cecc4b9324,
   * and that nothing else in the history changes counts on this workload.
   */
  note: string | null;
}

const TDP_FROM = '5.10';

export function runNames(kernels: ExperimentKernels | undefined): RunNames {
  const k = kernels ?? DEFAULT_KERNELS;
  const defaultPair = k.buggy === DEFAULT_KERNELS.buggy && k.fixed === DEFAULT_KERNELS.fixed;
  if (defaultPair)
    return {
      labels: { buggy: RUN_STYLE.buggy.label, fixed: RUN_STYLE.fixed.label, tdp: RUN_STYLE.tdp.label },
      defaultPair,
      note: null,
    };
  const a = resolveKernel(k.buggy);
  const b = resolveKernel(k.fixed);
  const side = (x: typeof a) => `v${x.label} ${x.behaviour.trailingFix ? 'has' : 'predates'} it`;
  const same = a.behaviour.trailingFix === b.behaviour.trailingFix;
  const tdpMissing = a.tdpMmuDefault === 'absent' && b.tdpMmuDefault === 'absent';
  const note =
    `On this workload (legacy or TDP MMU, accessed bits on, no guest page tables, no invalidation) ` +
    `only c6cecc4b9324 (v5.16) changes the counts: every kernel before it counts like 5.15, every ` +
    `kernel from it like 5.16. ${side(a)}, ${side(b)}${same ? ', so both columns are the same' : ''}. ` +
    `The other changes in the history show under shadow paging, nested EPT without A/D bits or ` +
    `invalidations: step through them from the kernel history strip.` +
    (tdpMissing
      ? ` The TDP MMU column is for reference: neither kernel has one (it arrived in v${TDP_FROM}).`
      : '');
  return {
    labels: { buggy: `v${a.label}`, fixed: `v${b.label}`, tdp: RUN_STYLE.tdp.label },
    defaultPair,
    note,
  };
}
