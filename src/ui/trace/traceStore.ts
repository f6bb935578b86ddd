import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { HARDWARE_LABELS } from '../../engine/trace/hardwareEvidence.ts';
import type { TraceHardware } from '../../engine/trace/types.ts';
import type { ParseHandle } from '../../worker/traceClient.ts';
import type {
  PackedReplayScenario,
  ParseSummary,
  ReplayReport,
  TraceReplyFor,
} from '../../worker/traceProtocol.ts';
import { defaultMemslots, resolveMemslots } from './traceOptions.ts';
import type { MemslotChoice } from './traceOptions.ts';

/** What the trace panel needs from the trace worker; the worker client implements it, tests fake it. */
export interface TracePort {
  parse(
    source: Blob,
    opts: { name: string; vcpu: number | null; hardware: TraceHardware | null },
    onProgress: (bytes: number, totalBytes: number) => void,
  ): ParseHandle;
  cancel(parseId: number): Promise<TraceReplyFor['cancel']>;
  replay(memslots: ReplayReport['memslots']): Promise<TraceReplyFor['replay']>;
  scenario(memslots: ReplayReport['memslots'], fitStepMode: boolean): Promise<TraceReplyFor['scenario']>;
}

export interface TraceSource {
  blob: Blob;
  name: string;
}

export interface TraceState {
  source: TraceSource | null;
  /** Set while a parse runs. */
  progress: { parseId: number; bytes: number; totalBytes: number } | null;
  summary: ParseSummary | null;
  vcpu: number | null;
  /** The hardware to read the trace as; null: decided from the trace. */
  hardware: TraceHardware | null;
  /** null: the default for the trace (the x86 layout, or one flat slot for guest virtual pages). */
  memslots: MemslotChoice | null;
  memslotError: string | null;
  report: ReplayReport | null;
  replaying: boolean;
  /** Why there is nothing to replay (a file without usable faults, a failed read, a cancel). */
  notice: { kind: 'error' | 'info'; text: string } | null;
  load(blob: Blob, name: string): Promise<void>;
  setVcpu(vcpu: number | null): Promise<void>;
  setHardware(hardware: TraceHardware | null): Promise<void>;
  setMemslots(choice: MemslotChoice | null): Promise<void>;
  cancel(): void;
  /** The replay scenario (cut to fit step mode when asked; its GFNs packed), or an error message. */
  replayScenario(fitStepMode: boolean): Promise<PackedReplayScenario | string>;
}

export type TraceStore = StoreApi<TraceState>;

/** Why a parse found nothing to replay, in one sentence. */
export function nothingToReplay(s: ParseSummary): string {
  const where = `No usable page faults in ${s.name}`;
  const first = s.errors[0];
  if (first?.message.startsWith('not a text trace')) return `${where}: ${first.message}.`;
  if (s.vcpu !== null && s.otherVcpuEvents > 0) {
    return `${where} from vCPU ${s.vcpu} (vCPUs seen: ${s.vcpus.join(', ') || 'none'}).`;
  }
  if (s.permissionFaults > 0) {
    return (
      `${where}: all ${s.permissionFaults} kvm_page_fault events are permission faults when read as ` +
      `${HARDWARE_LABELS[s.hardware]}. If the trace is from other hardware, choose it under Hardware.`
    );
  }
  if (s.errorCount > 0) return `${where}: ${s.errorCount} malformed event lines (listed below).`;
  return `${where}: no kvm_page_fault events among ${s.lines} lines (record with trace-cmd record -e kvm:kvm_page_fault).`;
}

export function createTraceStore(port: TracePort): TraceStore {
  // Replies to a superseded request (the user changed an option meanwhile) are dropped.
  let generation = 0;

  return createStore<TraceState>()((set, get) => {
    async function parse(source: TraceSource, vcpu: number | null): Promise<void> {
      const gen = ++generation;
      const { hardware } = get();
      const handle = port.parse(source.blob, { name: source.name, vcpu, hardware }, (bytes, totalBytes) => {
        if (gen === generation) set({ progress: { parseId: handle.id, bytes, totalBytes } });
      });
      set({ progress: { parseId: handle.id, bytes: 0, totalBytes: source.blob.size }, notice: null });
      const r = await handle.done;
      if (gen !== generation) return;
      set({ progress: null });
      if (r.type === 'error') {
        set({ notice: { kind: 'error', text: `Could not read ${source.name}: ${r.message}` } });
        return;
      }
      const s = r.summary;
      if (s.cancelled) {
        set({ notice: { kind: 'info', text: `Cancelled reading ${source.name}; nothing changed.` } });
        return;
      }
      // A trace without usable faults is reported, but the previous trace stays the worker's; it
      // stays the source, so another hardware or vCPU can be tried on it.
      if (s.faults === 0) {
        set({ source, vcpu, summary: s, report: null, notice: { kind: 'error', text: nothingToReplay(s) } });
        return;
      }
      set({ source, summary: s, vcpu, report: null });
      await replay(gen);
    }

    async function replay(gen: number): Promise<void> {
      const { summary, memslots } = get();
      if (!summary || summary.faults === 0) return;
      const resolved = resolveMemslots(memslots ?? defaultMemslots(summary.hardware), summary.maxGfn);
      if (!resolved.ok) {
        set({ memslotError: resolved.message, report: null });
        return;
      }
      set({ memslotError: null, replaying: true });
      const r = await port.replay(resolved.memslots);
      if (gen !== generation) return;
      set({ replaying: false });
      if (r.type === 'error')
        set({ report: null, notice: { kind: 'error', text: `Cannot replay: ${r.message}.` } });
      else set({ report: r.report, notice: null });
    }

    function currentMemslots() {
      const { summary, memslots } = get();
      if (!summary || summary.faults === 0) return 'no trace with page faults is loaded';
      const resolved = resolveMemslots(memslots ?? defaultMemslots(summary.hardware), summary.maxGfn);
      return resolved.ok ? resolved.memslots : resolved.message;
    }

    return {
      source: null,
      progress: null,
      summary: null,
      vcpu: null,
      hardware: null,
      memslots: null,
      memslotError: null,
      report: null,
      replaying: false,
      notice: null,

      load(blob, name) {
        return parse({ blob, name }, null);
      },

      setVcpu(vcpu) {
        const { source } = get();
        if (!source) return Promise.resolve();
        return parse(source, vcpu);
      },

      setHardware(hardware) {
        set({ hardware });
        const { source, vcpu } = get();
        if (!source) return Promise.resolve();
        return parse(source, vcpu);
      },

      setMemslots(choice) {
        set({ memslots: choice });
        return replay(++generation);
      },

      cancel() {
        const p = get().progress;
        if (p) void port.cancel(p.parseId);
      },

      async replayScenario(fitStepMode) {
        const memslots = currentMemslots();
        if (typeof memslots === 'string') return memslots;
        const r = await port.scenario(memslots, fitStepMode);
        return r.type === 'error' ? r.message : r.replay;
      },
    };
  });
}
