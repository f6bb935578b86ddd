// Growable typed columns for the per-event records. Their backing stores live outside the JS heap,
// so the young-generation collector never copies them while they grow (plain arrays of a million
// numbers cost the parse more in GC than in parsing); one class per element type keeps push
// monomorphic.

const FIRST = 4096;

export class F64Column {
  data = new Float64Array(FIRST);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The filled part (a view, not a copy). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export class I32Column {
  data = new Int32Array(FIRST);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
