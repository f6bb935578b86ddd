import type { EventSink } from './eventSink.ts';
import { MAX_LINE_CHARS } from './lineReader.ts';
import {
  commOf,
  emptyEventLocation,
  emptyPrefix,
  findKvmEvent,
  looksLikeEventLine,
  parsePrefix,
} from './lineShape.ts';
import type { EventLocation } from './lineShape.ts';
import { INCOMPLETE, skipBlanks, trimEnd } from './scan.ts';

// Traces pasted into mail are hard-wrapped at 72-80 columns, at blanks: a payload continues on the
// next line(s), the event name may end a line, and with narrow wrapping even the prefix (comm,
// tid, cpu, flags, timestamp) is cut. This puts the pieces back:
// - an event line whose payload ends early is held; following lines that do not start like an
//   event line are joined to it (one blank between) while the payload stays incomplete; a line
//   that would make it wrong ends the hold, and the held line is read as far as it goes;
// - an event line without a thread in its prefix takes the lines just before it that are no event
//   lines, as few as give it a whole prefix (comm-tid [cpu] ... ts:, or perf trace's ts comm/tid).
// Joined lines are counted (rejoinedLines), so every input line is still accounted for once.

/** At most this many lines before an event are tried as the start of its prefix. */
const MAX_FRAGMENTS = 12;
/** Longer lines are never taken as a piece of a wrapped prefix. */
const MAX_FRAGMENT_CHARS = 160;
const QEMU_VCPU_COMM_TAIL = /^\d+\/KVM$/;

interface Held {
  text: string;
  line: number;
  loc: EventLocation;
}

export class LineJoiner {
  private held: Held | null = null;
  private readonly fragText: string[] = [];
  private readonly fragLine: number[] = [];
  private fragCount = 0;
  private readonly loc = emptyEventLocation();
  private readonly probe = emptyEventLocation();
  private readonly prefix = emptyPrefix();

  constructor(private readonly sink: EventSink) {}

  /** One input line (without its line break), numbered n. */
  line(text: string, n: number): void {
    const end = trimEnd(text, text.length);
    if (this.held !== null && this.continueHeld(text, end)) return;
    if (end === 0 || text.charCodeAt(0) === 35) {
      // Blank lines and `#` comments (ftrace's header) end any wrapped prefix.
      this.sink.skipped++;
      this.fragCount = 0;
      return;
    }
    if (!findKvmEvent(text, end, this.loc)) {
      this.sink.otherLine(text, end, n);
      this.pushFragment(text, end, n);
      return;
    }
    this.event(text, end, n);
  }

  /** A line that is not read at all (too long): it ends every hold. */
  breakLine(): void {
    this.flush();
    this.fragCount = 0;
  }

  /** Ends the hold on an incomplete event: at the end of the trace, or when no continuation follows. */
  flush(): void {
    const h = this.held;
    if (h === null) return;
    this.held = null;
    this.sink.newLine();
    this.sink.parse(h.text, h.text.length, h.loc);
    this.sink.endIncomplete(h.text, h.loc, h.line);
  }

  private event(text: string, end: number, n: number): void {
    const sink = this.sink;
    const loc = this.loc;
    sink.newLine();
    // Only after lines that are no events can the prefix have been wrapped away.
    if (this.fragCount > 0 && !sink.readPrefix(text, loc)) {
      const glued = this.glue(text, end, n);
      if (glued !== null) {
        text = glued;
        end = text.length;
        n = this.fragLine[this.fragCount - this.glued]!;
        findKvmEvent(text, end, loc);
        sink.newLine();
      }
    }
    this.fragCount = 0;
    const status = sink.parse(text, end, loc);
    if (status === INCOMPLETE) {
      this.held = { text: text.slice(0, end), line: n, loc: { ...loc } };
    } else if (status !== null) {
      sink.addError(n, status);
    } else {
      sink.commit(text, loc, n);
    }
  }

  /** Tries the line as the continuation of the held event; false when it is not one. */
  private continueHeld(text: string, end: number): boolean {
    const h = this.held!;
    let s = skipBlanks(text, 0, end);
    // A quoted reply ("> ") keeps its quote marks on every wrapped piece.
    while (s < end && text.charCodeAt(s) === 62) s = skipBlanks(text, s + 1, end);
    // Every event line has a colon after its event name; wrapped payload text rarely has one.
    const candidate =
      s < end &&
      text.charCodeAt(s) !== 35 &&
      h.text.length + 1 + end - s <= MAX_LINE_CHARS &&
      (text.indexOf(':', s) < 0 || (!findKvmEvent(text, end, this.probe) && !looksLikeEventLine(text)));
    if (candidate) {
      // Array join builds a flat string; `${a} ${b}` would build a cons string, which the payload
      // parser flattens and then reads through an indirection on every character (~10 % of a
      // wrapped trace's parse time).
      const joined = [h.text, text.slice(s, end)].join(' ');
      this.sink.newLine();
      const status = this.sink.parse(joined, joined.length, h.loc);
      if (status === INCOMPLETE) {
        h.text = joined;
        this.sink.rejoined++;
        return true;
      }
      if (status === null) {
        this.held = null;
        this.sink.rejoined++;
        this.sink.commit(joined, h.loc, h.line);
        return true;
      }
    }
    this.flush();
    return false;
  }

  private pushFragment(text: string, end: number, n: number): void {
    if (end > MAX_FRAGMENT_CHARS) {
      this.fragCount = 0;
      return;
    }
    if (this.fragCount === MAX_FRAGMENTS) {
      this.fragText.copyWithin(0, 1);
      this.fragLine.copyWithin(0, 1);
      this.fragCount--;
    }
    this.fragText[this.fragCount] = text;
    this.fragLine[this.fragCount] = n;
    this.fragCount++;
  }

  /** How many fragments the last successful glue() took. */
  private glued = 0;

  /** The event line with the fewest lines before it that give it a whole prefix, or null. */
  private glue(text: string, end: number, n: number): string | null {
    let usable = 0;
    for (let i = this.fragCount - 1; i >= 0; i--) {
      if (this.fragLine[i] !== n - (this.fragCount - i) || looksLikeEventLine(this.fragText[i]!)) break;
      usable++;
    }
    const body = text.slice(skipBlanks(text, 0, end), end);
    const piece = (k: number) => this.fragText[this.fragCount - k]!.trim();
    for (let k = 1; k <= usable; k++) {
      const parts: string[] = [];
      for (let j = k; j >= 1; j--) parts.push(piece(j));
      let candidate = `${parts.join(' ')} ${body}`;
      if (!findKvmEvent(candidate, candidate.length, this.probe)) continue;
      if (!parsePrefix(candidate, this.probe.prefixEnd, this.prefix)) continue;
      // QEMU's vCPU threads are named "CPU N/KVM": a wrap at its blank leaves "CPU" a line before.
      const comm = candidate.slice(...commOf(candidate, this.prefix));
      if (k < usable && QEMU_VCPU_COMM_TAIL.test(comm) && piece(k + 1) === 'CPU') {
        k++;
        candidate = `CPU ${candidate}`;
      }
      this.glued = k;
      this.sink.skipped -= k;
      this.sink.rejoined += k;
      return candidate;
    }
    return null;
  }
}
