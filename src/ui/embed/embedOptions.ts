import type { Variant } from '../../engine/types.ts';
import { parseIndex, plainText, quote } from '../../state/urlState.ts';

/**
 * Embed mode's own query parameters (variant, step and speed are share parameters, read by
 * readLocation): `embed`, `from`/`to` (lock playback to a tick range), `autoplay`, `controls=0`,
 * `title` (plain text), `predict` (start in predict mode) and `predictFor=buggy|fixed` (the quiz's
 * variant in compare mode).
 */
export interface EmbedOptions {
  from: number | null;
  to: number | null;
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
  const index = (key: 'from' | 'to'): number | null => {
    const v = p.get(key);
    if (v === null) return null;
    const n = parseIndex(v);
    if (n === null) problems.push(`${key} ${quote(v)} is not a whole number`);
    return n;
  };
  let from = index('from');
  let to = index('to');
  if (from !== null && to !== null && from > to) {
    problems.push(`from ${from} is after to ${to}`);
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
      from,
      to,
      autoplay: flag(p, 'autoplay', false),
      controls: flag(p, 'controls', true),
      title: title || null,
      predict: flag(p, 'predict', false),
      predictFor,
    },
    problems,
  };
}
