import { memo } from 'react';
import type { Totals } from '../../engine/types.ts';
import { formatCount, formatDelta } from '../../viz/format.ts';
import './counters.css';

export interface CountersProps {
  totals: Totals;
  /** The other variant's totals: each row then shows this variant's difference from it. */
  other?: Totals;
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

/** Per-variant counters with thousands separators; with `other`, the difference beside each. */
export function Counters({ totals, other, label, shadowWalk = false }: CountersProps) {
  return (
    <dl className="counters" aria-label={`Counters — ${label}`}>
      {(shadowWalk ? SHADOW_COUNTER_ROWS : COUNTER_ROWS).map(({ key, name, hint }) => (
        <CounterRow
          key={key}
          name={name}
          hint={hint}
          value={totals[key]}
          delta={other ? totals[key] - other[key] : 0}
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
}: {
  name: string;
  hint: string;
  value: number;
  /** Difference from the other variant; 0 draws nothing. */
  delta: number;
}) {
  return (
    <div className="counters-row" title={hint}>
      <dt>{name}</dt>
      <dd>
        <span className="counters-value">{formatCount(value)}</span>
        {delta !== 0 && (
          <span className="counters-delta" aria-label={`${formatDelta(delta)} versus the other variant`}>
            {formatDelta(delta)}
          </span>
        )}
      </dd>
    </div>
  );
});
