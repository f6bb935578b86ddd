import { DEFAULT_PRESET_ID } from '../engine/presets.ts';
import type { Scenario } from '../engine/types.ts';
import type { AppState, AppStore } from './types.ts';
import { firstFaultEnd } from './firstFrame.ts';
import { encodeScenario, hrefWithFrame, readLocation } from './urlState.ts';

export interface ApplyOptions {
  /**
   * The app's own entry (not an embed): a location that names no frame at all opens on the end
   * of the default scenario's first fault (see firstFrame.ts). A link keeps the frame it names.
   */
  defaultEntry?: boolean;
}

/**
 * Shows what a location asks for, falling back to the default preset when its scenario is
 * missing or refused; every refused part is named in `linkProblem`. Never throws.
 */
export async function applyLocation(store: AppStore, href: string, opts: ApplyOptions = {}): Promise<void> {
  const { frame, problems } = await readLocation(href, (payload) => store.getState().decodeLink(payload));
  const namesNothing = Object.keys(frame).length === 0 && problems.length === 0;
  const s = store.getState();
  s.pause();
  if (frame.speed !== undefined) s.setSpeed(frame.speed);
  if (frame.mode !== undefined && frame.mode !== s.mode) await s.setMode(frame.mode);
  let loaded = false;
  // Straight to the linked step: a first frame at step 1 would be drawn and at once replaced
  // (twice the work for each widget of a deck that opens mid-walk).
  const { tick } = frame;
  const at = tick !== undefined ? { at: () => tick } : {};
  if (frame.scenario) {
    loaded = await s.loadScenario(frame.scenario, { presetId: frame.presetId ?? null, ...at });
    const refused = store.getState().problem;
    if (!loaded && refused) {
      // The worker's checks go further than the format's (e.g. too many steps for step mode).
      problems.push(`the scenario in the link cannot be shown (${refused.path}: ${refused.message})`);
      s.clearProblem();
    }
  }
  if (!loaded) {
    await s.loadPreset(DEFAULT_PRESET_ID, opts.defaultEntry && namesNothing ? { at: firstFaultEnd } : at);
  }
  if (tick !== undefined && store.getState().tick !== tick) store.getState().seek(tick);
  s.setLinkProblem(problems.length > 0 ? problems.join('; ') : null);
}

/** The part of the state a link carries. */
const linked = (s: AppState) => [s.scenario, s.presetId, s.mode, s.tick, s.speed] as const;

/** The link to the frame on screen now, for "Copy link". */
export async function shareHref(store: AppStore, href = window.location.href): Promise<string> {
  const s = store.getState();
  if (!s.scenario) return href;
  return hrefWithFrame(href, {
    scenarioPayload: await encodeScenario(s.scenario),
    presetId: s.presetId,
    mode: s.mode,
    tick: s.tick,
    speed: s.speed,
  });
}

/**
 * Keeps the URL's hash on the frame on screen, so a reload, a copied address bar or an iframe
 * that reveal.js unloads and reloads comes back to the same place. A hash edited by hand is
 * applied as a new link.
 *
 * The write waits for `quietMs` without changes (at most `maxWaitMs` while playing), then for an
 * idle moment: history.replaceState with a long hash costs about a millisecond of main thread,
 * which a step being stepped through must not pay. Leaving the page writes at once.
 */
export function startUrlSync(store: AppStore, quietMs = 300, maxWaitMs = 2000): () => void {
  const payloads = new WeakMap<Scenario, string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idle: number | null = null;
  let pendingSince: number | null = null;

  const payloadOf = async (scenario: Scenario): Promise<string> => {
    const known = payloads.get(scenario);
    if (known !== undefined) return known;
    const p = await encodeScenario(scenario);
    payloads.set(scenario, p);
    return p;
  };

  const hrefNow = (payload: string): string => {
    const s = store.getState();
    return hrefWithFrame(window.location.href, {
      scenarioPayload: payload,
      presetId: s.presetId,
      mode: s.mode,
      tick: s.tick,
      speed: s.speed,
    });
  };

  const write = async () => {
    const scenario = store.getState().scenario;
    if (!scenario) return;
    const payload = await payloadOf(scenario);
    // The scenario may have changed while compressing; the next write catches up.
    if (store.getState().scenario !== scenario) return;
    const href = hrefNow(payload);
    if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
  };

  const whenIdle = () => {
    timer = null;
    pendingSince = null;
    const run = () => {
      idle = null;
      void write();
    };
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout: 1000 });
    else run();
  };

  const schedule = () => {
    const now = performance.now();
    pendingSince ??= now;
    // Past the longest wait, let the pending timer fire rather than push it back again.
    if (timer !== null && now - pendingSince >= maxWaitMs - quietMs) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(whenIdle, quietMs);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    const a = linked(s);
    const b = linked(prev);
    if (!a.some((v, i) => v !== b[i])) return;
    // Compress a new scenario now, off the write's path, so leaving the page can write it.
    if (s.scenario && s.scenario !== prev.scenario) void payloadOf(s.scenario);
    schedule();
  });

  // Leaving the page (or reveal.js removing the iframe) must not lose the last step.
  const flush = () => {
    const scenario = store.getState().scenario;
    const payload = scenario ? payloads.get(scenario) : undefined;
    if (payload === undefined) return;
    const href = hrefNow(payload);
    if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
  };
  const onHashChange = () => void applyLocation(store, window.location.href);

  window.addEventListener('pagehide', flush);
  window.addEventListener('hashchange', onHashChange);
  schedule();

  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
    window.removeEventListener('pagehide', flush);
    window.removeEventListener('hashchange', onHashChange);
  };
}
