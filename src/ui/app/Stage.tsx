import { useCallback } from 'react';
import type { SyntheticEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { VariantFrame } from '../../engine/timeline.ts';
import type { Scenario, Variant } from '../../engine/types.ts';
import { currentAccess, shownVariants } from '../../state/selectors.ts';
import { sidesOf } from '../../state/sides.ts';
import { useAppStore, useAppStoreApi } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { prefersReducedMotion, stepTransitionMs } from '../../viz/tween.ts';
import { LazyView } from './LazyView.tsx';
import { guestTablePart } from './parts.ts';
import { SourceColumn } from './SourceColumn.tsx';
import { NARROW_QUERY, useMedia } from './useMedia.ts';
import { useStageFit } from './useStageFit.ts';
import { Counters, SptePage } from './views.tsx';

const selectStage = (s: AppState) => ({
  presetId: s.presetId,
  frame: s.frame,
  scenario: s.scenario,
  variants: shownVariants(s).join(','),
  speed: s.speed,
  access: currentAccess(s),
});

const OTHER: Record<Variant, Variant> = { buggy: 'fixed', fixed: 'buggy' };

/**
 * The SPTE page(s) side by side, same scale and positions, then the code panel. On a desktop the
 * stage is fitted between the header and the dock (useStageFit), so the counters are never under
 * the dock. On a phone, compare mode puts the two windows one above the other, where the
 * difference is seen at once, then both overviews and counters side by side.
 */
export function Stage() {
  const { presetId, frame, scenario, variants, speed, access } = useAppStore(useShallow(selectStage));
  const api = useAppStoreApi();
  const narrow = useMedia(NARROW_QUERY);
  const fitRef = useStageFit(!narrow);
  const shown = variants.split(',') as Variant[];
  const compare = shown.length === 2;
  const guestPaging = scenario?.mmu === 'shadow' && scenario.guest?.paging === true;
  const transitionMs = stepTransitionMs(speed, prefersReducedMotion());

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

  const sides = sidesOf(scenario);
  // Two chosen kernels name each side by version ("v4.13"), in headings and accessible names.
  const sideOf = (v: Variant) =>
    sides.defaultPair ? undefined : { name: sides[v].short, title: sides[v].title };
  const page = (v: Variant, f: VariantFrame, sc: Scenario, part: 'all' | 'window' | 'overview') => (
    <SptePage
      frame={f}
      scenario={sc}
      label={v}
      side={sideOf(v)}
      diffMask={frame?.diff ?? null}
      onEntryClick={onEntryClick}
      transitionMs={transitionMs}
      part={part}
    />
  );
  // "vs fixed", or "vs v4.13" when two chosen kernels are compared.
  const nameOf = (v: Variant) => (sides.defaultPair ? v : sides[v].short);
  const otherLabelOf = (v: Variant) => nameOf(OTHER[v]);
  const counters = (v: Variant, f: VariantFrame) => {
    const other = compare ? frame?.[OTHER[v]] : null;
    return (
      <Counters
        totals={f.totals}
        {...(other ? { other: other.totals, otherLabel: otherLabelOf(v) } : {})}
        label={nameOf(v)}
        shadowWalk={guestPaging}
      />
    );
  };
  const guestTable = (f: VariantFrame, sc: Scenario) =>
    sc.mmu === 'shadow' && (
      <LazyView part={guestTablePart}>
        {/* Drawn as on a slide: fewer words in larger type. The drawing is as wide as its
            column, and the small type it had was 5–8 px on screen at 1440×900 and on a phone. */}
        {(m) => <m.GuestTable frame={f} scenario={sc} transitionMs={transitionMs} large />}
      </LazyView>
    );
  const loading = <p className="loading">Loading the engine…</p>;
  const split = narrow && compare;

  return (
    // The data attributes say which frame is on screen, for scripts that drive the page (e2e, bench).
    <div
      ref={fitRef}
      className={`stage stage-${compare ? 'compare' : 'single'}${split ? ' is-split' : ''}${
        guestPaging ? ' has-guest' : ''
      }`}
      data-frame-tick={frame?.tick ?? -1}
      data-access={access}
      data-preset={presetId ?? ''}
    >
      {guestPaging && compare && sides.defaultPair && (
        <p className="stage-note" role="note">
          Shadow paging never had the trailing bug: buggy and fixed walk the same way (FNAME(pte_prefetch)
          prefetches entry by entry, with no batch to drop).
        </p>
      )}
      {shown.map((v) => {
        const f = frame?.[v] ?? null;
        return (
          <div key={v} className={`variant-column variant-${v}`}>
            {f && scenario ? (
              <>
                {guestTable(f, scenario)}
                {page(v, f, scenario, split ? 'window' : 'all')}
                {!split && counters(v, f)}
              </>
            ) : (
              loading
            )}
          </div>
        );
      })}
      {split && scenario && (
        <div className="stage-split-rest">
          {shown.map((v) => {
            const f = frame?.[v] ?? null;
            return (
              f && (
                <div key={v} className={`split-cell variant-${v}`}>
                  <span className={`spte-variant-badge is-${f.variant}`}>{nameOf(v)}</span>
                  {page(v, f, scenario, 'overview')}
                  {counters(v, f)}
                </div>
              )
            );
          })}
        </div>
      )}
      <SourceColumn />
    </div>
  );
}
