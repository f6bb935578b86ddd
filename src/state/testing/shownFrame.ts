import { serializeScenario } from '../../engine/scenario.ts';
import type { VariantFrame } from '../../engine/timeline.ts';
import type { EnginePort } from '../../worker/client.ts';
import { EngineSession } from '../../worker/session.ts';
import { createAppStore } from '../store.ts';
import type { AppStore } from '../store.ts';
import { applyLocation } from '../urlSync.ts';

/** The real engine session behind asynchronous calls, like the worker but in-process. */
export function localEngine(): EnginePort {
  const s = new EngineSession();
  return {
    load: async (scenario, mode, tick) => s.load(scenario, mode, tick),
    setMode: async (mode, from) => s.setMode(mode, from),
    frame: async (tick) => s.frame(tick),
    validate: async (text) => s.validate(text),
    dispose: () => {},
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** One variant's side of the frame, as a person sees it (not how ticks are numbered). */
function side(f: VariantFrame | null | undefined) {
  if (!f) return null;
  const step = f.step as (Record<string, unknown> & { kind: string }) | null;
  return {
    step: step && {
      kind: step.kind,
      accessIndex: step.accessIndex,
      gfn: step.gfn,
      faultIndex: step.faultIndex,
      ...(typeof step.i === 'number' ? { i: step.i } : {}),
    },
    totals: { ...f.totals },
    tableBase: f.tableBase,
    // 512 entry codes as one string of digits: what the page table shows.
    codes: [...f.codes].join(''),
  };
}

/** What the app shows after opening `href`: the scenario, view, speed, and the frame on screen. */
export async function shownFrame(href: string, store: AppStore = createAppStore(localEngine())) {
  await applyLocation(store, href);
  await settle();
  const s = store.getState();
  return {
    problem: s.linkProblem,
    presetId: s.presetId,
    mode: s.mode,
    speed: s.speed,
    scenario: s.scenario ? serializeScenario(s.scenario) : null,
    buggy: side(s.frame?.buggy),
    fixed: side(s.frame?.fixed),
  };
}
