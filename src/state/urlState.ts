import { presetById } from '../engine/presets.ts';
import { plainBounded, withoutControls } from '../engine/quoting.ts';
import { serializeScenario } from '../engine/scenario.ts';
import type { ViewMode } from '../engine/ticks.ts';
import type { Scenario } from '../engine/types.ts';
import type { DecodeResult } from '../worker/linkCodec.ts';

export { encodeScenario, fromBase64Url, MAX_SCENARIO_BYTES, toBase64Url } from '../worker/linkPayload.ts';
export type { DecodeResult } from '../worker/linkCodec.ts';

/**
 * Decodes a payload on this thread. Loaded on demand: the app decodes links in the engine worker
 * (see urlSlice.decodeLink), so the page's own bundle need not carry the JSON scanner.
 */
export async function decodeScenario(payload: string): Promise<DecodeResult> {
  const codec = await import('../worker/linkCodec.ts');
  return codec.decodeScenario(payload);
}

/**
 * The frame on screen, written to and read from the URL so a link (or an iframe that reveal.js
 * unloads and reloads) shows exactly the same thing.
 *
 * Format: query and hash carry the same `key=value` pairs; the hash wins because the app keeps it
 * current (history.replaceState) while the query is what a person or a deck wrote.
 *   v=2                           the link format (see below)
 *   variant=buggy|fixed|compare   step=<step number>   speed=<0.25…4>
 *   preset=<preset id>            s=<scenario payload>
 * The payload is base64url of the scenario JSON, prefixed `z` when deflate-raw compressed (what the
 * app writes) or `j` when not (hand-made links, browsers without CompressionStream).
 *
 * Step numbers: with `v=2` a step is numbered as the app shows it, from 1 ("step 1 of 12"). Links
 * without `v` were written before that (format 1) and count from 0; they keep opening the frame
 * they always did. The query and the hash each say their own format, since a hand-written query
 * (an embed's `from`/`to`) may be older than the hash the app writes behind it.
 */

/** Longer URLs are refused before any decoding (the limit). */
export const MAX_URL_CHARS = 64 * 1024;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

const MODES: readonly ViewMode[] = ['buggy', 'fixed', 'compare'];

/** What a URL asks for; absent fields keep the app's defaults. */
export interface UrlFrame {
  scenario?: Scenario;
  /** Set only when the scenario is that preset's, unchanged (or the URL named only the preset). */
  presetId?: string;
  mode?: ViewMode;
  /** Position on the timeline, counting from 0 (the store's tick); the link said `step`. */
  tick?: number;
  speed?: number;
}

export interface UrlReadResult {
  frame: UrlFrame;
  /** One sentence per refused part; empty when the URL was fine. Plain text, shown as React text. */
  problems: string[];
}

/**
 * Untrusted text without control characters (each becomes a space): C0 and C1 controls, line
 * separators, and the bidirectional overrides that could make a banner read differently.
 */
export function plainText(text: string): string {
  return withoutControls(text);
}

/** Quotes untrusted text for a message: at most `max` characters (head…tail), no control characters. */
export function quote(text: string, max = 40): string {
  return `“${plainBounded(text, max, withoutControls)}”`;
}

export function isViewMode(v: unknown): v is ViewMode {
  return typeof v === 'string' && (MODES as readonly string[]).includes(v);
}

// ---- reading a location ----------------------------------------------------------------------

/** The parameters of the query and the hash, the hash's overriding the query's. */
export function mergedParams(search: string, hash: string): URLSearchParams {
  const out = new URLSearchParams(search.replace(/^\?/, ''));
  for (const [k, v] of new URLSearchParams(hash.replace(/^#/, ''))) out.set(k, v);
  return out;
}

/** A whole number ≥ 0 written in plain decimal, else null. */
export function parseIndex(text: string | null): number | null {
  if (text === null || !/^\d{1,9}$/.test(text)) return null;
  return Number(text);
}

/** The link format this version writes: step numbers count from 1, as the app shows them. */
export const LINK_FORMAT = 2;
/** Format 1 (no `v`): links written before step numbers counted from 1. */
export type LinkFormat = 1 | 2;

/** The format one part of a URL (query or hash) is written in, or a problem sentence. */
export function linkFormatOf(params: URLSearchParams): LinkFormat | { problem: string } {
  const v = params.get('v');
  if (v === null) return 1;
  if (v === '2') return 2;
  return { problem: `link format v=${quote(v, 12)} is not one this app reads (it reads 2, or none)` };
}

/**
 * The tick (from 0) a step number written in `format` stands for, or a problem sentence.
 * `what` names the parameter in the sentence (`step`, `from`, `to`).
 */
export function tickOfStep(text: string, format: LinkFormat, what: string): number | { problem: string } {
  const n = parseIndex(text);
  if (n === null) return { problem: `${what} ${quote(text)} is not a whole number` };
  if (format === 1) return n;
  if (n === 0) return { problem: `${what} 0: steps count from 1` };
  return n - 1;
}

/** The step number a tick is written as in this version's links and shown as in the app. */
export const stepOfTick = (tick: number): number => tick + 1;

/**
 * A step-number parameter (`step`, `from`, `to`) of a location: its value, from the hash if the
 * hash has it, else from the query, read in the format of the part it came from.
 */
export function readStepParam(
  query: URLSearchParams,
  hash: URLSearchParams,
  key: string,
): { tick: number | null; problem: string | null } {
  const part = hash.has(key) ? hash : query;
  const text = part.get(key);
  if (text === null) return { tick: null, problem: null };
  const format = linkFormatOf(part);
  if (typeof format === 'object') return { tick: null, problem: format.problem };
  const t = tickOfStep(text, format, key);
  return typeof t === 'number' ? { tick: t, problem: null } : { tick: null, problem: t.problem };
}

export function parseSpeed(text: string | null): number | null {
  if (text === null || !/^\d{1,2}(\.\d{1,3})?$/.test(text)) return null;
  const n = Number(text);
  return n >= MIN_SPEED && n <= MAX_SPEED ? n : null;
}

/**
 * Whether a link's scenario is the preset's, at any kernels: the history strip shows a preset's
 * example at the kernels of a change and keeps its id (the example on screen), so a link to that
 * comparison reopens with the same preset named. The kernels themselves come from the scenario.
 */
function sameScenario(a: Scenario, b: Scenario): boolean {
  // Cheap checks first: a preset is small, and a large scenario from a link must not be written
  // out in full on the main thread only to find it is not the preset.
  const count = (s: Scenario) => (Array.isArray(s.accesses) ? s.accesses.length : -1);
  if (count(a) !== count(b) || a.memslots.length !== b.memslots.length) return false;
  if (a.present.length !== b.present.length || a.nonResident.length !== b.nonResident.length) return false;
  if ((a.guest?.pageTables.length ?? -1) !== (b.guest?.pageTables.length ?? -1)) return false;
  const bare = (s: Scenario): string => {
    const { kernel: _k, compareKernel: _c, ...rest } = s;
    return serializeScenario({ ...rest, variant: 'fixed' });
  };
  return bare(a) === bare(b);
}

/**
 * What a location asks for. A part that is broken, hostile or too large is dropped with a problem
 * sentence; a refused scenario leaves `frame.scenario` unset, so the caller shows its default.
 * `decode` turns the `s=` payload into a scenario: the app passes the engine worker's, so the
 * page does not parse and check up to a megabyte of JSON on its main thread.
 */
export async function readLocation(
  href: string,
  decode: (payload: string) => Promise<DecodeResult> = decodeScenario,
): Promise<UrlReadResult> {
  if (href.length > MAX_URL_CHARS) {
    return {
      frame: {},
      problems: [
        `the link is ${Math.round(href.length / 1024)} KB long; links over ${MAX_URL_CHARS / 1024} KB are refused`,
      ],
    };
  }
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { frame: {}, problems: ['the link is not a valid URL'] };
  }
  const p = mergedParams(url.search, url.hash);
  const frame: UrlFrame = {};
  const problems: string[] = [];
  const query = new URLSearchParams(url.search);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));

  const variant = p.get('variant');
  if (variant !== null) {
    if (isViewMode(variant)) frame.mode = variant;
    else problems.push(`variant ${quote(variant)} is not buggy, fixed or compare`);
  }
  const step = readStepParam(query, hash, 'step');
  if (step.problem !== null) problems.push(step.problem);
  else if (step.tick !== null) frame.tick = step.tick;
  const speed = p.get('speed');
  if (speed !== null) {
    const n = parseSpeed(speed);
    if (n === null) problems.push(`speed ${quote(speed)} is not a number from ${MIN_SPEED} to ${MAX_SPEED}`);
    else frame.speed = n;
  }

  const presetId = p.get('preset');
  const preset = presetId !== null ? presetById(presetId) : undefined;
  if (presetId !== null && !preset) problems.push(`there is no preset called ${quote(presetId)}`);
  const payload = p.get('s');
  if (payload !== null) {
    const r = await decode(payload);
    if (r.ok) {
      frame.scenario = r.scenario;
      if (preset && sameScenario(preset.scenario, r.scenario)) frame.presetId = preset.id;
    } else problems.push(r.message);
  } else if (preset) {
    frame.scenario = preset.scenario;
    frame.presetId = preset.id;
  }
  return { frame, problems };
}

// ---- writing a location ----------------------------------------------------------------------

/**
 * The share parameters that the hash carries (the keys readLocation reads). `v` is not among
 * them: a query's own `v` says how its `from`/`to` count, and stays with them.
 */
export const SHARE_KEYS = ['variant', 'step', 'speed', 'preset', 's'] as const;

export interface FrameToWrite {
  scenarioPayload: string;
  presetId: string | null;
  mode: ViewMode;
  /** Position on the timeline from 0 (the store's tick); written as step tick + 1. */
  tick: number;
  speed: number;
}

/** The hash for a frame: the format, readable keys, the payload last. */
export function hashFor(f: FrameToWrite): string {
  const p = new URLSearchParams();
  p.set('v', String(LINK_FORMAT));
  p.set('variant', f.mode);
  p.set('step', String(stepOfTick(f.tick)));
  if (f.speed !== 1) p.set('speed', String(f.speed));
  if (f.presetId) p.set('preset', f.presetId);
  p.set('s', f.scenarioPayload);
  return `#${p.toString()}`;
}

/**
 * `href` with the frame in its hash. Query keys the hash now carries are dropped so the link does
 * not say two things; other query keys (embed options, `view`) stay.
 */
export function hrefWithFrame(href: string, f: FrameToWrite): string {
  const url = new URL(href);
  for (const k of SHARE_KEYS) url.searchParams.delete(k);
  // URLSearchParams writes `embed=` for a bare `embed`; keep bare flags bare.
  const search = url.searchParams.toString().replace(/=(?=&|$)/g, '');
  url.search = search ? `?${search}` : '';
  url.hash = hashFor(f);
  return url.toString();
}
