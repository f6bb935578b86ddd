import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The import graph of src/ (type-only imports included: they tie modules together for the reader
 * and the type checker just as much). Imports run one way, layer by layer, and never in a circle.
 */

const ROOT = resolve(dirname(new URL(import.meta.url).pathname));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'(\.{1,2}\/[^']+)'/g;

function graph(): Map<string, string[]> {
  const files = sources(ROOT);
  const known = new Set(files);
  const g = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const deps = [...text.matchAll(IMPORT)]
      .map((m) => resolve(dirname(f), m[1]!))
      .filter((d) => known.has(d));
    g.set(f, deps);
  }
  return g;
}

/** Strongly connected components with more than one module (or a module importing itself). */
function cycles(g: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v))
        found.push(scc.map((x) => relative(ROOT, x)).sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** What each top-level folder may import besides itself (README: ui -> state -> worker -> engine; viz -> engine). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  engine: [],
  worker: ['engine'],
  state: ['worker', 'engine', 'viz'],
  viz: ['engine'],
  cli: ['engine'],
  ui: ['state', 'worker', 'engine', 'viz'],
};

const layerOf = (file: string): string => {
  const top = relative(ROOT, file).split('/')[0]!;
  return top in MAY_IMPORT ? top : 'app';
};

describe('the import graph of src/', () => {
  const g = graph();

  it('has no cycles', () => {
    expect(g.size).toBeGreaterThan(200);
    expect(cycles(g)).toEqual([]);
  });

  it('runs one way between layers', () => {
    const wrong: string[] = [];
    for (const [from, deps] of g) {
      const a = layerOf(from);
      if (a === 'app') continue;
      for (const to of deps) {
        const b = layerOf(to);
        if (b !== a && !MAY_IMPORT[a]!.includes(b))
          wrong.push(`${relative(ROOT, from)} -> ${relative(ROOT, to)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    const a = join(ROOT, 'a.ts');
    const b = join(ROOT, 'b.ts');
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, []],
        ]),
      ),
    ).toEqual([]);
  });
});
