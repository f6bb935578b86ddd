import type { Variant } from '../../engine/types.ts';
import { linkFormatOf, plainText, quote, tickOfStep } from '../../state/urlState.ts';

/**
 * Embed mode's own query parameters (variant, step and speed are share parameters, read by
 * readLocation): `embed`, `from`/`to` (lock playback to a range of steps, numbered as `step` is in
 * the query's link format), `autoplay`, `controls=0`, `title` (plain text), `predict` (start in
 * predict mode) and `predictFor=buggy|fixed` (the quiz's variant in compare mode).
 */
export interface EmbedOptions {
  /** The range as ticks (from 0), whatever the link's format wrote. */
  fromTick: number | null;
  toTick: number | null;
  autoplay: boolean;
  controls: boolean;
  /** Shown as React text only, never as HTML. */
  title: string | null;
  predict: boolean;
  predictFor: Variant | null;
}

export const MAX_TITLE_CHARS = 120;

export function isEmbedSearch(search: string): boolean {
  return new URLSearchParams(search).has('embed');
}

/** A present flag is on unless it says 0, false, off or no. */
function flag(p: URLSearchParams, key: string, absent: boolean): boolean {
  const v = p.get(key);
  if (v === null) return absent;
  return !/^(0|false|off|no)$/i.test(v);
}

export function readEmbedOptions(search: string): { options: EmbedOptions; problems: string[] } {
  const p = new URLSearchParams(search);
  const problems: string[] = [];
  const format = linkFormatOf(p);
  const tick = (key: 'from' | 'to'): number | null => {
    const v = p.get(key);
    if (v === null || typeof format === 'object') return null;
    const t = tickOfStep(v, format, key);
    if (typeof t === 'number') return t;
    problems.push(t.problem);
    return null;
  };
  let from = tick('from');
  let to = tick('to');
  if (from !== null && to !== null && from > to) {
    problems.push(`from ${p.get('from')} is after to ${p.get('to')}`);
    from = null;
    to = null;
  }
  const rawFor = p.get('predictFor');
  let predictFor: Variant | null = null;
  if (rawFor === 'buggy' || rawFor === 'fixed') predictFor = rawFor;
  else if (rawFor !== null) problems.push(`predictFor ${quote(rawFor)} is not buggy or fixed`);
  const rawTitle = p.get('title');
  const title = rawTitle === null ? null : plainText(rawTitle).trim().slice(0, MAX_TITLE_CHARS);
  return {
    options: {
      fromTick: from,
      toTick: to,
      autoplay: flag(p, 'autoplay', false),
      controls: flag(p, 'controls', true),
      title: title || null,
      predict: flag(p, 'predict', false),
      predictFor,
    },
    problems,
  };
}
