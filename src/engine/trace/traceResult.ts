import { MAX_GFN } from '../scenario.ts';
import type { EventSink } from './eventSink.ts';
import type { Tally } from './tally.ts';
import { isPermissionFault } from './faultLine.ts';
import { decideHardware, HARDWARE_LABELS } from './hardwareEvidence.ts';
import { kernelBehaviour, prefetchedFlags } from './kernelBehaviour.ts';
import { accessedMask } from './setSpteLine.ts';
import { MAX_KEPT_ERRORS } from './types.ts';
import type { ParsedTrace, SetSpteRecord, TraceHardware, TraceLineError, TraceWarning } from './types.ts';
import { UNKNOWN } from './vcpuInference.ts';

/** Under shadow paging the replay works on the low 48 bits of the GVA (what 4-level paging walks). */
const GVA_PAGES = 2 ** 36;

export interface ResultInput {
  sink: EventSink;
  lines: number;
  bytes: number;
  cancelled: boolean;
  wantedVcpu: number;
  hardware: TraceHardware | undefined;
}

/**
 * Classifies what the parse recorded, now that the whole trace is known: decides the hardware,
 * resolves vCPUs, applies the vCPU filter, tells permission faults (and under shadow paging faults
 * handed back to the guest) from the faults to replay, and reads the kernel's behaviour.
 */
export function traceResult(input: ResultInput): ParsedTrace {
  const { sink, wantedVcpu } = input;
  const decision = decideHardware(sink.evidence, input.hardware);
  const hardware = decision.hardware;
  const threads = sink.threads;
  const errors: TraceLineError[] = [...sink.errors];
  let errorCount = sink.errorCount;
  let vcpuInferred = sink.vcpuInferred;
  let unknownVcpuEvents = 0;
  let otherVcpuEvents = 0;
  let permissionFaults = 0;
  let guestFaults = 0;
  let maxGfn = -1;
  const vcpuSet = new Set<number>();
  const gfns: number[] = [];

  const nFaults = sink.faultPage.length;
  const page = sink.faultPage.view();
  const code = sink.faultCode.view();
  const refs = sink.faultVcpu.view();
  const permission = new Uint8Array(nFaults);
  for (let i = 0; i < nFaults; i++) {
    const p = page[i]!;
    if (hardware !== 'shadow' && p >= MAX_GFN) {
      errorCount++;
      const line = sink.highLines.get(i);
      if (line !== undefined) {
        errors.push({
          line,
          message: `kvm_page_fault: address 0x${p.toString(16)}xxx is beyond 52 bits, so not a guest physical address (read as ${HARDWARE_LABELS[hardware]}; a shadow-paging GVA?)`,
        });
      }
      continue;
    }
    const ref = refs[i]!;
    const vcpu = ref >= 0 ? ref : threads.resolve(ref);
    if (ref < UNKNOWN && vcpu >= 0) vcpuInferred++;
    if (vcpu >= 0) vcpuSet.add(vcpu);
    else unknownVcpuEvents++;
    const isPermission = isPermissionFault(code[i]!, hardware);
    permission[i] = isPermission ? 1 : 0;
    if (wantedVcpu >= 0 && vcpu !== wantedVcpu) otherVcpuEvents++;
    else if (isPermission) permissionFaults++;
    else if (hardware === 'shadow' && sink.reflected.has(i)) guestFaults++;
    else {
      const kept = hardware === 'shadow' ? p % GVA_PAGES : p;
      gfns.push(kept);
      if (kept > maxGfn) maxGfn = kept;
    }
  }
  errors.sort((a, b) => a.line - b.line);
  errors.length = Math.min(errors.length, MAX_KEPT_ERRORS);

  const mask = accessedMask(hardware);
  const nSptes = sink.spteGfn.length;
  const low = sink.spteLow.view();
  const accessed = new Uint8Array(nSptes);
  for (let i = 0; i < nSptes; i++) accessed[i] = (low[i]! & mask) !== 0 ? 1 : 0;
  const behaviourInput = {
    faults: { length: nFaults, page, permission },
    sptes: {
      length: nSptes,
      gfn: sink.spteGfn.view(),
      accessed,
      level: sink.spteLevel.view(),
      faultRef: sink.spteFault.view(),
      seenAfter: sink.spteSeen.view(),
    },
    hardware,
    tdpSpteChanged: sink.tdpSpteChanged,
    spteRequested: sink.spteRequested,
  };
  const prefetched = prefetchedFlags(behaviourInput);
  const kernel = kernelBehaviour(behaviourInput, prefetched);
  const setSptes: SetSpteRecord[] = [];
  const spteRefs = sink.spteVcpu.view();
  const spteFault = sink.spteFault.view();
  for (let i = 0; i < nSptes; i++) {
    const fault = spteFault[i]!;
    const ref = fault >= 0 ? refs[fault]! : spteRefs[i]!;
    const vcpu = ref >= 0 ? ref : threads.resolve(ref);
    if (vcpu < 0) unknownVcpuEvents++;
    if (wantedVcpu >= 0 && vcpu !== wantedVcpu) {
      otherVcpuEvents++;
      continue;
    }
    setSptes.push({
      gfn: behaviourInput.sptes.gfn[i]!,
      prefetched: prefetched[i] === 1,
      level: behaviourInput.sptes.level[i]!,
    });
  }

  return {
    lines: input.lines,
    faults: gfns.length,
    skipped: sink.skipped,
    permissionFaults,
    guestFaults,
    otherVcpuEvents,
    unknownVcpuEvents,
    vcpuInferred,
    rejoinedLines: sink.rejoined,
    errors,
    errorCount,
    warnings: [...decision.warnings, ...lineWarnings(sink)],
    hardware,
    hardwareSource: decision.source,
    hardwareEvidence: decision.evidence,
    evidence: { ...sink.evidence },
    kernel,
    gfns,
    vcpus: [...vcpuSet].sort((a, b) => a - b),
    setSptes,
    maxGfn,
    bytes: input.bytes,
    cancelled: input.cancelled,
  };
}

const n = (v: number) => v.toLocaleString('en-US');

function lineWarnings(sink: EventSink): TraceWarning[] {
  const out: TraceWarning[] = [];
  const add = (code: TraceWarning['code'], t: Tally, message: string) => {
    if (t.count > 0) out.push({ code, line: t.line, count: t.count, message });
  };
  const tr = sink.trailing;
  add(
    'trailing-text',
    tr,
    `${tr.count === 1 ? '1 event line has' : `${n(tr.count)} event lines have`} text after a complete payload ` +
      `(first at line ${n(tr.line)}: ${JSON.stringify(tr.sample.trim())}); ${tr.count === 1 ? 'it was' : 'they were'} kept, the text ignored.`,
  );
  const inc = sink.incomplete;
  add(
    'incomplete-event',
    inc,
    `${inc.count === 1 ? `1 ${inc.sample} line ends` : `${n(inc.count)} lines of other events end`} early and no continuation follows ` +
      `(first at line ${n(inc.line)}, ${inc.sample}): read as far as ${inc.count === 1 ? 'it goes' : 'they go'}.`,
  );
  const threads = sink.threads;
  if (threads.changedThreads > 0) {
    out.push({
      code: 'vcpu-thread-changed',
      line: threads.firstChangeLine,
      count: threads.changedThreads,
      message:
        `${threads.changedThreads === 1 ? 'A thread names' : `${n(threads.changedThreads)} threads name`} more than one vCPU ` +
        `(first at line ${n(threads.firstChangeLine)}): events without a vCPU of their own take the one named last before them.`,
    });
  }
  return out;
}
