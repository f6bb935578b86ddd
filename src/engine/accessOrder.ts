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
 *
 * `inverse` runs the rounds backwards (cycle walking with the inverse cipher walks the same cycle
 * the other way), which lets the bulk engine ask "when is GFN g touched?" for the GFNs of one
 * page table at a time instead of following the order across the whole guest.
 *
 * The rounds are unrolled over four key fields and use int32 arithmetic (mixI): this runs once
 * per GFN of a 1 TiB guest, where a keys array and unsigned conversions cost several times more.
 */
export class KeyedPermutation {
  private readonly halfBits: number;
  private readonly mask: number;
  /** 2 ** halfBits: the halves are at most 16 bits, so `l * mul + r` is exact. */
  private readonly mul: number;
  private readonly k0: number;
  private readonly k1: number;
  private readonly k2: number;
  private readonly k3: number;

  constructor(
    readonly n: number,
    seed: number,
  ) {
    if (n > 2 ** 32) throw new RangeError('KeyedPermutation supports n <= 2^32');
    let bits = 2;
    while (2 ** bits < n) bits += 2;
    this.halfBits = bits / 2;
    this.mask = 2 ** this.halfBits - 1;
    this.mul = 2 ** this.halfBits;
    const keys: number[] = [];
    let s = (seed >>> 0) ^ 0x9e3779b9;
    for (let r = 0; r < 4; r++) {
      s = mix32(s + 0x6d2b79f5 * (r + 1));
      keys.push(s | 0);
    }
    [this.k0, this.k1, this.k2, this.k3] = keys as [number, number, number, number];
  }

  /** The value at position i of the order. */
  at(i: number): number {
    let x = i;
    do x = this.encrypt(x);
    while (x >= this.n);
    return x;
  }

  /** The position of value y in the order: inverse(at(i)) === i. */
  inverse(y: number): number {
    let x = y;
    do x = this.decrypt(x);
    while (x >= this.n);
    return x;
  }

  /**
   * out[k] = inverse(from + k) for k < count: the access times of a run of values, the bulk
   * engine's hottest loop (once per GFN of the guest). The round function F only ever sees one
   * half (at most 16 bits), so its values under each key are looked up in four tables made on
   * first use (4 x 2^halfBits x 2 bytes: 256 KiB for a 2^30-page pattern) instead of computed:
   * a third faster than two multiplies per round, with the same results as inverse().
   */
  inverseRange(from: number, count: number, out: Uint32Array): void {
    (this.inverseRun ??= inverseRunner(this.n, this.mask, this.halfBits, [
      this.k0,
      this.k1,
      this.k2,
      this.k3,
    ]))(from, count, out);
  }

  private inverseRun: ((from: number, count: number, out: Uint32Array) => void) | undefined;

  // A round maps (l, r) to (r, l ^ F(r, key)); values stay below 2^32, so `>>>` splits them
  // exactly. Masking with at most 16 bits makes the int32 and uint32 forms of F agree.
  private encrypt(x: number): number {
    const m = this.mask;
    let l = (x >>> this.halfBits) & m;
    let r = x & m;
    let t = l ^ (mixI(r ^ this.k0) & m);
    l = r;
    r = t;
    t = l ^ (mixI(r ^ this.k1) & m);
    l = r;
    r = t;
    t = l ^ (mixI(r ^ this.k2) & m);
    l = r;
    r = t;
    t = l ^ (mixI(r ^ this.k3) & m);
    l = r;
    r = t;
    return l * this.mul + r;
  }

  /** The rounds backwards: (l', r') gives r = l', l = r' ^ F(l', key). */
  private decrypt(x: number): number {
    const m = this.mask;
    let l = (x >>> this.halfBits) & m;
    let r = x & m;
    let t = r ^ (mixI(l ^ this.k3) & m);
    r = l;
    l = t;
    t = r ^ (mixI(l ^ this.k2) & m);
    r = l;
    l = t;
    t = r ^ (mixI(l ^ this.k1) & m);
    r = l;
    l = t;
    t = r ^ (mixI(l ^ this.k0) & m);
    r = l;
    l = t;
    return l * this.mul + r;
  }
}

/**
 * KeyedPermutation.inverseRange's loop as a closure over its constants and round tables (made
 * once per permutation): V8 compiles it about 1.4x tighter than the same loop as a method.
 */
function inverseRunner(
  n: number,
  m: number,
  hb: number,
  keys: readonly number[],
): (from: number, count: number, out: Uint32Array) => void {
  const table = (key: number) => Uint16Array.from({ length: m + 1 }, (_, v) => mixI(v ^ key) & m);
  const f0 = table(keys[0]!);
  const f1 = table(keys[1]!);
  const f2 = table(keys[2]!);
  const f3 = table(keys[3]!);
  const mul = m + 1;
  return (from, count, out) => {
    for (let k = 0; k < count; k++) {
      let y = from + k;
      // The rounds backwards, (l', r') gives r = l', l = r' ^ F(l', key); repeated while the
      // value falls outside [0, n) (cycle walking: never when n is a power of 4, else under 4
      // times on average).
      do {
        let r = (y >>> hb) & m;
        let l = (y & m) ^ f3[r]!;
        let t = r ^ f2[l]!;
        r = l;
        l = t;
        t = r ^ f1[l]!;
        r = l;
        l = t;
        t = r ^ f0[l]!;
        r = l;
        l = t;
        y = l * mul + r;
      } while (y >= n);
      out[k] = y;
    }
  };
}

/** mix32 in int32 form (same low bits; callers mask). */
function mixI(v: number): number {
  let h = v;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A 32-bit avalanche mix (murmur3 finaliser). */
export function mix32(v: number): number {
  let h = v >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
