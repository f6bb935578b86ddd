import { Fragment, memo } from 'react';
import type { Totals } from '../../engine/types.ts';
import { formatCount, formatDelta } from '../../viz/format.ts';
import './counters.css';

export interface CountersProps {
  totals: Totals;
  /** The other variant's totals: each row then shows this variant's difference from it. */
  other?: Totals;
  /** The other variant's name, which labels each difference ("−7 vs fixed"). */
  otherLabel?: string;
  label: string;
  /**
   * Shadow paging with guest paging on: FNAME(pte_prefetch) calls FNAME(prefetch_gpte) once per
   * entry it tries, so the call counters count entries, not batches.
   */
  shadowWalk?: boolean;
}

export const COUNTER_ROWS: ReadonlyArray<{ key: keyof Totals; name: string; hint: string }> = [
  { key: 'pfFixed', name: 'pf_fixed', hint: 'faults handled (vcpu->stat.pf_fixed)' },
  { key: 'prefetched', name: 'prefetched', hint: 'SPTEs installed by prefetch' },
  { key: 'prefetchCalls', name: 'batch calls', hint: 'direct_pte_prefetch_many() calls' },
  { key: 'failedCalls', name: 'failed batches', hint: 'calls that returned -1' },
  { key: 'prefetchHits', name: 'prefetch hits', hint: 'accesses served by a prefetched SPTE' },
];

/** The same counters under shadow paging's per-entry walk. */
export const SHADOW_COUNTER_ROWS: typeof COUNTER_ROWS = COUNTER_ROWS.map((r) =>
  r.key === 'prefetchCalls'
    ? { ...r, name: 'prefetch_gpte calls', hint: 'FNAME(prefetch_gpte)() calls, one per entry tried' }
    : r.key === 'failedCalls'
      ? { ...r, name: 'failed entries', hint: 'entries whose prefetch failed (the walk stops there)' }
      : r,
);

/**
 * Per-variant counters with thousands separators; with `other`, each row also shows its difference
 * from the other variant, labelled as such ("−7 vs fixed"): a bare "−7" reads as a change since
 * the last step.
 */
export function Counters({ totals, other, otherLabel = 'other', label, shadowWalk = false }: CountersProps) {
  return (
    <dl className={`counters${other ? ' has-delta' : ''}`} aria-label={`Counters — ${label}`}>
      {(shadowWalk ? SHADOW_COUNTER_ROWS : COUNTER_ROWS).map(({ key, name, hint }) => (
        <CounterRow
          key={key}
          name={name}
          hint={hint}
          value={totals[key]}
          delta={other ? totals[key] - other[key] : 0}
          vs={otherLabel}
        />
      ))}
    </dl>
  );
}

/** One counter; memoised, as most steps change none of them. */
const CounterRow = memo(function CounterRow({
  name,
  hint,
  value,
  delta,
  vs,
}: {
  name: string;
  hint: string;
  value: number;
  /** Difference from the other variant; 0 draws nothing. */
  delta: number;
  /** The other variant's name. */
  vs: string;
}) {
  return (
    <div className="counters-row" title={hint}>
      {/* A long kernel name may break after its underscore, never inside a word. */}
      <dt>
        {name.split('_').map((part, i) => (
          <Fragment key={i}>
            {i > 0 && (
              <>
                _<wbr />
              </>
            )}
            {part}
          </Fragment>
        ))}
      </dt>
      <dd>
        <span className="counters-value">{formatCount(value)}</span>
        {delta !== 0 && (
          <span className="counters-delta">
            {formatDelta(delta)} <span className="counters-vs">vs {vs}</span>
          </span>
        )}
      </dd>
    </div>
  );
});
