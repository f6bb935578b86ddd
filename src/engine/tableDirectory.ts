/** The directory's load factor stays at or below 1/2, so a lookup probes about 1.5 keys. */
const MIN_CAPACITY = 64;
const EMPTY = -1;
const TWO_32 = 4294967296;
const GROUP = 16;

/**
 * Page-table number -> slot, as an open-addressing hash table in typed arrays: 24 bytes per table
 * at most, whatever the spread of the tables. The dense directory it replaces allocated 16 KB per
 * touched 8 GiB region, so a million accesses spaced 4 GiB apart cost 16 GB before any table
 * state. Table numbers are GFN / 512 (below 2^31) or, under shadow paging, GVA page / 512 (below
 * 2^36), so keys are doubles. Slots are handed out in insertion order by the caller.
 *
 * The last lookup is cached: the engine asks about the same table many times in a row (an access,
 * then its window walk), and sequential patterns move through one table at a time.
 */
export class TableDirectory {
  private keys: Float64Array;
  private slots: Int32Array;
  private shift: number;
  private used = 0;
  /** Entries in the hash (the rest are in the dense array). */
  private hashed = 0;
  private lastKey = EMPTY;
  private lastSlot = EMPTY;
  /**
   * Optionally, a dense run of tables [denseFirst, denseFirst + dense.length) kept in a plain
   * array (4 bytes per table, slot or -1) instead of the hash: for a pattern that touches every
   * table of its span, that is a third of the hash's cost and a direct index (see useDense).
   */
  private dense: Int32Array | null = null;
  private denseFirst = 0;

  constructor(tables = 0) {
    const cap = capacityFor(tables);
    this.keys = new Float64Array(cap).fill(EMPTY);
    this.slots = new Int32Array(cap);
    this.shift = 32 - Math.log2(cap / GROUP);
  }

  get size(): number {
    return this.used;
  }

  get byteLength(): number {
    return this.keys.byteLength + this.slots.byteLength + (this.dense?.byteLength ?? 0);
  }

  /**
   * Keeps tables [first, first + count) in a dense array from now on (once per directory; later
   * calls are ignored). Entries already in the hash stay there and are still found.
   */
  useDense(first: number, count: number): void {
    if (this.dense || count <= 0) return;
    this.dense = new Int32Array(count).fill(EMPTY);
    this.denseFirst = first;
  }

  /** Slot of table t, or -1. */
  get(t: number): number {
    if (t === this.lastKey) return this.lastSlot;
    const d = this.dense;
    if (d) {
      const i = t - this.denseFirst;
      if (i >= 0 && i < d.length && d[i]! >= 0) {
        this.lastKey = t;
        this.lastSlot = d[i]!;
        return this.lastSlot;
      }
    }
    const { keys } = this;
    const mask = keys.length - 1;
    for (let i = this.home(t); ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === t) {
        this.lastKey = t;
        this.lastSlot = this.slots[i]!;
        return this.lastSlot;
      }
      if (k === EMPTY) return EMPTY;
    }
  }

  /** Records table t at `slot`; t must not be present. */
  add(t: number, slot: number): void {
    const d = this.dense;
    const i = t - this.denseFirst;
    if (d && i >= 0 && i < d.length) d[i] = slot;
    else {
      if ((this.hashed + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
      this.insert(t, slot);
      this.hashed++;
    }
    this.used++;
    this.lastKey = t;
    this.lastSlot = slot;
  }

  /** Makes room for `tables` hashed entries without rehashing on the way. */
  reserve(tables: number): void {
    const cap = capacityFor(tables);
    if (cap > this.keys.length) this.rehash(cap);
  }

  /** Calls f(table, slot) for every entry, in no particular order. */
  forEach(f: (table: number, slot: number) => void): void {
    const { keys, slots, dense } = this;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) f(keys[i]!, slots[i]!);
    if (dense) for (let i = 0; i < dense.length; i++) if (dense[i]! >= 0) f(this.denseFirst + i, dense[i]!);
  }

  clone(): TableDirectory {
    const c = new TableDirectory(0);
    c.keys = this.keys.slice();
    c.slots = this.slots.slice();
    c.shift = this.shift;
    c.used = this.used;
    c.hashed = this.hashed;
    c.dense = this.dense?.slice() ?? null;
    c.denseFirst = this.denseFirst;
    return c;
  }

  /**
   * Groups of 16 consecutive tables hash together (Fibonacci hashing of t / 16) and sit side by
   * side in the arrays: a sequential run touches one cache line per 8 tables instead of missing
   * the cache on every table, as a hash of t itself would.
   */
  private home(t: number): number {
    const g = Math.floor(t / GROUP);
    const lo = g | 0; // ToInt32 keeps the low 32 bits exactly for integers below 2^53
    const hi = (g / TWO_32) | 0;
    return (
      ((Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift) * GROUP) | (t & (GROUP - 1))
    );
  }

  private insert(t: number, slot: number): void {
    const { keys } = this;
    const mask = keys.length - 1;
    let i = this.home(t);
    while (keys[i] !== EMPTY) i = (i + 1) & mask;
    keys[i] = t;
    this.slots[i] = slot;
  }

  private rehash(cap: number): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Float64Array(cap).fill(EMPTY);
    this.slots = new Int32Array(cap);
    this.shift = 32 - Math.log2(cap / GROUP);
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== EMPTY) this.insert(oldKeys[i]!, oldSlots[i]!);
  }
}

function capacityFor(tables: number): number {
  let cap = MIN_CAPACITY;
  while (cap < tables * 2) cap *= 2;
  return cap;
}
