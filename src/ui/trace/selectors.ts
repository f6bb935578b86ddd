import type { TraceState } from './traceStore.ts';

export const selectProgress = (s: TraceState) => s.progress;
export const selectSummary = (s: TraceState) => s.summary;
export const selectReport = (s: TraceState) => s.report;
export const selectNotice = (s: TraceState) => s.notice;
export const selectReplaying = (s: TraceState) => s.replaying;
export const selectVcpu = (s: TraceState) => s.vcpu;
export const selectHardware = (s: TraceState) => s.hardware;
export const selectMemslotChoice = (s: TraceState) => s.memslots;
export const selectMemslotError = (s: TraceState) => s.memslotError;
export const selectBusy = (s: TraceState) => s.progress !== null;
