import { MAX_LINE_CHARS } from './lineReader.ts';
import { looksLikeEventLine } from './lineShape.ts';

const EQUALS = 61;

/*
 * Traces copied from the raw text of a mail (bug-tracker notifications, list archives' "raw"
 * view) are often quoted-printable: a long line is cut with "=" at the end of each piece and
 * continues on the next line with no blank between (`kvm_exit: vcpu 1 reason =` / `npf`, or
 * `0:fc95=` / `a:`). No trace event line ends with "=", so a line that does is taken as such a
 * soft break: the "=" is dropped and the next line appended directly, unless that next line
 * starts an event of its own (then the "=" line was something else, a base64 tail say, and
 * stays as it was). What is then still cut at a blank (a hard wrap) is the line joiner's
 * business (rejoin.ts).
 */
export class SoftBreaks {
  private text: string | null = null;

  /**
   * Calls `emit` with each whole line: at once for an ordinary line, after the pieces that end in
   * "=" for a soft-broken one, numbered by its last physical line (so the lines after it stay
   * adjacent for the joiner). Returns how many physical lines were appended to one before them.
   */
  line(text: string, n: number, emit: (text: string, n: number) => void): number {
    let joined = 0;
    if (this.text !== null) {
      const held = this.text;
      this.text = null;
      if (held.length + text.length < MAX_LINE_CHARS && !looksLikeEventLine(text)) {
        text = held.slice(0, -1) + text;
        joined = 1;
      } else {
        emit(held, n - 1);
      }
    }
    if (text.length > 1 && text.charCodeAt(text.length - 1) === EQUALS) {
      this.text = text;
      return joined;
    }
    emit(text, n);
    return joined;
  }

  /**
   * Hands over a line still waiting for its continuation, "=" and all (the trace ended, or an
   * overlong line came next).
   */
  flush(n: number, emit: (text: string, n: number) => void): void {
    if (this.text === null) return;
    const text = this.text;
    this.text = null;
    emit(text, n);
  }
}
