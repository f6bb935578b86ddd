import { useCallback } from 'react';
import type { SyntheticEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Variant } from '../../engine/types.ts';
import { currentAccess, shownVariants } from '../../state/selectors.ts';
import { sidesOf } from '../../state/sides.ts';
import { useAppStore, useAppStoreApi } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { prefersReducedMotion, stepTransitionMs } from '../../viz/tween.ts';
import { GuestTable } from '../guestTable/GuestTable.tsx';
import { SourceColumn } from './SourceColumn.tsx';
import { Counters, SptePage } from './views.tsx';

const selectStage = (s: AppState) => ({
  presetId: s.presetId,
  frame: s.frame,
  scenario: s.scenario,
  variants: shownVariants(s).join(','),
  speed: s.speed,
  access: currentAccess(s),
});

/** The SPTE page(s) side by side, same scale and positions, then the code panel. */
export function Stage() {
  const { presetId, frame, scenario, variants, speed, access } = useAppStore(useShallow(selectStage));
  const api = useAppStoreApi();
  const shown = variants.split(',') as Variant[];
  const guestPaging = scenario?.mmu === 'shadow' && scenario.guest?.paging === true;

  // Stable, so the memoised cells it is handed to do not re-render on every step.
  const onEntryClick = useCallback(
    (_index: number, gfn: number, _ev: SyntheticEvent) => {
      const s = api.getState();
      // While the quiz asks, a click on an entry is a pick, not an edit of the scenario.
      if (s.predict.phase === 'asking') return s.togglePick(gfn);
      void (s.clickMode === 'fault' ? s.faultNext(gfn) : s.togglePresent(gfn));
    },
    [api],
  );

  return (
    // The data attributes say which frame is on screen, for scripts that drive the page (e2e, bench).
    <div
      className={`stage stage-${shown.length === 2 ? 'compare' : 'single'}`}
      data-frame-tick={frame?.tick ?? -1}
      data-access={access}
      data-preset={presetId ?? ''}
    >
      {guestPaging && shown.length === 2 && sidesOf(scenario).defaultPair && (
        <p className="stage-note" role="note">
          Shadow paging never had the trailing bug: buggy and fixed walk the same way (FNAME(pte_prefetch)
          prefetches entry by entry, with no batch to drop).
        </p>
      )}
      {shown.map((v) => {
        const f = frame?.[v] ?? null;
        const other = shown.length === 2 ? frame?.[v === 'buggy' ? 'fixed' : 'buggy'] : null;
        return (
          <div key={v} className={`variant-column variant-${v}`}>
            {f && scenario ? (
              <>
                {scenario.mmu === 'shadow' && (
                  <GuestTable
                    frame={f}
                    scenario={scenario}
                    transitionMs={stepTransitionMs(speed, prefersReducedMotion())}
                  />
                )}
                <SptePage
                  frame={f}
                  scenario={scenario}
                  label={v}
                  diffMask={frame?.diff ?? null}
                  onEntryClick={onEntryClick}
                  transitionMs={stepTransitionMs(speed, prefersReducedMotion())}
                />
                <Counters
                  totals={f.totals}
                  {...(other ? { other: other.totals } : {})}
                  label={v}
                  shadowWalk={guestPaging}
                />
              </>
            ) : (
              <p className="loading">Loading the engine…</p>
            )}
          </div>
        );
      })}
      <SourceColumn />
    </div>
  );
}
