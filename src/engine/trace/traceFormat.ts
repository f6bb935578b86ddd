// Writes trace lines the way the tools print them: the sample generator, the benchmark and the
// tests use it, so the parser is checked against the same framing users feed it. Every line here is
// made up by this project (from the tracepoints' format strings), never copied from a capture.

/**
 * trace-cmd report, perf script, the kernel's own trace / trace_pipe file ('ftrace'), or
 * perf trace ('perf-trace').
 */
export type TraceTool = 'trace-cmd' | 'perf' | 'ftrace' | 'perf-trace';
/** v5.15: `address %lx error_code %x`; v6.1: `vcpu %u rip 0x%lx address 0x%016llx error_code 0x%llx`. */
export type FaultPayloadFormat = 'v5.15' | 'v6.1';

export interface EventFrame {
  /** Thread name, e.g. QEMU's "CPU 0/KVM". */
  comm: string;
  tid: number;
  cpu: number;
  seconds: number;
  /** The latency flags column (e.g. "....." since v6.x, "d..1" before); older trace-cmd prints none. */
  flags?: string;
  /** ftrace with the record-tgid option: the `(tgid)` column. */
  tgid?: number;
}

/**
 * One event line: `comm-tid [cpu] flags ts: event: payload` (trace-cmd, ftrace),
 * `comm tid [cpu] ts: system:event: payload` (perf script) or `ms comm/tid system:event:payload`
 * (perf trace, with its 15-character comm).
 */
export function frameEvent(
  tool: TraceTool,
  frame: EventFrame,
  system: string,
  event: string,
  payload: string,
): string {
  const cpu = `[${String(frame.cpu).padStart(3, '0')}]`;
  const ts = frame.seconds.toFixed(6);
  if (tool === 'perf') {
    return `${frame.comm.padStart(16)} ${String(frame.tid).padStart(6)} ${cpu} ${ts.padStart(12)}: ${system}:${event}: ${payload}`;
  }
  if (tool === 'perf-trace') {
    const ms = (frame.seconds * 1000).toFixed(3);
    return `${ms.padStart(10)} ${frame.comm.slice(0, 15)}/${frame.tid} ${system}:${event}:${payload}`;
  }
  if (tool === 'ftrace') {
    const tgid = frame.tgid === undefined ? '' : ` (${String(frame.tgid).padStart(7)})`;
    const flags = frame.flags === undefined ? '' : ` ${frame.flags}`;
    return `${frame.comm.padStart(16)}-${String(frame.tid).padEnd(7)}${tgid} ${cpu}${flags} ${ts.padStart(12)}: ${event}: ${payload}`;
  }
  const flags = frame.flags === undefined ? '' : ` ${frame.flags}`;
  // Older trace-cmd pads event names to a column; newer prints one space.
  const name = frame.flags === undefined ? `${event}:`.padEnd(22) : `${event}:`;
  return `${`${frame.comm}-${frame.tid}`.padStart(16)} ${cpu}${flags} ${ts.padStart(12)}: ${name} ${payload}`;
}

export interface FaultEvent {
  vcpu: number;
  /** Guest RIP as hex digits (kernel addresses exceed 2^53). */
  ripHex: string;
  gpa: number;
  errorCode: number;
}

export function faultPayload(format: FaultPayloadFormat, e: FaultEvent): string {
  const address = e.gpa.toString(16);
  const code = e.errorCode.toString(16);
  if (format === 'v5.15') return `address ${address} error_code ${code}`;
  return `vcpu ${e.vcpu} rip 0x${e.ripHex} address 0x${address.padStart(16, '0')} error_code 0x${code}`;
}

export interface SetSpteEvent {
  gfn: number;
  spte: number;
  /** r, w, x and optionally u, each or "-": "rwx" under EPT, which has no user bit. */
  flags: string;
  level: number;
  sptepHex: string;
}

export function setSptePayload(e: SetSpteEvent): string {
  return `gfn ${e.gfn.toString(16)} spte ${e.spte.toString(16)} (${e.flags}) level ${e.level} at ${e.sptepHex}`;
}

/** kvm_exit's payload: v5.1x+ `vcpu reason rip info1 info2 intr_info error_code`, or the older `reason rip info`. */
export interface ExitEvent {
  vcpu: number;
  reason: string;
  ripHex: string;
  info1: bigint;
  info2: bigint;
  intrInfo: number;
  errorCode: number;
}

export function exitPayload(format: FaultPayloadFormat, e: ExitEvent): string {
  if (format === 'v5.15')
    return `reason ${e.reason} rip 0x${e.ripHex} info ${e.info1.toString(16)} ${e.intrInfo.toString(16)}`;
  const h = (v: bigint | number, w: number) => v.toString(16).padStart(w, '0');
  return (
    `vcpu ${e.vcpu} reason ${e.reason} rip 0x${e.ripHex} info1 0x${h(e.info1, 16)} info2 0x${h(e.info2, 16)} ` +
    `intr_info 0x${h(e.intrInfo, 8)} error_code 0x${h(e.errorCode, 8)}`
  );
}

/** kvm_entry: `vcpu %u` (old) or `vcpu %u, rip 0x%lx`. */
export function entryPayload(format: FaultPayloadFormat, vcpu: number, ripHex: string): string {
  return format === 'v5.15' ? `vcpu ${vcpu}` : `vcpu ${vcpu}, rip 0x${ripHex}`;
}

/** kvm_inj_exception for a #PF with its error code. */
export function injectedPfPayload(errorCode: number): string {
  return `#PF (0x${errorCode.toString(16)})`;
}

export function spteRequestedPayload(gfn: number, pfn: number, level: number): string {
  return `gfn ${gfn.toString(16)} pfn ${pfn.toString(16)} level ${level}`;
}

export function tdpSpteChangedPayload(gfn: number, level: number, oldSpte: number, newSpte: number): string {
  return `as id 0 gfn ${gfn.toString(16)} level ${level} old_spte ${oldSpte.toString(16)} new_spte ${newSpte.toString(16)}`;
}

/**
 * Breaks a line at blanks into pieces no longer than width, as mail clients hard-wrap text: the
 * first piece keeps its indentation and its inner spacing, the blanks at each break go, and a
 * word longer than width stays whole on a piece of its own.
 */
export function mailWrap(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line.trimEnd();
  while (rest.length > width) {
    const lead = rest.length - rest.trimStart().length;
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= lead) {
      cut = rest.indexOf(' ', lead);
      if (cut < 0) break;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}
