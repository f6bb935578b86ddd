import type { SpteState } from './types.ts';

const WINDOWS_PER_TABLE = 64;
/** Tables per directory chunk: 4096 tables cover 2^21 GFNs (8 GiB of guest memory). */
const CHUNK_TABLES = 4096;
const CHUNK_GFNS = CHUNK_TABLES * 512;

/** Numeric codes of SpteState, as stored in snapshots sent to the UI. */
export const STATE_CODES: readonly SpteState[] = ['not-present', 'present', 'prefetched', 'huge'];
export const enumState = {
  notPresent: 0,
  present: 1,
  prefetched: 2,
  huge: 3,
} as const;

/**
 * The shadow page tables of one VM: 4 KiB tables of 512 SPTEs, created lazily on first touch so
 * memory grows with touched tables, not with guest size. Each table costs 129 bytes: one byte per
 * 8-entry prefetch window for "present" (is_shadow_present_pte), one for "prefetched" (accessed
 * bit still clear), and a flag for a 2 MiB mapping covering the whole table. Window bytes are what
 * the bulk engine indexes its lookup table with.
 */
export class SpteTables {
  private dirs = new Map<number, Int32Array>();
  private present: Uint8Array;
  private prefetched: Uint8Array;
  private huge: Uint8Array;
  private count = 0;
  private lastChunk = -1;
  private lastDir: Int32Array | undefined;

  constructor(initialTables = 64) {
    this.present = new Uint8Array(initialTables * WINDOWS_PER_TABLE);
    this.prefetched = new Uint8Array(initialTables * WINDOWS_PER_TABLE);
    this.huge = new Uint8Array(initialTables);
  }

  get tableCount(): number {
    return this.count;
  }

  /** Bytes held by table state (not counting the JS object overhead of the directory map). */
  get bytesUsed(): number {
    return (
      this.present.byteLength +
      this.prefetched.byteLength +
      this.huge.byteLength +
      this.dirs.size * CHUNK_TABLES * 4
    );
  }

  private dir(gfn: number, create: boolean): Int32Array | undefined {
    const chunk = Math.floor(gfn / CHUNK_GFNS);
    if (chunk === this.lastChunk) return this.lastDir;
    let d = this.dirs.get(chunk);
    if (!d) {
      if (!create) return undefined;
      d = new Int32Array(CHUNK_TABLES).fill(-1);
      this.dirs.set(chunk, d);
    }
    this.lastChunk = chunk;
    this.lastDir = d;
    return d;
  }

  /** Slot of the table holding gfn, or -1 when it was never touched. */
  slotOf(gfn: number): number {
    const d = this.dir(gfn, false);
    if (!d) return -1;
    return d[Math.floor(gfn / 512) % CHUNK_TABLES]!;
  }

  /** Slot of the table holding gfn, creating the table when needed. */
  ensure(gfn: number): number {
    const d = this.dir(gfn, true)!;
    const at = Math.floor(gfn / 512) % CHUNK_TABLES;
    const s = d[at]!;
    if (s >= 0) return s;
    if (this.count === this.huge.length) this.grow();
    d[at] = this.count;
    return this.count++;
  }

  /** Table capacity before the next growth. */
  get capacity(): number {
    return this.huge.length;
  }

  /**
   * Makes room for `tables` tables in one step. Growth by doubling copies every array and can
   * briefly hold 1.5x the final size; a bulk run that knows how many tables its accesses can
   * reach sizes them once instead (a 1 TiB guest: 524,288 tables, 64.5 MiB).
   */
  reserve(tables: number): void {
    if (tables > this.huge.length) this.resize(tables);
  }

  /**
   * The window bytes themselves, for the bulk engine's inner loops: window `w` of the table at
   * `slot` is index `slot * 64 + w`. Valid until the next ensure() that grows the tables, so
   * callers fetch them again after ensure().
   */
  rawWindows(): { present: Uint8Array; prefetched: Uint8Array } {
    return { present: this.present, prefetched: this.prefetched };
  }

  private grow(): void {
    this.resize(this.huge.length * 2);
  }

  private resize(n: number): void {
    const p = new Uint8Array(n * WINDOWS_PER_TABLE);
    p.set(this.present);
    const r = new Uint8Array(n * WINDOWS_PER_TABLE);
    r.set(this.prefetched);
    const h = new Uint8Array(n);
    h.set(this.huge);
    this.present = p;
    this.prefetched = r;
    this.huge = h;
  }

  /** Present bits of the 8-entry window holding gfn (bit j = entry j of the window). */
  windowPresent(gfn: number): number {
    const s = this.slotOf(gfn);
    if (s < 0) return 0;
    return this.present[s * WINDOWS_PER_TABLE + (Math.floor(gfn / 8) % WINDOWS_PER_TABLE)]!;
  }

  /** Prefetched (accessed bit clear) bits of the window holding gfn. */
  windowPrefetched(gfn: number): number {
    const s = this.slotOf(gfn);
    if (s < 0) return 0;
    return this.prefetched[s * WINDOWS_PER_TABLE + (Math.floor(gfn / 8) % WINDOWS_PER_TABLE)]!;
  }

  isHuge(gfn: number): boolean {
    const s = this.slotOf(gfn);
    return s >= 0 && this.huge[s] === 1;
  }

  stateOf(gfn: number): SpteState {
    const s = this.slotOf(gfn);
    if (s < 0) return 'not-present';
    if (this.huge[s]) return 'huge';
    const w = s * WINDOWS_PER_TABLE + (Math.floor(gfn / 8) % WINDOWS_PER_TABLE);
    const bit = 1 << (gfn % 8);
    if (this.prefetched[w]! & bit) return 'prefetched';
    if (this.present[w]! & bit) return 'present';
    return 'not-present';
  }

  /** Installs an accessed (faulted or touched) SPTE. */
  setPresent(gfn: number): void {
    const s = this.ensure(gfn);
    const w = s * WINDOWS_PER_TABLE + (Math.floor(gfn / 8) % WINDOWS_PER_TABLE);
    const bit = 1 << (gfn % 8);
    this.present[w]! |= bit;
    this.prefetched[w]! &= ~bit;
  }

  /** ORs whole-window masks in: the bulk engine's fast path. */
  orWindow(slot: number, window: number, presentBits: number, prefetchedBits: number): void {
    const w = slot * WINDOWS_PER_TABLE + window;
    this.present[w]! |= presentBits;
    this.prefetched[w]! |= prefetchedBits;
  }

  windowPresentAt(slot: number, window: number): number {
    return this.present[slot * WINDOWS_PER_TABLE + window]!;
  }

  windowPrefetchedAt(slot: number, window: number): number {
    return this.prefetched[slot * WINDOWS_PER_TABLE + window]!;
  }

  /** Clears prefetched bits (first access sets the accessed bit). */
  clearPrefetchedAt(slot: number, window: number, bits: number): void {
    this.prefetched[slot * WINDOWS_PER_TABLE + window]! &= ~bits;
  }

  isHugeAt(slot: number): boolean {
    return this.huge[slot] === 1;
  }

  /** Installs count prefetched SPTEs from gfn (all within one window). */
  setPrefetchedRun(gfn: number, count: number): void {
    const s = this.ensure(gfn);
    const w = s * WINDOWS_PER_TABLE + (Math.floor(gfn / 8) % WINDOWS_PER_TABLE);
    const bits = ((1 << count) - 1) << (gfn % 8);
    this.present[w]! |= bits;
    this.prefetched[w]! |= bits;
  }

  /** A 2 MiB mapping replaces whatever 4 KiB entries the table held. */
  mapHuge(gfn: number): void {
    const s = this.ensure(gfn);
    this.huge[s] = 1;
    this.present.fill(0xff, s * WINDOWS_PER_TABLE, (s + 1) * WINDOWS_PER_TABLE);
    this.prefetched.fill(0, s * WINDOWS_PER_TABLE, (s + 1) * WINDOWS_PER_TABLE);
  }

  /** Entry states (codes into STATE_CODES) of the table holding gfn, for a view. */
  tableCodes(gfn: number): Uint8Array {
    const out = new Uint8Array(512);
    const s = this.slotOf(gfn);
    if (s < 0) return out;
    if (this.huge[s]) return out.fill(enumState.huge);
    for (let w = 0; w < WINDOWS_PER_TABLE; w++) {
      const p = this.present[s * WINDOWS_PER_TABLE + w]!;
      const r = this.prefetched[s * WINDOWS_PER_TABLE + w]!;
      for (let j = 0; j < 8; j++) {
        const bit = 1 << j;
        out[w * 8 + j] = r & bit ? enumState.prefetched : p & bit ? enumState.present : enumState.notPresent;
      }
    }
    return out;
  }

  /** Base GFNs of every touched table, ascending. */
  tableBases(): number[] {
    const out: number[] = [];
    for (const [chunk, d] of this.dirs) {
      for (let i = 0; i < CHUNK_TABLES; i++) if (d[i]! >= 0) out.push(chunk * CHUNK_GFNS + i * 512);
    }
    return out.sort((a, b) => a - b);
  }

  clone(): SpteTables {
    const c = new SpteTables(1);
    c.dirs = new Map([...this.dirs].map(([k, v]) => [k, v.slice()]));
    c.present = this.present.slice();
    c.prefetched = this.prefetched.slice();
    c.huge = this.huge.slice();
    c.count = this.count;
    return c;
  }
}
