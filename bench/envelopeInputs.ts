// Inputs of the envelopes bench (bench/envelopes.ts): the largest or worst input each mode
// accepts, written to a temporary directory. Deterministic (fixed seeds), so every run measures
// the same work.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { faultPayload, frameEvent, setSptePayload } from '../src/engine/trace/traceFormat.ts';

const P30 = 2 ** 30;

/** A linear congruential generator: the same "random" GFNs on every run. */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

export const scenarios = {
  stepRefused: { memslots: [{ baseGfn: 0, pages: 2 ** 40 }], accesses: random(P30) },
  stepScattered: (() => {
    const r = lcg(7);
    return {
      memslots: [{ baseGfn: 0, pages: 2 ** 33 }],
      accesses: Array.from({ length: 15_000 }, () => r(2 ** 33)),
    };
  })(),
  stepPresent: (() => {
    const r = lcg(8);
    return {
      memslots: [{ baseGfn: 0, pages: 2 ** 25 }],
      present: [[0, 2 ** 24 - 1]],
      accesses: Array.from({ length: 12_000 }, () => r(2 ** 25)),
    };
  })(),
  legacyRandom: { memslots: [{ baseGfn: 0, pages: 2 ** 40 }], accesses: random(P30) },
  // 2^29 + 1 pages: a Feistel domain of 2^30, so about every other value is walked again.
  legacyRandomWalk: { memslots: [{ baseGfn: 0, pages: P30 }], accesses: random(2 ** 29 + 1) },
  legacyReverse: {
    memslots: [{ baseGfn: 0, pages: P30 }],
    accesses: { pattern: 'reverse', startGfn: 0, pages: P30 },
  },
  legacyScattered: {
    memslots: [{ baseGfn: 0, pages: 2 ** 40 }],
    accesses: Array.from({ length: 1_000_000 }, (_, i) => i * 2 ** 20),
  },
  legacyNotClean: (() => {
    const r = lcg(9);
    const slotPages = P30 / 512;
    return {
      memslots: Array.from({ length: 512 }, (_, i) => ({
        baseGfn: i * slotPages,
        pages: slotPages,
        ...(i % 2 ? { dirtyLog: true } : {}),
      })),
      nonResident: Array.from({ length: 100_000 }, () => {
        const g = r(P30);
        return [g, g];
      }),
      accesses: random(P30),
    };
  })(),
  huge2mScattered: {
    backing: '2m',
    memslots: [{ baseGfn: 0, pages: 2 ** 40 }],
    accesses: Array.from({ length: 1_000_000 }, (_, i) => i * 2 ** 20),
  },
  huge2mRandom: { backing: '2m', memslots: [{ baseGfn: 0, pages: P30 }], accesses: random(P30) },
  tdpRandom: { mmu: 'tdp', memslots: [{ baseGfn: 0, pages: P30 }], accesses: random(P30) },
  shadowRandom: shadow(random(P30)),
  shadowReverse: shadow({ pattern: 'reverse', startGfn: 0, pages: P30 }),
  shadowScatteredGuest: (() => {
    const r = lcg(10);
    const s = shadow(random(P30));
    for (let i = 0; i < 99_999; i++) s.guest.pageTables.push({ gvaPage: r(P30), pages: 1, gfn: r(P30) });
    return s;
  })(),
  shadowPagingOffTracked: {
    mmu: 'shadow',
    adBits: false,
    memslots: [{ baseGfn: 0, pages: P30 }],
    accesses: random(P30),
    guest: { paging: false },
  },
  legacyInvalidations: {
    memslots: [{ baseGfn: 0, pages: 2 ** 24 }],
    invalidations: Array.from({ length: 100_000 }, (_, i) => [i * 160, i * 160 + 40]),
    accesses: random(2 ** 24),
  },
  shadowTimeOrder: {
    ...shadow(random(2 ** 24)),
    nonResident: [[5, 5]],
    guest: {
      paging: true,
      pageTables: [
        { gvaPage: 0, pages: P30, gfn: 0 },
        { gvaPage: 100, pages: 1, gfn: 5 },
      ],
    },
  },
  detailBuggySequential: {
    variant: 'buggy',
    memslots: [{ baseGfn: 0, pages: 2 ** 24 }],
    accesses: { pattern: 'sequential', startGfn: 0, pages: 2 ** 24 },
  },
  detailFixedRandom: { memslots: [{ baseGfn: 0, pages: 2 ** 24 }], accesses: random(2 ** 24) },
  detailRefused: {
    variant: 'buggy',
    memslots: [{ baseGfn: 0, pages: 2 ** 26 }],
    accesses: { pattern: 'sequential', startGfn: 0, pages: 2 ** 26 },
  },
};

export type ScenarioName = keyof typeof scenarios;

function random(pages: number) {
  return { pattern: 'random', startGfn: 0, pages, seed: 1 };
}

function shadow(accesses: object) {
  return {
    mmu: 'shadow',
    memslots: [{ baseGfn: 0, pages: P30 }],
    nonResident: [] as number[][],
    accesses,
    guest: { paging: true, pageTables: [{ gvaPage: 0, pages: P30, gfn: 0 }] },
  };
}

export function writeScenario(dir: string, name: ScenarioName): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(scenarios[name]));
  return path;
}

/**
 * A trace-cmd v6.1 report: `faults` faults `spacing` GFNs apart (each in a page table of its own
 * when spacing >= 512), each followed by `setSptes` kvm_mmu_set_spte lines (the faulting entry,
 * then prefetched neighbours with the accessed bit clear), stopping before `maxBytes`.
 */
export function writeTrace(
  path: string,
  faults: number,
  spacing: number,
  setSptes: number,
  maxBytes = Infinity,
): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let lines: string[] = [];
  let kept = 0;
  try {
    for (let i = 0; i < faults; i++) {
      const frame = { comm: 'CPU 0/KVM', tid: 4145, cpu: 0, seconds: 100 + i * 1e-6, flags: '.....' };
      const gfn = 0x100000 + i * spacing;
      const ev = { vcpu: 0, ripHex: 'ffffffff812b0950', gpa: gfn * 4096, errorCode: 0x182 };
      const chunk = [frameEvent('trace-cmd', frame, 'kvm', 'kvm_page_fault', faultPayload('v6.1', ev))];
      for (let k = 0; k < setSptes; k++) {
        const spte = {
          gfn: gfn + k,
          spte: 0x600000000a77 + (k === 0 ? 0x100 : 0),
          flags: 'rwx',
          level: 1,
          sptepHex: 'ffff9e7d4a3c1008',
        };
        chunk.push(frameEvent('trace-cmd', frame, 'kvmmmu', 'kvm_mmu_set_spte', setSptePayload(spte)));
      }
      const text = `${chunk.join('\n')}\n`;
      if (bytes + text.length > maxBytes) break;
      bytes += text.length;
      kept++;
      lines.push(text);
      if (lines.length >= 4096) {
        writeSync(fd, lines.join(''));
        lines = [];
      }
    }
    writeSync(fd, lines.join(''));
  } finally {
    closeSync(fd);
  }
  return kept;
}
