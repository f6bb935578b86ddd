// Writes trace lines the way the tools print them: the sample generator and the tests use it, so
// the parser is checked against the same framing users feed it.

export type TraceTool = 'trace-cmd' | 'perf';
/** v5.15: `address %lx error_code %x`; v6.1: `vcpu %u rip 0x%lx address 0x%016llx error_code 0x%llx`. */
export type FaultPayloadFormat = 'v5.15' | 'v6.1';

export interface EventFrame {
  /** Thread name, e.g. QEMU's "CPU 0/KVM". */
  comm: string;
  tid: number;
  cpu: number;
  seconds: number;
  /** trace-cmd's latency flags column (e.g. "....."); older trace-cmd prints none. */
  flags?: string;
}

/** One event line: `comm-tid [cpu] flags ts: event: payload` (trace-cmd) or `comm tid [cpu] ts: system:event: payload` (perf). */
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
