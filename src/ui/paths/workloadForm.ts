import type { Workload } from '../../engine/comparePaths.ts';
import { MAX_PATTERN_PAGES } from '../../engine/scenario.ts';
import type { PatternKind } from '../../engine/types.ts';

/** 4 KiB pages per GiB. */
export const PAGES_PER_GIB = 262_144;

/** The comparison view's inputs as typed (strings, so a half-typed number is not lost). */
export interface WorkloadFields {
  vmGiB: string;
  pages: string;
  pattern: PatternKind;
  stride: string;
  seed: string;
}

/** The seed's workload: 6 GiB touched ascending in an 8 GiB VM. */
export const SEED_FIELDS: WorkloadFields = {
  vmGiB: '8',
  pages: '1572864',
  pattern: 'sequential',
  stride: '4',
  seed: '1',
};

export type WorkloadResult =
  { ok: true; workload: Workload } | { ok: false; field: keyof WorkloadFields; message: string };

function integer(text: string): number | null {
  const t = text.replace(/[,_\s]/g, '');
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The workload the fields describe: one memslot of the VM's size from GFN 0, and a pattern over
 * the first `pages` pages. Every problem names its field; thousands separators are accepted.
 */
export function workloadFromFields(f: WorkloadFields): WorkloadResult {
  const gib = Number(f.vmGiB.trim());
  if (f.vmGiB.trim() === '' || !Number.isFinite(gib) || gib <= 0)
    return { ok: false, field: 'vmGiB', message: 'VM size must be a positive number of GiB' };
  const slotPages = Math.round(gib * PAGES_PER_GIB);
  if (slotPages < 1 || Math.abs(slotPages - gib * PAGES_PER_GIB) > 1e-6)
    return { ok: false, field: 'vmGiB', message: 'VM size must be a whole number of 4 KiB pages' };
  if (slotPages > MAX_PATTERN_PAGES)
    return {
      ok: false,
      field: 'vmGiB',
      message: `VM size: at most ${MAX_PATTERN_PAGES / PAGES_PER_GIB} GiB`,
    };
  const pages = integer(f.pages);
  if (pages === null || pages < 1)
    return { ok: false, field: 'pages', message: 'pages touched must be a positive whole number' };
  if (pages > slotPages)
    return {
      ok: false,
      field: 'pages',
      message: `pages touched (${pages.toLocaleString('en-US')}) exceed the VM's ${slotPages.toLocaleString('en-US')} pages`,
    };
  const accesses: Workload['accesses'] = { pattern: f.pattern, startGfn: 0, pages };
  if (f.pattern === 'stride') {
    const stride = integer(f.stride);
    if (stride === null || stride < 1)
      return { ok: false, field: 'stride', message: 'stride must be a positive whole number' };
    accesses.stride = stride;
  }
  if (f.pattern === 'random') {
    const seed = integer(f.seed);
    if (seed === null || seed > 0xffff_ffff)
      return { ok: false, field: 'seed', message: 'seed must be a whole number from 0 to 4,294,967,295' };
    accesses.seed = seed;
  }
  return { ok: true, workload: { memslots: [{ baseGfn: 0, pages: slotPages }], accesses } };
}

/** A short description of the workload for headings: "1,572,864 pages (6 GiB) sequential in a VM of 8 GiB". */
export function describeWorkload(w: Workload): string {
  const slot = w.memslots.reduce((s, m) => s + m.pages, 0);
  const a = w.accesses;
  const count = Array.isArray(a) ? a.length : a.pages;
  const how = Array.isArray(a)
    ? 'in a listed order'
    : a.pattern === 'stride'
      ? `stride ${a.stride ?? 1}`
      : a.pattern === 'random'
        ? `random (seed ${a.seed ?? 0})`
        : a.pattern;
  return `${count.toLocaleString('en-US')} pages (${size(count)}) ${how} in a VM of ${size(slot)}`;
}

function size(pages: number): string {
  const gib = pages / PAGES_PER_GIB;
  if (gib >= 1) return `${+gib.toFixed(2)} GiB`;
  const mib = pages / 256;
  return mib >= 1 ? `${+mib.toFixed(2)} MiB` : `${pages * 4} KiB`;
}
