// Line problems that are counted, not listed: how many, the first line, and a sample of it.

/** A kind of line problem counted once, with its first line. */
export interface Tally {
  count: number;
  line: number;
  sample: string;
}

export const tally = (): Tally => ({ count: 0, line: 0, sample: '' });
export function note(t: Tally, line: number, sample: string): void {
  if (t.count++ === 0) {
    t.line = line;
    t.sample = sample;
  }
}
