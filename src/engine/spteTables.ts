import { TableDirectory } from './tableDirectory.ts';
import type { SpteState } from './types.ts';

const WINDOWS_PER_TABLE = 64;

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
 * memory grows with the tables touched, never with the guest's size or spread. Each table costs
 * 129 bytes of state: one byte per 8-entry prefetch window for "present" (is_shadow_present_pte),
 * one for "prefetched" (accessed bit still clear), and a flag for a 2 MiB mapping covering the
 * whole table; plus at most 24 bytes in the directory (TableDirectory). Window bytes are what the
 * bulk engine indexes its lookup table with.
 *
 * Step mode records every write (recordWrites) so a timeline can go back to an earlier step by
 * undoing them instead of keeping copies of all tables (see stepHistory.ts). Every method that
 * changes state therefore goes through writeWindow/writeHuge; the bulk engine's direct writes into
 * rawWindows() are not recorded, and bulk runs do not record.
 */
export class SpteTables {
  private dir: TableDirectory;
  private present: Uint8Array;
  private prefetched: Uint8Array;
  private huge: Uint8Array;
  private count = 0;
  private journal: WriteJournal | null = null;

  constructor(initialTables = 64) {
    this.dir = new TableDirectory(initialTables);
    this.present = new Uint8Array(initialTables * WINDOWS_PER_TABLE);
    this.prefetched = new Uint8Array(initialTables * WINDOWS_PER_TABLE);
    this.huge = new Uint8Array(initialTables);
  }

  get tableCount(): number {
    return this.count;
  }

  /**
   * Bytes held by table state and the directory, allocated capacity included (not counting a
   * few hundred bytes of object overhead, or the write journal).
   */
  get bytesUsed(): number {
    return this.present.byteLength + this.prefetched.byteLength + this.huge.byteLength + this.dir.byteLength;
  }

  /** Slot of the table holding gfn, or -1 when it was never touched. */
  slotOf(gfn: number): number {
    return this.dir.get(Math.floor(gfn / 512));
  }

  /** Slot of the table holding gfn, creating the table when needed. */
  ensure(gfn: number): number {
    const t = Math.floor(gfn / 512);
    const s = this.dir.get(t);
    if (s >= 0) return s;
    if (this.count === this.huge.length) this.resize(Math.max(64, this.huge.length * 2));
    this.dir.add(t, this.count);
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
    this.dir.reserve(tables);
  }

  /**
   * Makes room for a run over the tables [firstTable, firstTable + count) that touches every one
   * of them (a pattern's span): their directory entries go in a dense array, 4 bytes a table.
   */
  reserveSpan(firstTable: number, count: number): void {
    if (count + this.count > this.huge.length) this.resize(count + this.count);
    this.dir.useDense(firstTable, count);
  }

  /**
   * The window bytes themselves, for the bulk engine's inner loops: window `w` of the table at
   * `slot` is index `slot * 64 + w`. Valid until the next ensure() that grows the tables, so
   * callers fetch them again after ensure(). Writes through them are not recorded.
   */
  rawWindows(): { present: Uint8Array; prefetched: Uint8Array } {
    return { present: this.present, prefetched: this.prefetched };
  }

  private resize(n: number): void {
    const p = new Uint8Array(n * WINDOWS_PER_TABLE);
    p.set(this.present.subarray(0, Math.min(this.present.length, p.length)));
    const r = new Uint8Array(n * WINDOWS_PER_TABLE);
    r.set(this.prefetched.subarray(0, Math.min(this.prefetched.length, r.length)));
    const h = new Uint8Array(n);
    h.set(this.huge.subarray(0, Math.min(this.huge.length, n)));
    this.present = p;
    this.prefetched = r;
    this.huge = h;
  }

  // Journal indices are int32: step mode's limits keep it far below 2^25 tables.
  private writeWindow(idx: number, present: number, prefetched: number): void {
    this.journal?.push(idx, this.present[idx]! | (this.prefetched[idx]! << 8));
    this.present[idx] = present;
    this.prefetched[idx] = prefetched;
  }

  private writeHuge(slot: number, flag: number): void {
    this.journal?.push(~slot, this.huge[slot]!);
    this.huge[slot] = flag;
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
    const w = this.ensure(gfn) * WINDOWS_PER_TABLE + (Math.floor(gfn / 8) % WINDOWS_PER_TABLE);
    const bit = 1 << (gfn % 8);
    this.writeWindow(w, this.present[w]! | bit, this.prefetched[w]! & ~bit);
  }

  /** Installs accessed SPTEs for the entries `bits` of the window at `slot`: whole windows at once. */
  setPresentBits(slot: number, window: number, bits: number): void {
    const w = slot * WINDOWS_PER_TABLE + window;
    this.writeWindow(w, this.present[w]! | bits, this.prefetched[w]! & ~bits);
  }

  /** ORs whole-window masks in: the bulk engine's fast path. */
  orWindow(slot: number, window: number, presentBits: number, prefetchedBits: number): void {
    const w = slot * WINDOWS_PER_TABLE + window;
    this.writeWindow(w, this.present[w]! | presentBits, this.prefetched[w]! | prefetchedBits);
  }

  windowPresentAt(slot: number, window: number): number {
    return this.present[slot * WINDOWS_PER_TABLE + window]!;
  }

  windowPrefetchedAt(slot: number, window: number): number {
    return this.prefetched[slot * WINDOWS_PER_TABLE + window]!;
  }

  /** Clears prefetched bits (first access sets the accessed bit). */
  clearPrefetchedAt(slot: number, window: number, bits: number): void {
    const w = slot * WINDOWS_PER_TABLE + window;
    this.writeWindow(w, this.present[w]!, this.prefetched[w]! & ~bits);
  }

  isHugeAt(slot: number): boolean {
    return this.huge[slot] === 1;
  }

  /** Installs count prefetched SPTEs from gfn (all within one window). */
  setPrefetchedRun(gfn: number, count: number): void {
    const w = this.ensure(gfn) * WINDOWS_PER_TABLE + (Math.floor(gfn / 8) % WINDOWS_PER_TABLE);
    const bits = ((1 << count) - 1) << (gfn % 8);
    this.writeWindow(w, this.present[w]! | bits, this.prefetched[w]! | bits);
  }

  /** A 2 MiB mapping replaces whatever 4 KiB entries the table held. */
  mapHuge(gfn: number): void {
    const s = this.ensure(gfn);
    this.writeHuge(s, 1);
    for (let w = s * WINDOWS_PER_TABLE; w < (s + 1) * WINDOWS_PER_TABLE; w++) this.writeWindow(w, 0xff, 0);
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
    this.dir.forEach((t) => out.push(t * 512));
    return out.sort((a, b) => a - b);
  }

  /** An independent copy (without the write journal), sized to the tables in use. */
  clone(): SpteTables {
    const c = new SpteTables(0);
    const n = Math.max(1, this.count);
    c.dir = this.dir.clone();
    c.present = this.present.slice(0, n * WINDOWS_PER_TABLE);
    c.prefetched = this.prefetched.slice(0, n * WINDOWS_PER_TABLE);
    c.huge = this.huge.slice(0, n);
    c.count = this.count;
    return c;
  }

  /** Starts (or stops) recording every write, for undoWrites. */
  recordWrites(on: boolean): void {
    this.journal = on ? (this.journal ?? new WriteJournal()) : null;
  }

  /** Position in the write record: undoWrites(mark) goes back to the state at this point. */
  get writeMark(): number {
    return this.journal?.length ?? 0;
  }

  /** Bytes held by the write record. */
  get journalBytes(): number {
    return this.journal?.byteLength ?? 0;
  }

  /**
   * Undoes every recorded write after `mark`, newest first. Tables created since stay allocated
   * but hold nothing, which reads exactly like a table never touched.
   */
  undoWrites(mark: number): void {
    const j = this.journal;
    if (!j) throw new Error('undoWrites needs recordWrites(true)');
    while (j.length > mark) {
      const at = j.popAt();
      const old = j.old[j.length]!;
      if (at < 0) this.huge[~at] = old;
      else {
        this.present[at] = old & 0xff;
        this.prefetched[at] = old >> 8;
      }
    }
  }
}

/** Old values of recorded writes: a window index (or ~slot for the huge flag) and its old bytes. */
class WriteJournal {
  at = new Int32Array(1024);
  old = new Uint16Array(1024);
  length = 0;

  get byteLength(): number {
    return this.at.byteLength + this.old.byteLength;
  }

  push(at: number, old: number): void {
    if (this.length === this.at.length) {
      const a = new Int32Array(this.length * 2);
      a.set(this.at);
      const o = new Uint16Array(this.length * 2);
      o.set(this.old);
      this.at = a;
      this.old = o;
    }
    this.at[this.length] = at;
    this.old[this.length++] = old;
  }

  popAt(): number {
    return this.at[--this.length]!;
  }
}
