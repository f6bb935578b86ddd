import type { AccessPattern, Scenario } from './types.ts';

const WIDTH = 100;

/**
 * Canonical text of a scenario: every field explicit, in a fixed order, so an export diffs cleanly
 * and parses back (parseScenario) to an equal object. Short arrays and objects stay on one line
 * and long GFN lists wrap, because one number per line (JSON.stringify's indent) makes a
 * scenario with a few thousand accesses unreadable.
 */
export function serializeScenario(s: Scenario): string {
  const canonical = {
    version: 1,
    ...(s.name === undefined ? {} : { name: s.name }),
    mmu: s.mmu,
    ...(s.kernel === undefined ? {} : { kernel: s.kernel }),
    ...(s.compareKernel === undefined ? {} : { compareKernel: s.compareKernel }),
    variant: s.variant,
    backing: s.backing,
    adBits: s.adBits,
    ...(s.guest === undefined
      ? {}
      : {
          guest: {
            paging: s.guest.paging,
            pageTables: s.guest.pageTables.map((r) => ({
              gvaPage: r.gvaPage,
              pages: r.pages,
              gfn: r.gfn,
              accessed: r.accessed ?? true,
              present: r.present ?? true,
              reservedBits: r.reservedBits ?? false,
              // Written only when clear, so exports made before these bits existed stay identical.
              ...(r.writable === false ? { writable: false } : {}),
              ...(r.dirty === false ? { dirty: false } : {}),
            })),
          },
        }),
    memslots: s.memslots.map((m) => ({
      baseGfn: m.baseGfn,
      pages: m.pages,
      readonly: m.readonly ?? false,
      dirtyLog: m.dirtyLog ?? false,
    })),
    nonResident: s.nonResident.map((r) => [r[0], r[1]]),
    present: s.present.map((r) => [r[0], r[1]]),
    accesses: Array.isArray(s.accesses) ? [...s.accesses] : canonicalPattern(s.accesses as AccessPattern),
    ...(s.invalidations && s.invalidations.length > 0
      ? { invalidations: s.invalidations.map((r) => [r[0], r[1]]) }
      : {}),
  };
  return `${pretty(canonical, '', 0, true)}\n`;
}

function canonicalPattern(p: AccessPattern): AccessPattern {
  const out: AccessPattern = { pattern: p.pattern, startGfn: p.startGfn, pages: p.pages };
  if (p.pattern === 'stride') out.stride = p.stride ?? 1;
  if (p.pattern === 'random') out.seed = p.seed ?? 0;
  return out;
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }`;
  }
  return JSON.stringify(v);
}

/** `used` is how many columns the line already holds before this value. */
function pretty(v: unknown, indent: string, used: number, top = false): string {
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  if (!top) {
    const line = inline(v);
    if (used + line.length <= WIDTH) return line;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'number')) return `[\n${wrapNumbers(v as number[], inner)}\n${indent}]`;
    return `[\n${v.map((x) => inner + pretty(x, inner, inner.length)).join(',\n')}\n${indent}]`;
  }
  const lines = Object.entries(v).map(([k, x]) => {
    const head = `${inner}${JSON.stringify(k)}: `;
    return head + pretty(x, inner, head.length);
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function wrapNumbers(xs: readonly number[], indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const x of xs) {
    const item = `${x},`;
    if (line && indent.length + line.length + 1 + item.length > WIDTH) {
      lines.push(indent + line);
      line = item;
    } else line = line ? `${line} ${item}` : item;
  }
  lines.push(indent + line.slice(0, -1));
  return lines.join('\n');
}
