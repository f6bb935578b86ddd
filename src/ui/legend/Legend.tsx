import { memo, useId, useMemo, useState } from 'react';
import { LazyView } from '../app/LazyView.tsx';
import { legendPanelPart } from '../app/parts.ts';
import { patternIds } from '../sptePage/PatternDefs.tsx';
import './legend.css';

/**
 * Every state with its colour and second cue, behind a disclosure button named "Legend".
 * Memoised: it sits beside the narration, which changes on every step.
 */
export const Legend = memo(function Legend({ defaultOpen = false }: { defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  const ids = useMemo(() => patternIds(`${id}legend`), [id]);
  return (
    <div className="legend">
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="legend-chevron">
          {open ? '▾' : '▸'}
        </span>
        Legend
      </button>
      <div id={`${id}-panel`} className="legend-panel" hidden={!open}>
        {open && <LazyView part={legendPanelPart}>{(m) => <m.LegendPanel ids={ids} />}</LazyView>}
      </div>
    </div>
  );
});
