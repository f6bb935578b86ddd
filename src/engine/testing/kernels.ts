import fc from 'fast-check';
import { resolveKernel } from '../kernelVersion.ts';
import type { KernelModel } from '../kernelVersion.ts';
import type { Step } from '../steps.ts';
import type { FaultDetail } from '../types.ts';

/**
 * Kernels the property tests run: every behaviour boundary of kernelVersion.ts with the release
 * on each side of it, the short forms, stable point releases and the newest code. Behaviour
 * depends only on KernelBehaviour's four flags, so these cover every combination history has.
 */
export const KERNELS_UNDER_TEST: readonly string[] = [
  '2.6.37',
  '3.7',
  '3.8',
  '4.12',
  '4.13',
  '5.5',
  '5.11',
  '5.12',
  '5.15',
  '5.15.139',
  '5.16',
  '6.4',
  '6.13',
  'buggy',
  'fixed',
];

export const kernelArb: fc.Arbitrary<KernelModel> = fc
  .constantFrom(...KERNELS_UNDER_TEST)
  .map((k) => resolveKernel(k));

/** Per-fault detail as step mode tells it, in the shape bulk mode reports (any MMU). */
export function stepDetail(steps: Iterable<Step>, shadow: boolean): FaultDetail[] {
  const out: FaultDetail[] = [];
  for (const st of steps) {
    if (st.kind === 'fault') {
      const f: FaultDetail =
        st.mapsGfn === undefined
          ? { ...(shadow ? { gva: st.gfn } : {}), gfn: st.gfn, ...(st.huge ? { huge: true } : {}), calls: [] }
          : { gva: st.gfn, gfn: st.mapsGfn, calls: [], prefetched: [] };
      if (st.accessTracked) f.accessTracked = true;
      out.push(f);
      continue;
    }
    const f = out[out.length - 1];
    if (!f) continue;
    if (st.kind === 'batch') f.calls.push(st.call);
    if (st.kind === 'early-return' && st.reason === 'invalidation') f.invalidation = true;
    if (st.kind === 'gpte-visit' && st.outcome === 'prefetched')
      f.prefetched!.push({ gva: st.entryGfn, gfn: st.entryMapsGfn! });
    if (st.kind === 'gpte-visit' && st.outcome === 'failed')
      f.failed = { gva: st.entryGfn, reason: st.reason! };
    if (st.kind === 'gpte-visit' && st.outcome === 'skipped')
      (f.skipped ??= []).push({ gva: st.entryGfn, reason: st.reason! });
  }
  return out;
}
