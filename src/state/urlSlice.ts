import { decodeScenario } from './urlState.ts';
import type { Scenario } from '../engine/types.ts';
import type { SliceCreator, UrlSlice } from './types.ts';

/** What was wrong with the link the page was opened from (shown in a banner until dismissed). */
export const createUrlSlice: SliceCreator<UrlSlice> = (set, _get, engine) => ({
  linkProblem: null,
  setLinkProblem(linkProblem) {
    set({ linkProblem });
  },
  async decodeLink(payload) {
    // In the worker: a link of 64 KB may inflate to a megabyte of JSON to parse and check, which
    // would hold the page's main thread for a tenth of a second or more.
    if (!engine.decodeLink) return decodeScenario(payload);
    const r = await engine.decodeLink(payload);
    if (r.type !== 'linkDecoded') {
      return { ok: false, message: `the scenario in the link could not be read (${r.problem.message})` };
    }
    // The worker validated it; JSON text of a valid scenario parses back to the same scenario.
    return r.result.ok ? { ok: true, scenario: JSON.parse(r.result.json) as Scenario } : r.result;
  },
});
