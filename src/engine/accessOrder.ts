import type { AccessPattern } from './types.ts';

/** A scenario's accesses as a random-access sequence, so nothing of guest size is materialised. */
export interface AccessSequence {
  readonly count: number;
  at(i: number): number;
}

export function accessSequence(accesses: readonly number[] | AccessPattern): AccessSequence {
  if (Array.isArray(accesses)) {
    const list = accesses as readonly number[];
    return { count: list.length, at: (i) => list[i]! };
  }
  const p = accesses as AccessPattern;
  const { startGfn, pages } = p;
  switch (p.pattern) {
    case 'sequential':
      return { count: pages, at: (i) => startGfn + i };
    case 'reverse':
      return { count: pages, at: (i) => startGfn + pages - 1 - i };
    case 'stride': {
      const stride = p.stride ?? 1;
      return { count: Math.ceil(pages / stride), at: (i) => startGfn + i * stride };
    }
    case 'random': {
      const perm = new KeyedPermutation(pages, p.seed ?? 0);
      return { count: pages, at: (i) => startGfn + perm.at(i) };
    }
  }
}

/**
 * A bijection on [0, n) from a keyed 4-round Feistel network with cycle walking: a seeded random
 * order over a 1 TiB guest without a 1 GiB permutation array. The Feistel domain is the smallest
 * even power of two >= n, so cycle walking takes under 4 steps on average.
 */
export class KeyedPermutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: Uint32Array;

  constructor(
    readonly n: number,
    seed: number,
  ) {
    if (n > 2 ** 32) throw new RangeError('KeyedPermutation supports n <= 2^32');
    let bits = 2;
    while (2 ** bits < n) bits += 2;
    this.halfBits = bits / 2;
    this.mask = 2 ** this.halfBits - 1;
    this.keys = new Uint32Array(4);
    let s = (seed >>> 0) ^ 0x9e3779b9;
    for (let r = 0; r < 4; r++) {
      s = mix32(s + 0x6d2b79f5 * (r + 1));
      this.keys[r] = s;
    }
  }

  at(i: number): number {
    let x = i;
    do x = this.encrypt(x);
    while (x >= this.n);
    return x;
  }

  private encrypt(x: number): number {
    const hb = this.halfBits;
    const m = this.mask;
    let l = Math.floor(x / 2 ** hb) & m;
    let r = x & m;
    for (let k = 0; k < 4; k++) {
      const t = l ^ (mix32(r ^ this.keys[k]!) & m);
      l = r;
      r = t;
    }
    return l * 2 ** hb + r;
  }
}

/** A 32-bit avalanche mix (murmur3 finaliser). */
export function mix32(v: number): number {
  let h = v >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
