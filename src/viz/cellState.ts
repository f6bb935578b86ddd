import { HIT_CODE, TRACKED_CODE } from '../engine/timeline.ts';

/** What one entry looks like on screen: the engine's codes plus "faulting" for the current fault. */
export type CellState = 'not-present' | 'present' | 'faulting' | 'prefetched' | 'hit' | 'huge' | 'tracked';

export const CELL_STATES: readonly CellState[] = [
  'not-present',
  'present',
  'faulting',
  'prefetched',
  'hit',
  'huge',
  'tracked',
];

/** The state word of an entry's accessible name; a hit reads as present (its accessed bit is set). */
export type StateWord =
  'not present' | 'present' | 'faulting' | 'prefetched' | '2M mapping' | 'prefetched, access-tracked';

/** Okabe–Ito colours (colour-blind safe); every state also has a second cue (see Legend). */
export const OKABE_ITO = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  bluishGreen: '#009E73',
  reddishPurple: '#CC79A7',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  yellow: '#F0E442',
} as const;

/**
 * Fills as CSS custom properties so light, dark and high-contrast themes (theme.css) can adjust
 * them without re-rendering; the hex scale below documents the defaults and feeds tests.
 */
const FILL: Record<CellState, string> = {
  'not-present': 'none',
  present: 'var(--spte-present)',
  faulting: 'var(--spte-faulting)',
  prefetched: 'var(--spte-prefetched)',
  hit: 'var(--spte-present)',
  huge: 'var(--spte-huge)',
  tracked: 'var(--spte-prefetched)',
};

const HEX: Record<CellState, string> = {
  'not-present': 'none',
  present: OKABE_ITO.blue,
  faulting: OKABE_ITO.vermillion,
  prefetched: OKABE_ITO.bluishGreen,
  hit: OKABE_ITO.blue,
  huge: OKABE_ITO.reddishPurple,
  tracked: OKABE_ITO.bluishGreen,
};

// Plain lookups rather than d3 ordinal scales: the first frame draws with these, and d3-scale
// (with d3-interpolate and d3-color behind it) is otherwise needed only by the charts.
export const stateFill = (state: CellState): string => FILL[state];
export const stateHex = (state: CellState): string => HEX[state];

/** Text drawn on a filled cell: white on blue, near-black on the lighter fills (WCAG contrast). */
export function onFill(state: CellState): string {
  return state === 'present' || state === 'hit' ? 'var(--spte-on-dark)' : 'var(--spte-on-light)';
}

/**
 * Entry state from the engine's code (0 not present, 1 present, 2 prefetched, 3 2M, 4 hit,
 * 5 access-tracked); the
 * faulting entry wins while its fault is handled.
 */
export function cellStateOf(code: number, index: number, faultIndex: number | null): CellState {
  if (index === faultIndex) return 'faulting';
  switch (code) {
    case 1:
      return 'present';
    case 2:
      return 'prefetched';
    case 3:
      return 'huge';
    case HIT_CODE:
      return 'hit';
    case TRACKED_CODE:
      return 'tracked';
    default:
      return 'not-present';
  }
}

export function stateWord(state: CellState): StateWord {
  switch (state) {
    case 'not-present':
      return 'not present';
    case 'huge':
      return '2M mapping';
    case 'hit':
      return 'present';
    case 'tracked':
      return 'prefetched, access-tracked';
    default:
      return state;
  }
}

/** Human description used by the legend and tooltips. */
export const STATE_DESCRIPTION: Record<CellState, string> = {
  'not-present': 'Not present',
  present: 'Present (faulted in, accessed)',
  faulting: 'Faulting entry (this fault)',
  prefetched: 'Prefetched, accessed bit clear',
  hit: 'Prefetched, then touched (a hit)',
  huge: 'Inside a 2 MiB mapping',
  tracked: 'Prefetched, access-tracked (no A/D bits): its first touch faults',
};

/** Accessible name of an overview entry: "SPTE 9: present (prefetch hit), GFN 0x9". */
export function cellLabel(
  index: number,
  state: CellState,
  gfn: number,
  extra: readonly string[] = [],
): string {
  const hit = state === 'hit' ? ' (prefetch hit)' : '';
  const tail = extra.length ? `, ${extra.join(', ')}` : '';
  return `SPTE ${index}: ${stateWord(state)}${hit}, GFN 0x${gfn.toString(16)}${tail}`;
}
