import { decimalValue, isBlank, scanDecimal, skipBlanks, trimEnd } from './scan.ts';

// The shapes of an event line, as the tools print them:
//   trace-cmd report   `comm-tid [cpu] flags ts: event: payload` (flags 4 or 5 characters, or none)
//   ftrace trace(_pipe) the same, optionally with `(tgid)` before `[cpu]`, names like `<...>-35787`
//   perf script        `comm tid [cpu] ts: system:event: payload` (or `comm pid/tid`, or no [cpu])
//   perf trace         `ts comm/tid system:event:payload`
//   bare payloads      `event: payload`
// Only the event name, the payload and the thread id are read. The comm may hold spaces
// ("CPU 5/KVM") and dashes, so the prefix is read from its right end, where its shape is fixed.

/** The events the parser reads; every other kvm_* event is 'otherKvm'. */
export type EventKind =
  'fault' | 'setSpte' | 'exit' | 'entry' | 'injException' | 'spteRequested' | 'tdpSpteChanged' | 'otherKvm';

/** Event names as messages say them. */
export const EVENT_NAMES: Record<EventKind, string> = {
  fault: 'kvm_page_fault',
  setSpte: 'kvm_mmu_set_spte',
  exit: 'kvm_exit',
  entry: 'kvm_entry',
  injException: 'kvm_inj_exception',
  spteRequested: 'kvm_mmu_spte_requested',
  tdpSpteChanged: 'kvm_tdp_mmu_spte_changed',
  otherKvm: 'kvm event',
};

export interface EventLocation {
  kind: EventKind;
  /** Where the prefix ends: at the system name ("kvm:") or else the event name. */
  prefixEnd: number;
  /** Where the event name starts. */
  nameAt: number;
  /** Just after the event name's colon. */
  payload: number;
}

export function emptyEventLocation(): EventLocation {
  return { kind: 'otherKvm', prefixEnd: 0, nameAt: 0, payload: 0 };
}

const COLON = 58;

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/** The kind of the event named at `at` (just after "kvm_" is at + 4), with its colon; 'otherKvm' if none of ours. */
function knownKind(line: string, at: number): EventKind | null {
  // By the letter after "kvm_": this runs on every event line, so no substrings and no loops.
  switch (line.charCodeAt(at + 4)) {
    case 112: // p
      return line.startsWith('kvm_page_fault:', at) ? 'fault' : null;
    case 109: // m
      if (line.startsWith('kvm_mmu_set_spte:', at)) return 'setSpte';
      return line.startsWith('kvm_mmu_spte_requested:', at) ? 'spteRequested' : null;
    case 101: // e
      if (line.startsWith('kvm_exit:', at)) return 'exit';
      return line.startsWith('kvm_entry:', at) ? 'entry' : null;
    case 105: // i
      return line.startsWith('kvm_inj_exception:', at) ? 'injException' : null;
    case 116: // t
      return line.startsWith('kvm_tdp_mmu_spte_changed:', at) ? 'tdpSpteChanged' : null;
    default:
      return null;
  }
}

const NAME_LENGTHS: Record<EventKind, number> = {
  fault: 14,
  setSpte: 16,
  exit: 8,
  entry: 9,
  injException: 17,
  spteRequested: 22,
  tdpSpteChanged: 24,
  otherKvm: 0,
};

/**
 * Finds the first kvm_* event name in line[0, end): it must start the line or follow a blank, or
 * follow its system name ("kvm:" / "kvmmmu:") that does; and end with a colon. So a longer name
 * that merely ends alike (fast_page_fault) or a comm holding "kvm_" is not taken for one.
 */
export function findKvmEvent(line: string, end: number, out: EventLocation): boolean {
  let from = 0;
  for (;;) {
    const at = line.indexOf('kvm_', from);
    if (at < 0 || at >= end) return false;
    if (kvmEventAt(line, end, at, out)) return true;
    from = at + 4;
  }
}

/** Whether a kvm_* event name starts at `at` ("kvm_" is there); fills out when it does. */
function kvmEventAt(line: string, end: number, at: number, out: EventLocation): boolean {
  let prefixEnd = at;
  if (at > 0) {
    const before = line.charCodeAt(at - 1);
    if (before === COLON) {
      const sys = line.startsWith('kvm:', at - 4) ? at - 4 : line.startsWith('kvmmmu:', at - 7) ? at - 7 : -1;
      if (sys < 0 || (sys > 0 && !isBlank(line.charCodeAt(sys - 1)))) return false;
      prefixEnd = sys;
    } else if (!isBlank(before)) {
      return false;
    }
  }
  const known = knownKind(line, at);
  let colon: number;
  if (known !== null) {
    colon = at + NAME_LENGTHS[known];
    if (colon >= end) return false;
  } else {
    colon = at + 4;
    while (colon < end && isNameChar(line.charCodeAt(colon))) colon++;
    if (colon >= end || line.charCodeAt(colon) !== COLON) return false;
  }
  out.kind = known ?? 'otherKvm';
  out.prefixEnd = prefixEnd;
  out.nameAt = at;
  out.payload = colon + 1;
  return true;
}

export interface PrefixFields {
  /** Thread id, or -1. */
  tid: number;
  /** -1 until commOf() finds it (only a thread's first line needs it). */
  commStart: number;
  commEnd: number;
  /** Where the `[cpu]` column starts, or -1 (perf trace, or perf script without it). */
  cpuColumn: number;
}

export function emptyPrefix(): PrefixFields {
  return { tid: -1, commStart: 0, commEnd: 0, cpuColumn: -1 };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Index of a `[digits]` CPU column in line[from, to), or -1. */
function cpuColumn(line: string, from: number, to: number): number {
  let b = line.indexOf('[', from);
  while (b >= 0 && b < to) {
    const close = scanDecimal(line, b + 1, to);
    if (close > b + 1 && close < to && line.charCodeAt(close) === 93) return b;
    b = line.indexOf('[', b + 1);
  }
  return -1;
}

/** Start of the digits that end at `to`, scanning back no further than `from`. */
function digitsBack(line: string, from: number, to: number): number {
  while (to > from && isDigit(line.charCodeAt(to - 1))) to--;
  return to;
}

/**
 * Reads the thread id and the comm from the prefix line[0, prefixEnd). Returns false (tid -1) when
 * the prefix has no thread: a bare payload, or the tail of a prefix whose start was wrapped away.
 */
export function parsePrefix(line: string, prefixEnd: number, out: PrefixFields): boolean {
  out.tid = -1;
  out.commStart = -1;
  let q = cpuColumn(line, 0, prefixEnd);
  out.cpuColumn = q;
  if (q < 0) {
    q = trimEnd(line, prefixEnd);
    if (q === 0) return false;
    if (line.charCodeAt(q - 1) !== COLON) return perfTracePrefix(line, commStartOf(line, q), q, out);
    // perf script without the cpu field: `comm tid ts:`.
    const ts = timestampBack(line, 0, q - 1);
    if (ts < 0) return false;
    q = ts;
  }
  q = trimEnd(line, q);
  if (q > 0 && line.charCodeAt(q - 1) === 41) {
    // ftrace's (tgid) column.
    const open = line.lastIndexOf('(', q - 1);
    if (open < 0) return false;
    q = trimEnd(line, open);
  }
  const t = digitsBack(line, 0, q);
  if (t === q || q - t > 10 || t === 0) return false;
  const sep = line.charCodeAt(t - 1);
  let commEnd: number;
  if (sep === 45) commEnd = t - 1;
  else if (isBlank(sep)) commEnd = trimEnd(line, t);
  else if (sep === 47) commEnd = trimEnd(line, digitsBack(line, 0, t - 1));
  else return false;
  // A comm must be there (its start is found when it is needed: see commStartOf).
  if (commEnd === 0 || isBlank(line.charCodeAt(commEnd - 1))) return false;
  out.tid = decimalValue(line, t, q);
  out.commEnd = commEnd;
  return true;
}

/** Where the comm starts: after leading blanks and mail quote marks ("> "). */
export function commStartOf(line: string, commEnd: number): number {
  let at = skipBlanks(line, 0, commEnd);
  while (at < commEnd && line.charCodeAt(at) === 62) at = skipBlanks(line, at + 1, commEnd);
  return at;
}

/** The comm bounds of a parsed prefix: [start, end). */
export function commOf(line: string, p: PrefixFields): [number, number] {
  if (p.commStart < 0) p.commStart = commStartOf(line, p.commEnd);
  return [p.commStart, p.commEnd];
}

/** Start of a `digits.digits` timestamp ending at `to`, or -1. */
function timestampBack(line: string, from: number, to: number): number {
  const frac = digitsBack(line, from, to);
  if (frac === to || frac <= from || line.charCodeAt(frac - 1) !== 46) return -1;
  const whole = digitsBack(line, from, frac - 1);
  return whole === frac - 1 ? -1 : whole;
}

/** perf trace: `ts comm/tid` before the event. */
function perfTracePrefix(line: string, from: number, to: number, out: PrefixFields): boolean {
  const t = digitsBack(line, from, to);
  if (t === to || to - t > 10 || t <= from || line.charCodeAt(t - 1) !== 47) return false;
  const tsEnd = scanDecimal(line, from, to);
  if (tsEnd === from || line.charCodeAt(tsEnd) !== 46) return false;
  const fracEnd = scanDecimal(line, tsEnd + 1, to);
  if (fracEnd === tsEnd + 1 || !isBlank(line.charCodeAt(fracEnd))) return false;
  const commStart = skipBlanks(line, fracEnd, to);
  if (commStart >= t - 1) return false;
  out.tid = decimalValue(line, t, to);
  out.commStart = commStart;
  out.commEnd = t - 1;
  return true;
}

const COMM_VCPU = 'CPU ';
const COMM_VCPU_END = '/KVM';

/**
 * The vCPU named by QEMU's vCPU thread name `CPU N/KVM` in line[from, to), or -1. The old
 * kvm_page_fault payload has no vCPU, and kvm_mmu_set_spte never has one; the thread name is one
 * place it shows, when the VMM names its threads that way.
 */
export function commVcpu(line: string, from: number, to: number): number {
  const at = line.indexOf(COMM_VCPU, from);
  if (at < 0 || at >= to) return -1;
  const digits = at + COMM_VCPU.length;
  const digitsEnd = scanDecimal(line, digits, to);
  if (digitsEnd === digits || digitsEnd - digits > 10 || !line.startsWith(COMM_VCPU_END, digitsEnd))
    return -1;
  const vcpu = decimalValue(line, digits, digitsEnd);
  return vcpu > 0xffffffff ? -1 : vcpu;
}

// Event-line shapes for the slow paths (deciding whether a line continues the one before it).
const TIMESTAMP_THEN_EVENT = /\d\.\d+:\s+[a-z_][a-z0-9_]*:/;
const PERF_TRACE_EVENT = /^\s*\d+\.\d+\s+\S.*\/\d+\s+[a-z_][a-z0-9_]*:[a-z_][a-z0-9_]*:/;
const BARE_EVENT = /^[\s>]*[a-z_][a-z0-9_]*:(?:[a-z_][a-z0-9_]*:)?/;

/** Whether the line is an event line of any event (its own start, not a continuation). */
export function looksLikeEventLine(line: string): boolean {
  return TIMESTAMP_THEN_EVENT.test(line) || PERF_TRACE_EVENT.test(line) || BARE_EVENT.test(line);
}
