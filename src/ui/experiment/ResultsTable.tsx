import type { Totals } from '../../engine/types.ts';
import { formatCount } from '../../viz/format.ts';
import { RUN_STYLE } from '../../viz/charts/palette.ts';
import { isSeedExperiment } from './experimentInput.ts';
import type { ExperimentResults } from './useExperimentRun.ts';

const ROWS: ReadonlyArray<{ key: keyof Totals; label: string; hint: string }> = [
  { key: 'pfFixed', label: 'pf_fixed', hint: 'page faults the MMU fixed (the kvm:pf_fixed count)' },
  { key: 'prefetched', label: 'prefetched', hint: 'SPTEs installed by prefetch' },
  {
    key: 'prefetchHits',
    label: 'prefetch hits',
    hint: 'prefetched SPTEs the guest touched later (no fault)',
  },
  { key: 'prefetchCalls', label: 'batch calls', hint: 'direct_pte_prefetch_many() calls' },
  { key: 'failedCalls', label: 'failed batches', hint: 'batch calls that returned -1' },
];

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : formatCount(Math.round(v)));

function factor(a: number, b: number): string {
  if (a === b) return '1×';
  if (b === 0) return a === 0 ? '—' : '∞';
  return `${(a / b).toFixed(a / b >= 10 ? 1 : 2)}×`;
}

/** Totals per run kind, the buggy/fixed reduction, and for the seed the seed's own figures. */
export function ResultsTable({ shown }: { shown: ExperimentResults }) {
  const { runs, results } = shown;
  const seed = isSeedExperiment(shown.built);
  const buggy = results.buggy?.totals;
  const fixed = results.fixed?.totals;
  const { labels, defaultPair, note } = shown.names;
  // "buggy / fixed", or the kernels compared ("v4.18 / v6.1").
  const ratio = defaultPair ? 'buggy / fixed' : `${labels.buggy} / ${labels.fixed}`;
  return (
    <section className="xp-results" aria-label="Results">
      {/* Wider than a phone: it scrolls sideways in its own box (reachable by Tab), not the page. */}
      <div className="xp-table-scroll" tabIndex={0} role="group" aria-label="Results table">
        <table className="xp-table">
          <caption>
            {shown.built.label !== undefined
              ? `${formatCount(results.buggy?.accessCount ?? 0)} faults of ${shown.built.label} replayed in trace order, each run in the experiment worker`
              : `${formatCount(results.buggy?.accessCount ?? 0)} pages touched, each run in the experiment worker`}
          </caption>
          <thead>
            <tr>
              <th scope="col">count</th>
              {runs.map((r) => (
                <th key={r} scope="col">
                  <span
                    className="xp-swatch"
                    style={{ background: RUN_STYLE[r].colour }}
                    aria-hidden="true"
                  />
                  {labels[r]}
                </th>
              ))}
              <th scope="col" title={`pf_fixed of ${labels.buggy} divided by pf_fixed of ${labels.fixed}`}>
                {defaultPair ? 'reduction' : 'ratio'} ({ratio})
              </th>
              {seed && <th scope="col">the seed's measurement (before → after)</th>}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.key}>
                <th scope="row" title={row.hint}>
                  {row.label}
                </th>
                {runs.map((r) => (
                  <td key={r} className="num">
                    {formatCount(results[r]?.totals[row.key] ?? 0)}
                  </td>
                ))}
                <td className="num">
                  {buggy && fixed && row.key === 'pfFixed' ? factor(buggy.pfFixed, fixed.pfFixed) : ''}
                </td>
                {seed && <td className="num">{row.key === 'pfFixed' ? '~1.75M → <0.27M' : ''}</td>}
              </tr>
            ))}
            <tr className="xp-time">
              <th
                scope="row"
                title="wall time of runBulk in the worker, measured in this browser for this run"
              >
                engine time (measured)
              </th>
              {runs.map((r) => {
                const t = results[r]?.engineMs;
                return (
                  <td key={r} className="num">
                    {t === undefined ? '' : t === null ? 'not measured' : `${ms(t)} ms`}
                  </td>
                );
              })}
              <td />
              {seed && <td />}
            </tr>
            <tr className="xp-time">
              <th
                scope="row"
                title="wall time of the profiled run that gives the counts and the charts, in the worker"
              >
                run with charts (measured)
              </th>
              {runs.map((r) => (
                <td key={r} className="num">
                  {results[r] ? `${ms(results[r].profileMs)} ms` : ''}
                </td>
              ))}
              <td />
              {seed && <td />}
            </tr>
          </tbody>
        </table>
      </div>
      {note && (
        <p className="xp-note" data-testid="xp-kernels-note">
          {note}
        </p>
      )}
      {seed && buggy && fixed && (
        <p className="xp-note">
          The seed measured pf_fixed in a real 8 GiB guest touching 6 GiB: about 1.75 million before the fix
          and under 0.27 million after. The model counts only the faults of the touched 6 GiB:{' '}
          <strong>{formatCount(buggy.pfFixed)}</strong> (one per 4 KiB page) before and{' '}
          <strong>{formatCount(fixed.pfFixed)}</strong> (one per window of 8) after. The rest of the seed's
          figures, about {formatCount(Math.round((1_750_000 - buggy.pfFixed) / 1000) * 1000)} before and up to{' '}
          {formatCount(270_000 - fixed.pfFixed)} after, are the guest's other faults: its kernel, its page
          tables, the test program and boot, which the model does not run.
        </p>
      )}
    </section>
  );
}
