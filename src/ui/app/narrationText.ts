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
  const b = frame.buggy?.step ? narrate(frame.buggy.step, 'buggy', frame.buggy.walk) : null;
  const f = frame.fixed?.step ? narrate(frame.fixed.step, 'fixed', frame.fixed.walk) : null;
  if (b !== null && f !== null) return b === f ? b : `Before the fix: ${b} After the fix: ${f}`;
  return b ?? f ?? '';
}
