import { describe, expect, it } from 'vitest';
import { HostMemory, mergeRanges } from './hostMemory.ts';

describe('HostMemory', () => {
  const host = new HostMemory(
    [
      { baseGfn: 100, pages: 50 },
      { baseGfn: 0, pages: 64 },
      { baseGfn: 200, pages: 16, readonly: true },
      { baseGfn: 300, pages: 16, dirtyLog: true },
    ],
    [
      [20, 22],
      [21, 30],
      [110, 110],
    ],
  );

  it('finds the slot of a GFN, or none in a gap', () => {
    expect(host.slotOf(0)).toBe(0);
    expect(host.slotOf(63)).toBe(0);
    expect(host.slotOf(64)).toBe(-1);
    expect(host.slotOf(149)).toBe(1);
    expect(host.slotOf(150)).toBe(-1);
  });

  it('checks a batch in the kernel order', () => {
    expect(host.batch(70, 2)).toEqual({ installed: 0, reason: 'no-memslot' });
    expect(host.batch(300, 2)).toEqual({ installed: 0, reason: 'dirty-log' });
    expect(host.batch(200, 2)).toEqual({ installed: 0, reason: 'readonly' });
    expect(host.batch(60, 7)).toEqual({ installed: 0, reason: 'crosses-slot-end' });
    expect(host.batch(20, 3)).toEqual({ installed: 0, reason: 'not-resident' });
    expect(host.batch(16, 7)).toEqual({ installed: 4 });
    expect(host.batch(31, 7)).toEqual({ installed: 7 });
    expect(host.batch(104, 7)).toEqual({ installed: 6 });
  });

  it('allows a 2 MiB mapping only inside one clean slot', () => {
    const big = new HostMemory(
      [
        { baseGfn: 0, pages: 1024 },
        { baseGfn: 1024, pages: 512, dirtyLog: true },
      ],
      [],
    );
    expect(big.hugeAllowed(0, 512)).toBe(true);
    expect(big.hugeAllowed(512, 512)).toBe(true);
    expect(big.hugeAllowed(1024, 512)).toBe(false);
    expect(new HostMemory([{ baseGfn: 0, pages: 600 }], []).hugeAllowed(512, 512)).toBe(false);
  });

  it('merges overlapping and adjacent ranges', () => {
    expect(
      mergeRanges([
        [5, 6],
        [0, 2],
        [3, 3],
        [10, 12],
        [11, 20],
      ]),
    ).toEqual([
      [0, 3],
      [5, 6],
      [10, 20],
    ]);
  });
});
