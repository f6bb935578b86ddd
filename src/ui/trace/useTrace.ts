import { useStore } from 'zustand';
import { createTraceClient } from '../../worker/traceClient.ts';
import { createTraceStore } from './traceStore.ts';
import type { TraceState, TraceStore } from './traceStore.ts';

// One trace store for the page, made on first use: the trace worker (and the parsed trace it
// holds) outlives the dialog, so closing and reopening it keeps the results.
let store: TraceStore | null = null;

export function traceStore(): TraceStore {
  store ??= createTraceStore(createTraceClient());
  return store;
}

export function useTrace<T>(selector: (s: TraceState) => T): T {
  return useStore(traceStore(), selector);
}
