import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SpteTables } from './spteTables.ts';
import { TableDirectory } from './tableDirectory.ts';

/** Bytes a table may cost, directory share included: 129 of state, 24 of directory at most. */
const PER_TABLE = 129 + 24;
/** What an empty SpteTables holds (its initial capacity of 64 tables, directory included). */
const BASE = 64 * PER_TABLE + 64 * 12 + 1024;

describe('TableDirectory', () => {
  it('maps table numbers to slots, also past 2^32 (shadow GVA tables)', () => {
    const d = new TableDirectory();
    const keys = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 36 - 1, 12345];
    keys.forEach((k, i) => d.add(k, i));
    keys.forEach((k, i) => expect(d.get(k), String(k)).toBe(i));
    expect(d.get(3)).toBe(-1);
    expect(d.get(2 ** 32 + 2)).toBe(-1);
    expect(d.size).toBe(keys.length);
  });

  it('a dense span beside the hash: entries from before it are still found', () => {
    const d = new TableDirectory();
    d.add(1000, 0); // before the span exists: hashed
    d.add(5, 1);
    d.useDense(990, 20);
    d.add(995, 2);
    d.add(1009, 3);
    d.add(1010, 4); // just past the span: hashed
    expect([1000, 5, 995, 1009, 1010, 996].map((t) => d.get(t))).toEqual([0, 1, 2, 3, 4, -1]);
    const seen: Array<[number, number]> = [];
    d.clone().forEach((t, s) => seen.push([t, s]));
    expect(seen.sort((a, b) => a[0] - b[0])).toEqual([
      [5, 1],
      [995, 2],
      [1000, 0],
      [1009, 3],
      [1010, 4],
    ]);
    expect(d.size).toBe(5);
  });

  it('keeps every entry across growth, for consecutive and scattered keys', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.oneof(fc.nat(5000), fc.integer({ min: 0, max: 2 ** 36 - 1 })), { maxLength: 600 }),
        (keys) => {
          const d = new TableDirectory();
          keys.forEach((k, i) => d.add(k, i));
          keys.forEach((k, i) => expect(d.get(k)).toBe(i));
          const seen: number[] = [];
          d.forEach((k) => seen.push(k));
          expect(seen.sort((a, b) => a - b)).toEqual([...keys].sort((a, b) => a - b));
          expect(d.byteLength).toBeLessThanOrEqual(Math.max(64, 4 * keys.length) * 12);
        },
      ),
    );
  });
});

describe('SpteTables', () => {
  it('keeps state at the top of the 52-bit GFN space and of the 57-bit GVA space', () => {
    const t = new SpteTables();
    for (const g of [2 ** 31 - 1, 2 ** 31, 2 ** 32 + 9, 2 ** 40 - 1, 2 ** 45 - 1]) {
      t.setPresent(g);
      t.setPrefetchedRun(g - (g % 8) + ((g + 1) % 8), 1);
      expect(t.stateOf(g), String(g)).toBe('present');
      expect(t.stateOf(g - (g % 8) + ((g + 1) % 8))).toBe('prefetched');
      expect(t.stateOf(g - 512)).toBe('not-present');
      expect(t.tableCodes(g - (g % 512))[g % 512]).toBe(1);
    }
    expect(t.tableBases()).toEqual(
      [2 ** 31 - 1, 2 ** 31, 2 ** 32 + 9, 2 ** 40 - 1, 2 ** 45 - 1].map((g) => g - (g % 512)),
    );
  });

  it('memory grows with the tables touched, not with their spread (property)', () => {
    // Scattered accesses anywhere in the 2^40-GFN space, and dense runs: the bytes held stay within
    // a constant per table touched, whatever the distance between them.
    const gfnArb = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 40 - 1 }),
      fc.integer({ min: 0, max: 4096 }),
      fc.nat(1 << 20).map((i) => i * 2 ** 20),
    );
    fc.assert(
      fc.property(fc.array(gfnArb, { maxLength: 2000 }), (gfns) => {
        const t = new SpteTables();
        for (const g of gfns) t.setPresent(g);
        const touched = new Set(gfns.map((g) => Math.floor(g / 512))).size;
        expect(t.tableCount).toBe(touched);
        // Doubling growth: at most twice the tables in use, plus the starting capacity.
        expect(t.bytesUsed).toBeLessThanOrEqual(BASE + 2 * touched * PER_TABLE + 4 * touched * 12);
      }),
      { numRuns: 60 },
    );
  });

  it('a million tables spaced 2^20 GFNs apart hold under 200 MB (the dense directory needed 16 GB)', () => {
    const t = new SpteTables();
    for (let i = 0; i < 1_000_000; i++) t.setPresent(i * 2 ** 20);
    expect(t.tableCount).toBe(1_000_000);
    expect(t.bytesUsed).toBeLessThan(200e6);
  });

  it('undoWrites goes back to any mark exactly (property)', () => {
    const op = fc.record({
      kind: fc.constantFrom('present', 'run', 'huge', 'clear'),
      gfn: fc.oneof(fc.nat(2047), fc.integer({ min: 2 ** 40 - 2048, max: 2 ** 40 - 1 })),
      n: fc.integer({ min: 1, max: 8 }),
    });
    const dump = (t: SpteTables, bases: number[]) => bases.map((b) => t.tableCodes(b).join(''));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.nat(), (ops, cut) => {
        const t = new SpteTables();
        t.setPresent(5);
        t.recordWrites(true);
        const marks: number[] = [];
        const snapshots: SpteTables[] = [];
        for (const o of ops) {
          marks.push(t.writeMark);
          snapshots.push(t.clone());
          const first = o.gfn - (o.gfn % 8);
          if (o.kind === 'present') t.setPresent(o.gfn);
          else if (o.kind === 'run') t.setPrefetchedRun(first, o.n);
          else if (o.kind === 'huge') t.mapHuge(o.gfn);
          else t.clearPrefetchedAt(t.ensure(o.gfn), Math.floor(o.gfn / 8) % 64, 0xff);
        }
        if (ops.length === 0) return;
        const k = cut % ops.length;
        const bases = t.tableBases();
        t.undoWrites(marks[k]!);
        expect(dump(t, bases)).toEqual(dump(snapshots[k]!, bases));
      }),
      { numRuns: 200 },
    );
  });
});
