import { EventSink } from './eventSink.ts';
import { LineReader, MAX_LINE_CHARS } from './lineReader.ts';
import { LineJoiner } from './rejoin.ts';
import { SoftBreaks } from './softBreaks.ts';
import { traceResult } from './traceResult.ts';
import type { ParsedTrace, TraceParserOptions } from './types.ts';

export { MAX_LINE_CHARS };

/** Binary recordings that users load by mistake instead of their text reports. */
const BINARY_MAGICS: ReadonlyArray<readonly [string, string]> = [
  ['\x17\x08Dtracing', 'a binary trace-cmd trace.dat: load the output of `trace-cmd report` instead'],
  ['PERFILE2', 'a binary perf.data: load the output of `perf script` instead'],
];
const SNIFF_CHARS = 10;

/**
 * Streaming parser for KVM traces as people post them: `trace-cmd report`, `perf script`,
 * `perf trace`, the kernel's own trace / trace_pipe files and bare payloads, hard-wrapped or not
 * (see lineShape.ts and rejoin.ts). Push chunks of any size (a line may be split anywhere, even
 * inside "\r\n"), then call finish(). Never throws on bad input: malformed event lines become
 * errors with their line numbers, oddities become warnings.
 *
 * The hardware (EPT, NPT or shadow paging) is decided at finish() from the trace's evidence
 * (hardwareEvidence.ts) unless the caller chose it; it decides what an error code and an accessed
 * bit mean, and whether addresses are guest physical or guest virtual.
 */
export class TraceParser {
  private readonly opts: TraceParserOptions;
  private readonly sink = new EventSink();
  private readonly joiner = new LineJoiner(this.sink);
  private readonly reader = new LineReader((text, overlong) => this.takeLine(text, overlong));
  private readonly soft = new SoftBreaks();
  private readonly toJoiner = (text: string, n: number): void => this.joiner.line(text, n);
  private lines = 0;
  private bytes = 0;
  private cancelled = false;
  private head = '';
  private stopped = false;
  private result: ParsedTrace | null = null;

  constructor(opts: TraceParserOptions = {}) {
    this.opts = opts;
  }

  /** Stops parsing: later chunks are ignored and the result says cancelled. */
  cancel(): void {
    this.cancelled = true;
    this.stopped = true;
  }

  /** Feeds the next piece of text; byteLength is what progress reports (default: its length). */
  push(chunk: string, byteLength = chunk.length): void {
    if (this.result !== null || this.stopped) return;
    if (this.opts.isCancelled?.()) {
      this.cancel();
      return;
    }
    this.bytes += byteLength;
    // A byte-order mark (Windows editors) would hide an event name that starts the first line.
    if (this.head.length === 0 && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    if (this.head.length < SNIFF_CHARS) {
      this.head += chunk.slice(0, SNIFF_CHARS - this.head.length);
      if (this.head.length >= SNIFF_CHARS && this.sniffBinary()) return;
    }
    this.reader.push(chunk);
    this.opts.onProgress?.(this.bytes);
  }

  /** Parses the last, unterminated line, classifies everything and returns the result; later calls return the same. */
  finish(): ParsedTrace {
    if (this.result === null) {
      if (!this.stopped && !this.sniffBinary()) {
        this.reader.end();
        this.soft.flush(this.lines, this.toJoiner);
        this.joiner.flush();
      }
      this.result = traceResult({
        sink: this.sink,
        lines: this.lines,
        bytes: this.bytes,
        cancelled: this.cancelled,
        wantedVcpu: this.opts.vcpu ?? -1,
        hardware: this.opts.hardware,
      });
    }
    return this.result;
  }

  private takeLine(text: string, overlong: boolean): void {
    const n = ++this.lines;
    if (overlong) {
      this.soft.flush(n - 1, this.toJoiner);
      this.joiner.breakLine();
      this.sink.addError(
        n,
        `the line is longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters, which no trace event is: left out unread`,
      );
      return;
    }
    // Not `rejoined += soft.line(...)`: the joiner counts its own joins while soft.line runs.
    const softJoined = this.soft.line(text, n, this.toJoiner);
    this.sink.rejoined += softJoined;
  }

  private sniffBinary(): boolean {
    for (const [magic, message] of BINARY_MAGICS) {
      if (this.head.startsWith(magic)) {
        if (!this.stopped) this.sink.addError(1, `not a text trace: ${message}`);
        this.stopped = true;
        return true;
      }
    }
    return false;
  }
}

/** Parses a whole text at once (tests, pasted text, small files). */
export function parseTraceText(text: string, opts: TraceParserOptions = {}): ParsedTrace {
  const parser = new TraceParser(opts);
  parser.push(text);
  return parser.finish();
}
