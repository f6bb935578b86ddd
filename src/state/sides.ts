import { isDefaultPair, sideKernels } from '../engine/kernelVersion.ts';
import type { KernelModel } from '../engine/kernelVersion.ts';
import type { Scenario, Variant } from '../engine/types.ts';
import type { AppState } from './types.ts';

/** How one side (the `buggy` or `fixed` slot) is named on screen. */
export interface SideName {
  kernel: KernelModel;
  /** "Before the fix", or "Kernel 4.13" when the sides are not the default pair. */
  title: string;
  /** The mode switch's label: "Buggy (before fix)", or "v4.13". */
  short: string;
  /** Prefix of a narration sentence that differs between the sides. */
  prefix: string;
  /** In file names and labels that name a side in one word: "buggy", or "v4.13". */
  tag: string;
  /** Who the quiz asks about, mid-sentence: "the old code", or "v4.13". */
  who: string;
  /** The quiz's choice of side: "Old code", or "v4.13". */
  quiz: string;
}

export interface Sides {
  buggy: SideName;
  fixed: SideName;
  /** 5.15 | 5.16: the labels speak of the fix. */
  defaultPair: boolean;
}

const DEFAULT_NAMES: Record<Variant, Omit<SideName, 'kernel'>> = {
  buggy: {
    title: 'Before the fix',
    short: 'Buggy (before fix)',
    prefix: 'Before the fix',
    tag: 'buggy',
    who: 'the old code',
    quiz: 'Old code',
  },
  fixed: {
    title: 'After the fix',
    short: 'Fixed (after fix)',
    prefix: 'After the fix',
    tag: 'fixed',
    who: 'the fixed code',
    quiz: 'Fixed code',
  },
};

let lastScenario: Scenario | null | undefined;
let lastSides: Sides | null = null;

/** The two kernels on screen and their names; memoised on the scenario object. */
export function sidesOf(scenario: Scenario | null): Sides {
  if (scenario === lastScenario && lastSides) return lastSides;
  const k = sideKernels(scenario ?? { variant: 'fixed' });
  const defaultPair = isDefaultPair(k);
  const name = (v: Variant): SideName =>
    defaultPair
      ? { kernel: k[v], ...DEFAULT_NAMES[v] }
      : {
          kernel: k[v],
          title: `Kernel ${k[v].label}`,
          short: `v${k[v].label}`,
          prefix: `v${k[v].label}`,
          tag: `v${k[v].label}`,
          who: `v${k[v].label}`,
          quiz: `v${k[v].label}`,
        };
  lastScenario = scenario;
  lastSides = { buggy: name('buggy'), fixed: name('fixed'), defaultPair };
  return lastSides;
}

export const selectSides = (s: AppState): Sides => sidesOf(s.scenario);

/**
 * The pair in a file name: "" for the default pair (files keep their old names,
 * spte-step-0007.png), "-v3.7-v3.8" for two kernels side by side, "-v3.8" for one of them.
 */
export function sidesFileTag(sides: Sides, shown: 'both' | Variant): string {
  if (sides.defaultPair) return '';
  return shown === 'both' ? `-${sides.buggy.tag}-${sides.fixed.tag}` : `-${sides[shown].tag}`;
}

/** What the pair is, in a caption: "before/after c6cecc4b9324", or "v3.7 | v3.8", or "v3.8". */
export function sidesCaption(sides: Sides, shown: 'both' | Variant): string {
  if (sides.defaultPair)
    return shown === 'both'
      ? 'before/after c6cecc4b9324'
      : shown === 'buggy'
        ? 'before c6cecc4b9324 (v5.15)'
        : 'after c6cecc4b9324 (v5.16)';
  return shown === 'both'
    ? `${sides.buggy.short} | ${sides.fixed.short}`
    : `kernel ${sides[shown].kernel.label}`;
}
