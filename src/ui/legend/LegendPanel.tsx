import type { CellState } from '../../viz/cellState.ts';
import { CELL_STATES, STATE_DESCRIPTION } from '../../viz/cellState.ts';
import { HOST_NO_SLOT, HOST_NOT_RESIDENT, HOST_READONLY } from '../../viz/hostInfo.ts';
import { CellShape } from '../sptePage/CellShape.tsx';
import { PatternDefs } from '../sptePage/PatternDefs.tsx';
import type { PatternIds } from '../sptePage/PatternDefs.tsx';

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
 * The legend's contents: every state with its colour and second cue, then the walk's marks. A
 * chunk of its own (Legend loads it on the first open, or idle time does before).
 */
export function LegendPanel({ ids }: { ids: PatternIds }) {
  return (
    <>
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
    </>
  );
}
