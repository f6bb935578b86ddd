import type { GfnRange } from '../../engine/types.ts';

/** Parsed text, or the reason it is not a list of GFNs. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MAX_EXPANDED = 100_000;

function gfn(token: string): number | null {
  const t = token.trim().toLowerCase();
  if (!/^(0x[0-9a-f]+|\d+)$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/** "8, 11-12, 0x20" as pieces [lo, hi] in written order (hi may be below lo). */
function pieces(text: string): Parsed<Array<[number, number]>> {
  const out: Array<[number, number]> = [];
  for (const raw of text.split(/[,\s]+/)) {
    if (raw === '') continue;
    const m = /^([^-–]+)(?:[-–](.+))?$/.exec(raw);
    const lo = m?.[1] !== undefined ? gfn(m[1]) : null;
    const hi = m?.[2] !== undefined ? gfn(m[2]) : lo;
    if (lo === null || hi === null)
      return { ok: false, message: `"${raw}" is not a GFN or a range like 8-15` };
    out.push([lo, hi]);
  }
  return { ok: true, value: out };
}

/** Inclusive GFN ranges ("8, 11-12"); each range must run upwards. */
export function parseRanges(text: string): Parsed<GfnRange[]> {
  const p = pieces(text);
  if (!p.ok) return p;
  for (const [lo, hi] of p.value)
    if (hi < lo) return { ok: false, message: `range ${lo}-${hi} runs downwards` };
  return { ok: true, value: p.value.map(([lo, hi]) => [lo, hi] as const) };
}

/** An access list: single GFNs and runs, which may run downwards ("31-24" is 31, 30, …, 24). */
export function parseAccessList(text: string): Parsed<number[]> {
  const p = pieces(text);
  if (!p.ok) return p;
  const out: number[] = [];
  for (const [a, b] of p.value) {
    const step = b >= a ? 1 : -1;
    if (out.length + Math.abs(b - a) + 1 > MAX_EXPANDED)
      return { ok: false, message: `more than ${MAX_EXPANDED} accesses` };
    for (let g = a; g !== b + step; g += step) out.push(g);
  }
  if (out.length === 0) return { ok: false, message: 'at least one access is needed' };
  return { ok: true, value: out };
}

export function formatRanges(ranges: readonly GfnRange[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(', ');
}

/** The shortest text parseAccessList reads back: runs of three or more by ±1 become "a-b". */
export function formatAccessList(list: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < list.length) {
    const a = list[i]!;
    const next = list[i + 1];
    const step = next !== undefined && Math.abs(next - a) === 1 ? next - a : 0;
    let j = i;
    if (step !== 0) while (j + 1 < list.length && list[j + 1]! - list[j]! === step) j++;
    if (j - i >= 2) {
      parts.push(`${a}-${list[j]!}`);
      i = j + 1;
    } else {
      parts.push(`${a}`);
      i++;
    }
  }
  return parts.join(', ');
}
