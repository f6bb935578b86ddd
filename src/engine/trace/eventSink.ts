import { MAX_GFN } from '../scenario.ts';
import { emptyFaultFields, parseFaultPayload } from './faultLine.ts';
import { countErrorCode, emptyEvidence } from './hardwareEvidence.ts';
import { commOf, commVcpu, emptyPrefix, parsePrefix } from './lineShape.ts';
import type { EventLocation } from './lineShape.ts';
import { EVENT_NAMES } from './lineShape.ts';
import { F64Column, I32Column } from './columns.ts';
import { RecentFaults } from './recentFaults.ts';
import { note, tally } from './tally.ts';
import {
  parseEntryPayload,
  parseExitPayload,
  parseInjectedPf,
  parseSpteRequested,
  parseTdpSpteChanged,
  payloadVcpu,
} from './otherEvents.ts';
import type { ExitFields } from './otherEvents.ts';
import { INCOMPLETE, isBlank, skipBlanks } from './scan.ts';
import type { PayloadStatus } from './scan.ts';
import { emptySetSpteFields, parseSetSptePayload } from './setSpteLine.ts';
import { MAX_KEPT_ERRORS } from './types.ts';
import type { TraceLineError } from './types.ts';
import { NOT_READ, ThreadTable, UNKNOWN } from './vcpuInference.ts';
import type { ThreadState } from './vcpuInference.ts';

/**
 * Where parsed events go: parse() reads a payload into scratch fields without side effects (so a
 * joined line can be tried), commit() records what the last parse read. Faults and set_spte
 * events are kept as columns; their classification waits for the end of the trace, since the
 * hardware (and with it the permission bits and the accessed bit) is decided from all of it.
 */
export class EventSink {
  readonly fault = emptyFaultFields();
  readonly spte = emptySetSpteFields();
  readonly exit: ExitFields = { vcpu: -1, kind: 'other' };
  readonly entry = { vcpu: -1 };
  readonly inj = { pf: false };
  readonly requested = { gfn: 0, level: 0 };
  readonly prefix = emptyPrefix();
  private readonly otherPrefix = emptyPrefix();

  skipped = 0;
  rejoined = 0;
  errorCount = 0;
  readonly errors: TraceLineError[] = [];

  // Per-event columns (typed, growable: see columns.ts).
  readonly faultPage = new F64Column();
  readonly faultCode = new F64Column();
  readonly faultVcpu = new F64Column();
  /** Faults followed on their thread by a #PF injected into the guest (before it ran again). */
  readonly reflected = new Set<number>();
  /** Line numbers of faults whose address is beyond 52 bits, by fault index (errors unless shadow paging). */
  readonly highLines = new Map<number, number>();
  readonly spteGfn = new F64Column();
  readonly spteLow = new I32Column();
  readonly spteLevel = new I32Column();
  readonly spteVcpu = new F64Column();
  readonly spteFault = new I32Column();
  readonly spteSeen = new I32Column();

  readonly evidence = emptyEvidence();
  tdpSpteChanged = 0;
  spteRequested = 0;
  vcpuInferred = 0;
  readonly threads = new ThreadTable();
  readonly trailing = tally();
  readonly incomplete = tally();

  /** 0: the prefix of the current line is not read yet; 1: it has a thread; 2: it has none. */
  private prefixState = 0;
  private readonly recentFaults = new RecentFaults();

  /** A new event line (or a joined one) is about to be parsed: its prefix is read when needed. */
  newLine(): void {
    this.prefixState = 0;
  }

  /** Reads the thread and comm of the event line's prefix (once per line); false when it has none. */
  readPrefix(line: string, loc: EventLocation): boolean {
    if (this.prefixState === 0) this.prefixState = parsePrefix(line, loc.prefixEnd, this.prefix) ? 1 : 2;
    return this.prefixState === 1;
  }

  /** The thread of the event line. */
  private thread(line: string, loc: EventLocation): ThreadState {
    return this.threads.of(this.readPrefix(line, loc) ? this.prefix.tid : -1);
  }

  /** Parses the payload into the scratch fields: null, INCOMPLETE or an error message. */
  parse(line: string, end: number, loc: EventLocation): PayloadStatus {
    const p = loc.payload;
    switch (loc.kind) {
      case 'fault':
        return parseFaultPayload(line, p, end, this.fault);
      case 'setSpte':
        return parseSetSptePayload(line, p, end, this.spte);
      case 'exit':
        return parseExitPayload(line, p, end, this.exit);
      case 'entry':
        return parseEntryPayload(line, p, end, this.entry);
      case 'injException':
        return parseInjectedPf(line, p, end, this.inj);
      case 'spteRequested':
        return parseSpteRequested(line, p, end, this.requested);
      case 'tdpSpteChanged':
        return parseTdpSpteChanged(line, p, end);
      case 'otherKvm':
        return skipBlanks(line, p, end) === end ? INCOMPLETE : null;
    }
  }

  /** Records the event the last parse() read. */
  commit(line: string, loc: EventLocation, n: number): void {
    switch (loc.kind) {
      case 'fault':
        return this.commitFault(line, loc, n);
      case 'setSpte':
        return this.commitSetSpte(line, loc, n);
      case 'exit':
        this.skipped++;
        return this.commitExit(n, this.thread(line, loc));
      case 'entry': {
        this.skipped++;
        const t = this.thread(line, loc);
        this.threads.name(t, this.entry.vcpu, n);
        t.openFault = -1;
        return;
      }
      case 'injException':
        this.skipped++;
        if (this.inj.pf) {
          this.evidence.injectedPf++;
          const t = this.thread(line, loc);
          if (t.openFault >= 0) this.reflected.add(t.openFault);
        }
        return;
      case 'spteRequested':
        this.skipped++;
        this.spteRequested++;
        return;
      case 'tdpSpteChanged':
        this.skipped++;
        this.tdpSpteChanged++;
        return;
      case 'otherKvm': {
        this.skipped++;
        const vcpu = payloadVcpu(line, loc.payload, line.length);
        if (vcpu >= 0) this.threads.name(this.thread(line, loc), vcpu, n);
        return;
      }
    }
  }

  /** A held event whose rest never came: an error for the replayed events, else read as far as it goes. */
  endIncomplete(line: string, loc: EventLocation, n: number): void {
    const name = EVENT_NAMES[loc.kind];
    if (loc.kind === 'fault' || loc.kind === 'setSpte') {
      this.addError(
        n,
        `${name}: the line ends before its payload does (a hard-wrapped line whose rest is missing, or a trace cut in the middle of a line)`,
      );
      return;
    }
    note(this.incomplete, n, name);
    this.skipped++;
    const t = this.thread(line, loc);
    // The reason is read even when the interruption info is missing.
    if (loc.kind === 'exit') this.commitExit(n, t);
    else if (loc.kind === 'entry') this.threads.name(t, this.entry.vcpu, n);
  }

  /**
   * A line without a kvm_* event. Another event whose payload starts with `vcpu N` (such as
   * kvmmmu:fast_page_fault) still names its thread's vCPU.
   */
  otherLine(line: string, end: number, n: number): void {
    this.skipped++;
    const v = line.indexOf(' vcpu ');
    if (v < 0 || v >= end) return;
    let colon = v;
    while (colon > 0 && isBlank(line.charCodeAt(colon - 1))) colon--;
    if (colon === 0 || line.charCodeAt(colon - 1) !== 58) return;
    let name = colon - 1;
    while (name > 0 && !isBlank(line.charCodeAt(name - 1))) name--;
    const vcpu = payloadVcpu(line, v + 1, end);
    if (vcpu < 0 || !parsePrefix(line, name, this.otherPrefix)) return;
    this.threads.name(this.threads.of(this.otherPrefix.tid), vcpu, n);
  }

  addError(line: number, message: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_KEPT_ERRORS) this.errors.push({ line, message });
  }

  /** Set by vcpuRef: the vCPU came from another event on the thread. */
  private inferred = false;

  /**
   * The vCPU of an event without one in its payload: the thread's name (`CPU N/KVM`), else the
   * vCPU named on its thread (or a pending reference to it), else UNKNOWN.
   */
  private vcpuRef(line: string, loc: EventLocation, t: ThreadState, n: number): number {
    this.inferred = false;
    if (t.slot < 0) {
      const v = commVcpu(line, 0, loc.prefixEnd);
      return v >= 0 ? v : UNKNOWN;
    }
    // A thread's name is the same on all its lines, but ftrace may print "<...>" on some of them.
    if (t.comm === NOT_READ) {
      const [from, to] = commOf(line, this.prefix);
      t.comm = commVcpu(line, from, to);
      if (t.comm >= 0) this.threads.name(t, t.comm, n);
      else if (line.charCodeAt(from) === 60) t.comm = NOT_READ;
    }
    if (t.comm >= 0) return t.comm;
    const ref = this.threads.refFor(t);
    this.inferred = ref >= 0;
    return ref;
  }

  private commitFault(line: string, loc: EventLocation, n: number): void {
    const f = this.fault;
    const t = this.thread(line, loc);
    if (f.trailing >= 0) note(this.trailing, n, line.slice(f.trailing, f.trailing + 40));
    countErrorCode(this.evidence, f.errorCode, f.errorHigh);
    let ref: number;
    if (f.vcpu >= 0) {
      ref = f.vcpu;
      this.threads.name(t, f.vcpu, n);
    } else {
      ref = this.vcpuRef(line, loc, t, n);
      if (this.inferred) this.vcpuInferred++;
    }
    const index = this.faultPage.length;
    this.faultPage.push(f.page);
    this.faultCode.push(f.errorCode);
    this.faultVcpu.push(ref);
    if (f.page >= MAX_GFN && this.highLines.size < MAX_KEPT_ERRORS) this.highLines.set(index, n);
    t.openFault = index;
    this.recentFaults.add(f.page, index);
  }

  /**
   * A kvm_mmu_set_spte belongs to the fault that installed it (recentFaults.ts), and has that
   * fault's vCPU; one that follows no fault of its own takes its thread's.
   */
  private commitSetSpte(line: string, loc: EventLocation, n: number): void {
    const s = this.spte;
    if (s.trailing >= 0) note(this.trailing, n, line.slice(s.trailing, s.trailing + 40));
    const fault = this.recentFaults.of(s.gfn, s.level, this.faultPage);
    this.spteGfn.push(s.gfn);
    this.spteLow.push(s.spteLow);
    this.spteLevel.push(s.level);
    this.spteVcpu.push(fault >= 0 ? UNKNOWN : this.vcpuRef(line, loc, this.thread(line, loc), n));
    this.spteFault.push(fault);
    this.spteSeen.push(this.faultPage.length);
  }

  private commitExit(n: number, t: ThreadState): void {
    const e = this.evidence;
    switch (this.exit.kind) {
      case 'npf':
        e.exitNpf++;
        break;
      case 'ept':
        e.exitEpt++;
        break;
      case 'shadow-intel':
        e.exitShadowIntel++;
        break;
      case 'shadow-amd':
        e.exitShadowAmd++;
        break;
      default:
        break;
    }
    this.threads.name(t, this.exit.vcpu, n);
  }
}
