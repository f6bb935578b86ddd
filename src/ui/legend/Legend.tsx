import { memo, useId, useMemo, useState } from 'react';
import type { CellState } from '../../viz/cellState.ts';
import { CELL_STATES, STATE_DESCRIPTION } from '../../viz/cellState.ts';
import { HOST_NO_SLOT, HOST_NOT_RESIDENT, HOST_READONLY } from '../../viz/hostInfo.ts';
import { CellShape } from '../sptePage/CellShape.tsx';
import { PatternDefs, patternIds } from '../sptePage/PatternDefs.tsx';
import type { PatternIds } from '../sptePage/PatternDefs.tsx';
import './legend.css';

const CUE: Record<CellState, string> = {
  'not-present': 'outline only',
  present: 'solid blue',
  faulting: 'vermillion, thick border, bolt',
  prefetched: 'green, dotted border, “P”',
  hit: 'blue with a green corner',
  huge: 'purple, hatched',
  tracked: 'pale green, slashed, “AT”',
};

const HOST_ITEMS: ReadonlyArray<{ name: string; cue: string; flags: number }> = [
  { name: 'Host page not resident', cue: 'small hollow circle', flags: HOST_NOT_RESIDENT },
  { name: 'Read-only or dirty-logged slot', cue: 'striped background', flags: HOST_READONLY },
  { name: 'GFN outside every memslot', cue: 'faded', flags: HOST_NO_SLOT },
];

function Swatch({
  state,
  flags,
  ids,
  diff = false,
}: {
  state: CellState;
  flags: number;
  ids: PatternIds;
  diff?: boolean;
}) {
  return (
    <svg className="legend-swatch" viewBox="-6 -6 52 52" aria-hidden="true">
      <CellShape x={0} y={0} w={40} h={40} state={state} hostFlags={flags} large diff={diff} ids={ids} />
    </svg>
  );
}

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
        <svg width="0" height="0" className="legend-defs" aria-hidden="true">
          <PatternDefs ids={ids} />
        </svg>
        <ul className="legend-list">
          {CELL_STATES.map((s) => (
            <li key={s}>
              <Swatch state={s} flags={0} ids={ids} />
              <span className="legend-name">{STATE_DESCRIPTION[s]}</span>
              <span className="legend-cue">{CUE[s]}</span>
            </li>
          ))}
          {HOST_ITEMS.map((h) => (
            <li key={h.name}>
              <Swatch state="not-present" flags={h.flags} ids={ids} />
              <span className="legend-name">{h.name}</span>
              <span className="legend-cue">{h.cue}</span>
            </li>
          ))}
          <li>
            <Swatch state="prefetched" flags={0} ids={ids} diff />
            <span className="legend-name">Differs from the other variant</span>
            <span className="legend-cue">orange ring</span>
          </li>
        </ul>
        <ul className="legend-list legend-marks">
          <li>
            <span className="legend-mark is-ok">✓ installed N</span>
            <span className="legend-cue">a batch that prefetched N entries (green bracket)</span>
          </li>
          <li>
            <span className="legend-mark is-fail">✕ failed: reason</span>
            <span className="legend-cue">a batch that returned −1 (vermillion bracket)</span>
          </li>
          <li>
            <span className="legend-mark is-dropped">dropped</span>
            <span className="legend-cue">a trailing run the old code never prefetched (dashed)</span>
          </li>
          <li>
            <span className="legend-mark is-rule" aria-hidden="true" />
            <span className="legend-cue">memslot boundary (thick vertical rule)</span>
          </li>
          <li>
            <span className="legend-mark is-strip" aria-hidden="true" />
            <span className="legend-cue">
              memslot strip under the window: grey in a slot, striped if flagged, none outside
            </span>
          </li>
          <li>
            <span className="legend-mark">i ▼ · ▲ start</span>
            <span className="legend-cue">loop cursor and the first entry of the open run</span>
          </li>
        </ul>
      </div>
    </div>
  );
});
