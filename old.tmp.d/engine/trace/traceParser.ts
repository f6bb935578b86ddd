import {
  commVcpu,
  FAULT_EVENT,
  FAULT_SYSTEM,
  findEvent,
  SET_SPTE_EVENT,
  SET_SPTE_SYSTEM,
} from './eventLine.ts';
import { emptyFaultFields, isPermissionFault, parseFaultPayload } from './faultLine.ts';
import { accessedMask, emptySetSpteFields, parseSetSptePayload } from './setSpteLine.ts';
import { MAX_KEPT_ERRORS } from './types.ts';
import type {
  ParsedTrace,
  SetSpteRecord,
  TraceHardware,
  TraceLineError,
  TraceParserOptions,
} from './types.ts';

/** Longer lines are counted as skipped without being held in memory. */
export const MAX_LINE_CHARS = 1 << 16;

/** Binary recordings that users load by mistake instead of their text reports. */
const BINARY_MAGICS: ReadonlyArray<readonly [string, string]> = [
  ['\x17\x08Dtracing', 'a binary trace-cmd trace.dat: load the output of `trace-cmd report` instead'],
  ['PERFILE2', 'a binary perf.data: load the output of `perf script` instead'],
];
const SNIFF_CHARS = 10;

/**
 * Streaming parser for `trace-cmd report` / `perf script` text. Push chunks of any size (a line may
 * be split anywhere, even inside "\r\n"), then call finish(). Never throws on bad input: malformed
 * event lines become errors with their line numbers.
 *
 * Header lines (trace-cmd's `cpus=N` and `version = N`, `#` comments, blank lines) and lines of
 * other events count as skipped.
 *
 * GFN = address >> 12 assumes two-dimensional paging (EPT/NPT), where the address is a guest
 * physical address. Under shadow paging it is a guest virtual address and a replay means nothing.
 */
export class TraceParser {
  private readonly wantedVcpu: number;
  private readonly hardware: TraceHardware;
  private readonly accessed: number;
  private readonly opts: TraceParserOptions;
  private readonly fault = emptyFaultFields();
  private readonly setSpte = emptySetSpteFields();
  private readonly vcpuSet = new Set<number>();
  private readonly result: ParsedTrace = {
    lines: 0,
    faults: 0,
    skipped: 0,
    permissionFaults: 0,
    otherVcpuEvents: 0,
    unknownVcpuEvents: 0,
    errors: [],
    errorCount: 0,
    gfns: [],
    vcpus: [],
    setSptes: [],
    maxGfn: -1,
    bytes: 0,
    cancelled: false,
  };
  private pending = '';
  private pendingOverlong = false;
  private head = '';
  private stopped = false;
  private finished = false;

  constructor(opts: TraceParserOptions = {}) {
    this.opts = opts;
    this.wantedVcpu = opts.vcpu ?? -1;
    this.hardware = opts.hardware ?? 'ept';
    this.accessed = accessedMask(this.hardware);
  }

  /** Stops parsing: later chunks are ignored and the result says cancelled. */
  cancel(): void {
    this.result.cancelled = true;
    this.stopped = true;
  }

  /** Feeds the next piece of text; byteLength is what progress reports (default: its length). */
  push(chunk: string, byteLength = chunk.length): void {
    if (this.finished || this.stopped) return;
    if (this.opts.isCancelled?.()) {
      this.cancel();
      return;
    }
    this.result.bytes += byteLength;
    // A byte-order mark (Windows editors) would hide an event name that starts the first line.
    if (this.head.length === 0 && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    if (this.head.length < SNIFF_CHARS) {
      this.head += chunk.slice(0, SNIFF_CHARS - this.head.length);
      if (this.head.length >= SNIFF_CHARS && this.sniffBinary()) return;
    }
    this.consume(chunk);
    this.opts.onProgress?.(this.result.bytes);
  }

  /** Parses the last, unterminated line and returns the result; later calls return the same. */
  finish(): ParsedTrace {
    if (!this.finished) {
      this.finished = true;
      if (!this.stopped && !this.sniffBinary() && (this.pending.length > 0 || this.pendingOverlong)) {
        this.takeLine(this.pending, this.pendingOverlong);
      }
      this.pending = '';
      this.result.vcpus = [...this.vcpuSet].sort((a, b) => a - b);
    }
    return this.result;
  }

  private consume(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (this.pending.length > 0 || this.pendingOverlong) {
      if (nl < 0) {
        this.hold(chunk);
        return;
      }
      this.hold(chunk.slice(0, nl));
      this.takeLine(this.pending, this.pendingOverlong);
      this.pending = '';
      this.pendingOverlong = false;
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    while (nl >= 0) {
      if (nl - start > MAX_LINE_CHARS) this.takeLine('', true);
      else this.takeLine(chunk.slice(start, nl), false);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.hold(chunk.slice(start));
  }

  /** Appends to the unterminated line, keeping at most MAX_LINE_CHARS of it. */
  private hold(text: string): void {
    if (this.pending.length + text.length > MAX_LINE_CHARS) {
      this.pendingOverlong = true;
      this.pending = '';
    } else if (!this.pendingOverlong) {
      this.pending += text;
    }
  }

  private sniffBinary(): boolean {
    for (const [magic, message] of BINARY_MAGICS) {
      if (this.head.startsWith(magic)) {
        this.addError(1, `not a text trace: ${message}`);
        this.stopped = true;
        return true;
      }
    }
    return false;
  }

  private takeLine(line: string, overlong: boolean): void {
    const r = this.result;
    const n = ++r.lines;
    if (overlong) {
      // No event line is this long; dropping it whole keeps a newline-free blob from filling memory.
      r.skipped++;
      return;
    }
    let end = line.length;
    if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
    if (end === 0 || line.charCodeAt(0) === 35) {
      r.skipped++;
      return;
    }
    let at = findEvent(line, FAULT_EVENT, FAULT_SYSTEM);
    if (at >= 0 && at < end) {
      this.takeFault(line, at, end, n);
      return;
    }
    at = findEvent(line, SET_SPTE_EVENT, SET_SPTE_SYSTEM);
    if (at >= 0 && at < end) {
      this.takeSetSpte(line, at, end, n);
      return;
    }
    r.skipped++;
  }

  private takeFault(line: string, at: number, end: number, n: number): void {
    const r = this.result;
    const f = this.fault;
    const err = parseFaultPayload(line, at + FAULT_EVENT.length, end, f);
    if (err !== null) {
      this.addError(n, err);
      return;
    }
    const vcpu = f.vcpu >= 0 ? f.vcpu : commVcpu(line, at);
    if (vcpu >= 0) this.vcpuSet.add(vcpu);
    else r.unknownVcpuEvents++;
    if (this.wantedVcpu >= 0 && vcpu !== this.wantedVcpu) {
      r.otherVcpuEvents++;
      return;
    }
    if (isPermissionFault(f.errorCode, this.hardware)) {
      r.permissionFaults++;
      return;
    }
    r.faults++;
    r.gfns.push(f.gfn);
    if (f.gfn > r.maxGfn) r.maxGfn = f.gfn;
  }

  private takeSetSpte(line: string, at: number, end: number, n: number): void {
    const r = this.result;
    const s = this.setSpte;
    const err = parseSetSptePayload(line, at + SET_SPTE_EVENT.length, end, s);
    if (err !== null) {
      this.addError(n, err);
      return;
    }
    const vcpu = commVcpu(line, at);
    if (vcpu < 0) r.unknownVcpuEvents++;
    if (this.wantedVcpu >= 0 && vcpu !== this.wantedVcpu) {
      r.otherVcpuEvents++;
      return;
    }
    const record: SetSpteRecord = {
      gfn: s.gfn,
      prefetched: (s.spteLow & this.accessed) === 0,
      level: s.level,
    };
    r.setSptes.push(record);
  }

  private addError(line: number, message: string): void {
    const r = this.result;
    r.errorCount++;
    if (r.errors.length < MAX_KEPT_ERRORS) r.errors.push({ line, message } satisfies TraceLineError);
  }
}

/** Parses a whole text at once (tests, pasted text, small files). */
export function parseTraceText(text: string, opts: TraceParserOptions = {}): ParsedTrace {
  const parser = new TraceParser(opts);
  parser.push(text);
  return parser.finish();
}
