import { describe, expect, it } from 'vitest';
import { compareWithKernel, comparedModel } from './kernelCompare.ts';
import { runScenario } from '../run.ts';
import { modelTrace } from './modelTrace.ts';
import type { ModelKernel, ModelTraceSpec } from './modelTrace.ts';
import { parseTraceText } from './traceParser.ts';
import { traceToScenario } from './traceScenario.ts';
import type { Memslot } from '../types.ts';

// Fingerprints: traces written from the model of each kernel (the faults it takes and the
// kvm_mmu_set_spte of every entry it installs) must be recognised as that kernel.

const SLOTS: Memslot[] = [{ baseGfn: 0, pages: 1 << 20 }];

/** A mixed workload: scattered pages (runs on both sides of faults), an ascending and a descending stretch. */
function workload(seed: number): number[] {
  const out: number[] = [];
  let s = seed;
  for (let i = 0; i < 300; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(0x4000 + (s % 4096));
  }
  for (let g = 0x9000; g < 0x9000 + 256; g++) out.push(g);
  for (let g = 0xa0ff; g >= 0xa000; g--) out.push(g);
  return out;
}

function trace(kernel: ModelKernel, over: Partial<ModelTraceSpec> = {}): string {
  return modelTrace({
    tool: 'trace-cmd',
    format: 'v6.1',
    hardware: 'ept',
    kernel,
    accesses: workload(7),
    memslots: SLOTS,
    flags: '.....',
    ...over,
  }).join('\n');
}

describe('which kernel recorded a trace', () => {
  it.each([
    ['buggy', 'legacy-before-fix'],
    ['fixed', 'legacy-after-fix'],
    ['tdp', 'no-prefetch'],
  ] as const)(
    'a %s model trace reads as %s, on Intel and AMD, in either payload format',
    (kernel, behaviour) => {
      for (const hardware of ['ept', 'npt'] as const) {
        for (const format of ['v5.15', 'v6.1'] as const) {
          const r = parseTraceText(trace(kernel, { hardware, format, exits: true }));
          expect(r.hardware, `${hardware} ${format}`).toBe(hardware);
          expect(r.kernel?.behaviour, `${hardware} ${format}`).toBe(behaviour);
          expect(r.kernel!.faults).toBeGreaterThan(0);
          expect(r.kernel!.evidence.length).toBeGreaterThan(40);
        }
      }
    },
  );

  it('counts what decided it', () => {
    const fixed = parseTraceText(trace('fixed')).kernel!;
    expect(fixed.faults).toBe(fixed.trailingPrefetches);
    expect(fixed.evidence).toMatch(/prefetched the last entry of their window/);
    const buggy = parseTraceText(trace('buggy')).kernel!;
    expect(buggy).toMatchObject({ trailingPrefetches: 0 });
    expect(buggy.leadingPrefetches).toBeGreaterThan(0);
    expect(buggy.faults).toBe(buggy.trailingMissed);
    const tdp = parseTraceText(trace('tdp', { tdpEvents: true })).kernel!;
    expect(tdp.evidence).toMatch(/kvm_tdp_mmu_spte_changed events: the TDP MMU ran/);
    // Without kvm_tdp_mmu_spte_changed, the absence of prefetch still tells.
    expect(parseTraceText(trace('tdp')).kernel!.evidence).toMatch(
      /None of the \d+ faults with not-present entries before them/,
    );
  });

  it('tells A/D bits off: faulting entries without the accessed bit are not taken for prefetches', () => {
    const r = parseTraceText(trace('fixed', { adOff: true }));
    expect(r.kernel).toMatchObject({ behaviour: 'no-prefetch' });
    expect(r.kernel!.evidence).toMatch(/accessed bit clear: A\/D bits are off/);
    expect(r.setSptes.every((s) => !s.prefetched)).toBe(true);
  });

  it('tells hugepages from their level: the leaf names the first GFN of its region', () => {
    const text = Array.from({ length: 12 }, (_, i) => {
      const base = 0x400 + i * 512;
      return [
        `kvm_page_fault: address ${(base + 37 + i).toString(16)}000 error_code 182`,
        `kvm_mmu_set_spte: gfn ${base.toString(16)} spte 1${base.toString(16)}9b7 (rwx) level 2 at 10`,
      ].join('\n');
    }).join('\n');
    const r = parseTraceText(text);
    expect(r.kernel).toMatchObject({
      behaviour: 'no-prefetch',
      faults: 12,
      evidence: expect.stringMatching(/12 of the 12 faults .* installed a hugepage/),
    });
    expect(
      parseTraceText(text.replace(/9b7 \(rwx\)/g, '8b7 (rwx)')).setSptes.every((s) => !s.prefetched),
    ).toBe(true);
  });

  it('says undetermined when the trace cannot tell, and why', () => {
    // Ascending faults: the code before the fix prefetches nothing there, like a kernel without prefetch.
    const ascending = Array.from({ length: 64 }, (_, i) => 0x9000 + i);
    const asc = parseTraceText(trace('buggy', { accesses: ascending })).kernel!;
    expect(asc.behaviour).toBe('undetermined');
    expect(asc.evidence).toMatch(/look the same/);
    // Descending faults prefetch in both versions and leave no trailing run to tell them apart.
    const descending = Array.from({ length: 64 }, (_, i) => 0x9fff - i);
    expect(parseTraceText(trace('fixed', { accesses: descending })).kernel!.behaviour).toBe('undetermined');
    // set_spte events that follow no fault of theirs.
    expect(parseTraceText('kvm_mmu_set_spte: gfn 1 spte 1937 (rwx) level 1 at 10').kernel).toMatchObject({
      behaviour: 'undetermined',
      faults: 0,
    });
    // No set_spte at all: no verdict.
    expect(parseTraceText('kvm_page_fault: address 1000 error_code 182').kernel).toBeNull();
  });

  it('compares the model of the kernel’s own behaviour with it: a TDP trace agrees with the TDP model', () => {
    for (const kernel of ['buggy', 'fixed', 'tdp'] as const) {
      const parsed = parseTraceText(trace(kernel, { tdpEvents: true }));
      const model = comparedModel(parsed.kernel!.behaviour);
      expect(model).toBe(kernel);
      const { scenario } = traceToScenario(parsed, SLOTS);
      const run = runScenario(
        model === 'tdp' ? { ...scenario, mmu: 'tdp' } : { ...scenario, variant: model! },
        { detail: true },
      );
      expect(compareWithKernel(parsed, run.faults ?? []), kernel).toMatchObject({
        onlyKernel: 0,
        onlyModel: 0,
      });
    }
  });
});
