// Okabe–Ito colours (as in theme.css), fixed hex values so exported SVG/PNG files look the same
// outside the page. Each series also has a second cue (dash pattern) so colour is never the only one.
import type { RunKind } from '../../worker/experimentProtocol.ts';

export const RUN_STYLE: Record<RunKind, { label: string; colour: string; dash: string }> = {
  buggy: { label: 'Buggy (before fix)', colour: '#D55E00', dash: '' },
  fixed: { label: 'Fixed (after fix)', colour: '#009E73', dash: '7 4' },
  tdp: { label: 'TDP (reference)', colour: '#0072B2', dash: '2 3' },
};

/** Overview cell categories, RGB. */
export const OVERVIEW_RGB = {
  faulted: [0x00, 0x72, 0xb2],
  prefetched: [0x00, 0x9e, 0x73],
  huge: [0xcc, 0x79, 0xa7],
  untouched: [0xe4, 0xe7, 0xeb],
  noRam: [0x6b, 0x73, 0x7d],
} as const satisfies Record<string, readonly [number, number, number]>;

export type OverviewCategory = keyof typeof OVERVIEW_RGB;

export const rgbHex = (c: readonly [number, number, number]): string =>
  `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
