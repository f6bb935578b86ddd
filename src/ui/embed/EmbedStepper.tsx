import { useShallow } from 'zustand/react/shallow';
import type { Variant } from '../../engine/types.ts';
import { currentAccess, shownVariants } from '../../state/selectors.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { prefersReducedMotion, stepTransitionMs } from '../../viz/tween.ts';
import { narrationText } from '../app/narrationText.ts';
import { Narration, narrate } from '../app/views.tsx';
import { LazyView } from '../app/LazyView.tsx';
import { predictPart } from '../app/parts.ts';
import { EmbedColumn } from './EmbedColumn.tsx';

const selectEmbedStage = (s: AppState) => ({
  frame: s.frame,
  scenario: s.scenario,
  variants: shownVariants(s).join(','),
  speed: s.speed,
  access: currentAccess(s),
});
const selectNarration = (s: AppState) => narrationText(s.frame, narrate);
const selectPredictOn = (s: AppState) => s.predict.on;

/**
 * The stepping view for slides: the page(s) side by side, each with its line, then the quiz when
 * predict mode is on, then the narration.
 */
export function EmbedStepper() {
  const { frame, scenario, variants, speed, access } = useAppStore(useShallow(selectEmbedStage));
  const text = useAppStore(selectNarration);
  const predictOn = useAppStore(selectPredictOn);
  const shown = variants.split(',') as Variant[];
  const transitionMs = stepTransitionMs(speed, prefersReducedMotion());
  return (
    <>
      <div
        className={`stage embed-pages is-${shown.length === 2 ? 'compare' : 'single'}`}
        data-frame-tick={frame?.tick ?? -1}
        data-access={access}
      >
        {shown.map((v) => {
          const f = frame?.[v] ?? null;
          return f && scenario ? (
            <EmbedColumn
              key={v}
              variant={v}
              frame={f}
              scenario={scenario}
              diffMask={frame?.diff ?? null}
              transitionMs={transitionMs}
            />
          ) : (
            <p key={v} className="loading">
              Loading the engine…
            </p>
          );
        })}
      </div>
      {/* The quiz's code comes only with predict mode (a chunk of its own). */}
      {predictOn && <LazyView part={predictPart}>{(m) => <m.PredictPanel />}</LazyView>}
      <Narration text={text} />
    </>
  );
}
