export type MeasureEngine = 'auto' | 'on' | 'off';

/**
 * "Measure engine time": a second, timed runBulk pass per variant. Automatic (on up to 64 GiB of
 * accesses) until the user ticks or unticks it; see experimentSession.ts for why.
 */
export function MeasureEngineToggle({
  mode,
  autoOn,
  onChange,
}: {
  mode: MeasureEngine;
  autoOn: boolean;
  onChange: (mode: MeasureEngine) => void;
}) {
  const checked = mode === 'on' || (mode === 'auto' && autoOn);
  return (
    <label
      className="xp-check"
      title="Also time the bulk engine alone (a second pass per variant). Off by default above 64 GiB, where it adds seconds; the counts are the same either way."
    >
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked ? 'on' : 'off')} />
      Measure engine time
    </label>
  );
}
