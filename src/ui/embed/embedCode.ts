import { presetById } from '../../engine/presets.ts';
import { serializeScenario } from '../../engine/scenario.ts';
import type { ViewMode } from '../../engine/ticks.ts';
import type { Scenario } from '../../engine/types.ts';
import { LINK_FORMAT, stepOfTick } from '../../state/urlState.ts';

/** What a teacher chose in "Embed in a slide"; steps are numbered as the app shows them (from 1). */
export interface EmbedChoice {
  /** The app's address without query or hash: where the widget is served. */
  appUrl: string;
  /** An unchanged preset goes by its id; anything else carries its scenario payload. */
  presetId: string | null;
  scenarioPayload: string | null;
  mode: ViewMode;
  speed: number;
  from: number;
  to: number;
  controls: boolean;
  autoplay: boolean;
  predict: boolean;
  title: string;
}

/**
 * The preset id a link may stand on alone: only when the scenario on screen is that preset's,
 * unchanged. A preset shown at other kernels (the history strip's examples keep their preset id)
 * or edited needs its scenario in the link, or the widget would open the preset's own 5.15 | 5.16.
 */
export function presetAsIs(presetId: string | null, scenario: Scenario | null): string | null {
  const p = presetId !== null ? presetById(presetId) : undefined;
  if (!p || !scenario) return null;
  return serializeScenario(p.scenario) === serializeScenario(scenario) ? p.id : null;
}

/** The widget's URL: readable keys first, in link format 2, the scenario payload last. */
export function embedSrc(c: EmbedChoice): string {
  const p = new URLSearchParams();
  p.set('v', String(LINK_FORMAT));
  if (c.presetId) p.set('preset', c.presetId);
  p.set('variant', c.mode);
  p.set('step', String(c.from));
  p.set('from', String(c.from));
  p.set('to', String(c.to));
  if (c.speed !== 1) p.set('speed', String(c.speed));
  if (!c.controls) p.set('controls', '0');
  if (c.autoplay) p.set('autoplay', '1');
  if (c.predict) p.set('predict', '1');
  if (c.title.trim()) p.set('title', c.title.trim());
  if (!c.presetId && c.scenarioPayload) p.set('s', c.scenarioPayload);
  return `${c.appUrl}?embed&${p.toString()}`;
}

const escapeAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The <iframe> to paste into a deck: 16:9, full width, a title for screen readers. */
export function iframeSnippet(c: EmbedChoice, name: string): string {
  const title = `SPTE prefetch: ${c.title.trim() || name}`;
  return `<iframe class="spte-frame" src="${escapeAttr(embedSrc(c))}" title="${escapeAttr(title)}" style="width:100%;aspect-ratio:16/9;border:0"></iframe>`;
}

/** The one line that hands a clicker's keys to the widgets (public/examples/spte-deck.js). */
export function deckScriptSnippet(appUrl: string): string {
  return `<script src="${escapeAttr(new URL('examples/spte-deck.js', appUrl).href)}"></script>`;
}

/** The app's own address, where embeds and examples/ live: the page without query and hash. */
export function appUrlOf(href: string): string {
  const u = new URL(href);
  u.search = '';
  u.hash = '';
  return u.href;
}

/** The steps (from 1) of the access that `tick` belongs to: a natural range for one slide. */
export function accessRange(tick: number, accessTicks: readonly number[], count: number): [number, number] {
  let i = 0;
  while (i + 1 < accessTicks.length && accessTicks[i + 1]! <= tick) i++;
  const start = accessTicks[i] ?? 0;
  const end = (accessTicks[i + 1] ?? count) - 1;
  return [stepOfTick(start), stepOfTick(Math.max(start, end))];
}
