// Replaying real KVM page-fault traces: parse `trace-cmd report` / `perf script` / `perf trace` /
// ftrace text (hard-wrapped or not), decide the hardware and the traced kernel's behaviour, guess
// the memslots, build a scenario and compare the model's prefetches with the kernel's.

export { TraceParser, parseTraceText, MAX_LINE_CHARS } from './traceParser.ts';
export { isPermissionFault } from './faultLine.ts';
export { decideHardware, HARDWARE_LABELS } from './hardwareEvidence.ts';
export {
  guessMemslots,
  memslotPreset,
  MEMSLOT_PRESETS,
  GIB_PAGES,
  PCI_HOLE_START_GFN,
  Q35_PCI_HOLE_START_GFN,
  HIGH_MEMORY_START_GFN,
} from './memslotGuess.ts';
export type { MemslotPreset, MemslotPresetId } from './memslotGuess.ts';
export { traceToScenario } from './traceScenario.ts';
export type { TraceReplay, TraceScenarioOptions } from './traceScenario.ts';
export {
  compareWithKernel,
  comparedModel,
  kernelPrefetchedGfns,
  modelPrefetchedGfns,
} from './kernelCompare.ts';
export type { KernelComparison, ModelName } from './kernelCompare.ts';
export { MAX_KEPT_ERRORS, MAX_VCPU } from './types.ts';
export type {
  HardwareEvidence,
  HardwareSource,
  KernelBehaviour,
  KernelVerdict,
  ParsedTrace,
  SetSpteRecord,
  TraceHardware,
  TraceLineError,
  TraceParserOptions,
  TraceWarning,
  TraceWarningCode,
} from './types.ts';
