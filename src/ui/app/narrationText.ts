import type { Step } from '../../engine/steps.ts';
import type { WalkView } from '../../engine/timeline.ts';
import type { Variant } from '../../engine/types.ts';
import type { FrameReply } from '../../worker/protocol.ts';

type Narrate = (step: Step, variant: Variant, walk: WalkView) => string;

/**
 * One sentence per step. In compare mode both variants usually do the same thing, so one
 * sentence serves; where they part (the trailing run, a failed batch) each gets its own.
 */
export function narrationText(frame: FrameReply | null, narrate: Narrate): string {
  if (!frame) return '';
  // Each side narrates with its own kernel's variant: two chosen versions may both predate the fix.
  const b = frame.buggy?.step ? narrate(frame.buggy.step, frame.buggy.variant, frame.buggy.walk) : null;
  const f = frame.fixed?.step ? narrate(frame.fixed.step, frame.fixed.variant, frame.fixed.walk) : null;
  if (b !== null && f !== null) {
    if (b === f) return b;
    const k = (v: typeof frame.buggy) => v?.kernel;
    const defaultPair = k(frame.buggy) === '5.15' && k(frame.fixed) === '5.16';
    return defaultPair
      ? `Before the fix: ${b} After the fix: ${f}`
      : `v${k(frame.buggy)}: ${b} v${k(frame.fixed)}: ${f}`;
  }
  return b ?? f ?? '';
}
