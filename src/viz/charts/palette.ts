// Okabe–Ito colours (as in theme.css), fixed hex values so exported SVG/PNG files look the same
// outside the page. Each series also has a second cue (dash pattern) so colour is never the only one.
import type { RunKind } from '../../engine/runKinds.ts';

export { OVERVIEW_RGB } from '../../engine/tableOverview.ts';
export type { OverviewCategory } from '../../engine/tableOverview.ts';

export const RUN_STYLE: Record<RunKind, { label: string; colour: string; dash: string }> = {
  buggy: { label: 'Buggy (before fix)', colour: '#D55E00', dash: '' },
  fixed: { label: 'Fixed (after fix)', colour: '#009E73', dash: '7 4' },
  tdp: { label: 'TDP (reference)', colour: '#0072B2', dash: '2 3' },
};

export const rgbHex = (c: readonly [number, number, number]): string =>
  `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
