/** Longer lines are errors (no event line is this long), and are never held in memory. */
export const MAX_LINE_CHARS = 1 << 16;

/**
 * Cuts text pushed in chunks of any size into lines. A line ends at "\n", "\r\n" or a lone "\r"
 * (old Mac files, and files whose line endings were mixed by copying between systems), even when
 * a chunk ends between the "\r" and the "\n". Lines are handed over without their line break;
 * a line longer than MAX_LINE_CHARS is handed over as overlong, without its text.
 */
export class LineReader {
  private pending = '';
  private pendingOverlong = false;
  /** The last chunk ended with "\r": a "\n" starting the next one belongs to that break. */
  private skipLf = false;

  constructor(private readonly onLine: (text: string, overlong: boolean) => void) {}

  push(chunk: string): void {
    const len = chunk.length;
    let start = 0;
    if (this.skipLf && len > 0) {
      this.skipLf = false;
      if (chunk.charCodeAt(0) === 10) start = 1;
    }
    let lf = chunk.indexOf('\n', start);
    let cr = chunk.indexOf('\r', start);
    while (lf >= 0 || cr >= 0) {
      const isCr = cr >= 0 && (lf < 0 || cr < lf);
      const brk = isCr ? cr : lf;
      this.endLine(chunk, start, brk);
      let next = brk + 1;
      if (isCr) {
        if (next === len) this.skipLf = true;
        else if (chunk.charCodeAt(next) === 10) next++;
        cr = chunk.indexOf('\r', next);
        if (lf >= 0 && lf < next) lf = chunk.indexOf('\n', next);
      } else {
        lf = chunk.indexOf('\n', next);
      }
      start = next;
    }
    if (start < len) this.hold(start === 0 ? chunk : chunk.slice(start));
  }

  /** Hands over the last, unterminated line, if any. */
  end(): void {
    if (this.pending.length > 0 || this.pendingOverlong) {
      const text = this.pending;
      const overlong = this.pendingOverlong;
      this.pending = '';
      this.pendingOverlong = false;
      this.onLine(text, overlong);
    }
  }

  private endLine(chunk: string, start: number, brk: number): void {
    if (this.pending.length > 0 || this.pendingOverlong) {
      this.hold(chunk.slice(start, brk));
      const text = this.pending;
      const overlong = this.pendingOverlong;
      this.pending = '';
      this.pendingOverlong = false;
      this.onLine(text, overlong);
    } else if (brk - start > MAX_LINE_CHARS) {
      this.onLine('', true);
    } else {
      this.onLine(chunk.slice(start, brk), false);
    }
  }

  /** Appends to the unterminated line, keeping at most MAX_LINE_CHARS of it. */
  private hold(text: string): void {
    if (this.pendingOverlong) return;
    if (this.pending.length + text.length > MAX_LINE_CHARS) {
      this.pendingOverlong = true;
      this.pending = '';
    } else {
      this.pending += text;
    }
  }
}
