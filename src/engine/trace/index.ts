// Replaying real KVM page-fault traces: parse `trace-cmd report` / `perf script` text, guess the
// memslots, build a scenario and compare the model's prefetches with the kernel's.

export { TraceParser, parseTraceText, MAX_LINE_CHARS } from './traceParser.ts';
export { isPermissionFault } from './faultLine.ts';
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
export { compareWithKernel, kernelPrefetchedGfns, modelPrefetchedGfns } from './kernelCompare.ts';
export type { KernelComparison } from './kernelCompare.ts';
export { MAX_KEPT_ERRORS } from './types.ts';
export type {
  ParsedTrace,
  SetSpteRecord,
  TraceHardware,
  TraceLineError,
  TraceParserOptions,
} from './types.ts';
