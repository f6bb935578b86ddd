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
}

export interface Sides {
  buggy: SideName;
  fixed: SideName;
  /** 5.15 | 5.16: the labels speak of the fix. */
  defaultPair: boolean;
}

const DEFAULT_NAMES: Record<Variant, Omit<SideName, 'kernel'>> = {
  buggy: { title: 'Before the fix', short: 'Buggy (before fix)', prefix: 'Before the fix' },
  fixed: { title: 'After the fix', short: 'Fixed (after fix)', prefix: 'After the fix' },
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
        };
  lastScenario = scenario;
  lastSides = { buggy: name('buggy'), fixed: name('fixed'), defaultPair };
  return lastSides;
}

export const selectSides = (s: AppState): Sides => sidesOf(s.scenario);
