import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { MAX_PROFILE_TABLES } from '../../engine/accessProfile.ts';
import type { Memslot, Scenario } from '../../engine/types.ts';
import type { BuiltExperiment } from './experimentInput.ts';

/**
 * A workload the experiment view runs instead of its synthetic one: a trace replay (issue 6). The
 * access list is held as GFNs in a Float64Array (a million and more entries), which each run
 * copies (one memcpy) and transfers to the experiment worker.
 */
export interface CustomWorkload {
  label: string;
  /** The scenario with an empty access list: the accesses are `gfns`, in trace order. */
  scenario: Scenario;
  gfns: Float64Array;
  memslots: Memslot[];
  /** Bumped by every runCustomExperiment call, so the same trace can be run again. */
  serial: number;
}

interface CustomWorkloadState {
  workload: CustomWorkload | null;
}

// Module-level: the trace dialog sets it before the experiment view mounts (the view unmounts
// while another tab is shown).
export const customWorkloadStore = createStore<CustomWorkloadState>()(() => ({ workload: null }));

let serial = 0;

/**
 * Makes the experiment view run `scenario` (buggy, fixed and TDP) under `label`. An explicit access
 * list may come packed as `gfns` (then scenario.accesses is ignored) or inside the scenario.
 */
export function runCustomExperiment(scenario: Scenario, label: string, gfns?: Float64Array): void {
  const list = gfns ?? (Array.isArray(scenario.accesses) ? Float64Array.from(scenario.accesses) : null);
  if (!list) throw new Error('runCustomExperiment: the scenario needs an explicit access list');
  customWorkloadStore.setState({
    workload: {
      label,
      scenario: { ...scenario, accesses: [] },
      gfns: list,
      memslots: scenario.memslots,
      serial: ++serial,
    },
  });
}

/** Back to the synthetic experiment of the form. */
export function clearCustomExperiment(): void {
  customWorkloadStore.setState({ workload: null });
}

/** The experiment the view runs for a custom workload; the overview spans its memslots. */
export function buildCustomExperiment(w: CustomWorkload): BuiltExperiment {
  const end = Math.max(0, ...w.memslots.map((m) => m.baseGfn + m.pages));
  return {
    scenario: w.scenario,
    tableCount: Math.min(MAX_PROFILE_TABLES, Math.ceil(end / 512)),
    memslots: w.memslots,
    gfns: w.gfns,
    label: w.label,
  };
}

const selectWorkload = (s: CustomWorkloadState) => s.workload;

export function useCustomWorkload(): CustomWorkload | null {
  return useStore(customWorkloadStore, selectWorkload);
}
