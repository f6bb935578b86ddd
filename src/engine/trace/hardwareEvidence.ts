import type { HardwareEvidence, HardwareSource, TraceHardware, TraceWarning } from './types.ts';

// Which hardware a trace came from, read from the trace itself:
// - kvm_exit's reason: `npf` (AMD NPT), `EPT_VIOLATION` / `EPT_MISCONFIG` (Intel EPT),
//   `EXCEPTION_NMI` with a #PF in its interruption info (Intel, shadow paging) or `PF excp`
//   (AMD, shadow paging): KVM intercepts guest page faults only when EPT/NPT is off;
// - kvm_page_fault's error code: bits 32-34 exist only in v6.1+ AMD #NPF exit info; 0x80/0x100
//   (GVA valid, final translation) only in an EPT exit qualification (#PF and #NPF codes leave
//   bits 7 and 8 clear);
// - kvm_inj_exception #PF: a fault handed back to the guest, typical of shadow paging (but also
//   of async page faults on any host): used only when nothing stronger is there.

export function emptyEvidence(): HardwareEvidence {
  return {
    exitNpf: 0,
    exitEpt: 0,
    exitShadowIntel: 0,
    exitShadowAmd: 0,
    injectedPf: 0,
    codesNpt: 0,
    codesEpt: 0,
    codesPlain: 0,
  };
}

const EPT_ONLY_BITS = 0x180;

/** Counts one kvm_page_fault error code (low 32 bits, bits 32-34 as 0..7). */
export function countErrorCode(e: HardwareEvidence, low: number, high: number): void {
  if (high !== 0) e.codesNpt++;
  else if ((low & EPT_ONLY_BITS) !== 0) e.codesEpt++;
  else e.codesPlain++;
}

export const HARDWARE_LABELS: Record<TraceHardware, string> = {
  ept: 'Intel EPT',
  npt: 'AMD NPT',
  shadow: 'shadow paging',
};

const n = (v: number) => v.toLocaleString('en-US');
const times = (v: number, what: string) => `${n(v)} ${what}`;

/** The strong evidence per hardware, as phrases ("412 kvm_exit npf"). */
function strong(e: HardwareEvidence): Record<TraceHardware, { count: number; phrases: string[] }> {
  const side = (pairs: Array<[number, string]>) => {
    const kept = pairs.filter(([c]) => c > 0);
    return { count: kept.reduce((s, [c]) => s + c, 0), phrases: kept.map(([c, p]) => times(c, p)) };
  };
  return {
    ept: side([
      [e.exitEpt, 'kvm_exit EPT_VIOLATION/MISCONFIG'],
      [e.codesEpt, 'error codes with EPT’s 0x80/0x100 bits'],
    ]),
    npt: side([
      [e.exitNpf, 'kvm_exit npf'],
      [e.codesNpt, 'error codes with AMD’s bits 32–34'],
    ]),
    shadow: side([
      [e.exitShadowIntel, 'kvm_exit EXCEPTION_NMI with a #PF'],
      [e.exitShadowAmd, 'kvm_exit PF excp'],
    ]),
  };
}

export interface HardwareDecision {
  hardware: TraceHardware;
  source: HardwareSource;
  /** One sentence. */
  evidence: string;
  warnings: TraceWarning[];
}

/**
 * Decides the hardware: the caller's choice when given, else the kind with strong evidence (the
 * most of it when the trace holds more than one, with a hardware-mixed warning), else a guess with
 * a hardware-guessed warning: error codes that never carry EPT's bits read as AMD NPT (as shadow
 * paging when the trace shows #PF injected into the guest), no faults at all as Intel EPT.
 */
export function decideHardware(e: HardwareEvidence, option?: TraceHardware): HardwareDecision {
  const s = strong(e);
  const present = (['ept', 'npt', 'shadow'] as const).filter((h) => s[h].count > 0);
  const ranked = [...present].sort((a, b) => s[b].count - s[a].count);
  const warnings: TraceWarning[] = [];
  const said = (h: TraceHardware) => s[h].phrases.join(' and ');

  if (option !== undefined) {
    const top = ranked[0];
    if (top !== undefined && top !== option) {
      warnings.push({
        code: 'hardware-overridden',
        message: `Read as ${HARDWARE_LABELS[option]} as asked, against the trace's evidence for ${HARDWARE_LABELS[top]}.`,
      });
    }
    return {
      hardware: option,
      source: 'option',
      evidence: `As chosen; ${top === undefined ? 'the trace has no evidence either way' : top === option ? `the trace agrees: ${said(top)}` : `the trace says ${HARDWARE_LABELS[top]}: ${said(top)}`}.`,
      warnings: withShadow(option, warnings),
    };
  }

  const top = ranked[0];
  if (top !== undefined) {
    if (ranked.length > 1) {
      const others = ranked.slice(1).map((h) => `${HARDWARE_LABELS[h]} (${said(h)})`);
      warnings.push({
        code: 'hardware-mixed',
        message:
          `The trace holds evidence for more than one kind of hardware: ${HARDWARE_LABELS[top]} (${said(top)}) ` +
          `and ${others.join(' and ')}. Read as ${HARDWARE_LABELS[top]}, which has the most; a nested guest or two ` +
          'hosts in one file can do this. Choose the hardware to read it otherwise.',
      });
    }
    return {
      hardware: top,
      source: 'detected',
      evidence: `${said(top)}.`,
      warnings: withShadow(top, warnings),
    };
  }

  const faults = e.codesPlain;
  if (faults === 0) {
    warnings.push({
      code: 'hardware-guessed',
      message:
        'Nothing in the trace says which hardware it came from: read as Intel EPT. Choose the hardware if it is not.',
    });
    return {
      hardware: 'ept',
      source: 'default',
      evidence: 'No evidence in the trace; Intel EPT by default.',
      warnings,
    };
  }
  const hardware: TraceHardware = e.injectedPf > 0 ? 'shadow' : 'npt';
  const why =
    (faults === 1
      ? 'no kvm_exit event says, and the only error code has neither EPT’s 0x80/0x100 bits nor AMD’s bits 32–34'
      : `no kvm_exit event says, and none of the ${n(faults)} error codes has EPT’s 0x80/0x100 bits or AMD’s bits 32–34`) +
    (hardware === 'shadow'
      ? `; ${times(e.injectedPf, 'kvm_inj_exception #PF')} (faults handed back to the guest) suggest shadow paging`
      : faults === 1
        ? ': it reads as an #NPF code'
        : ': they read as #NPF codes');
  warnings.push({
    code: 'hardware-guessed',
    message: `Nothing in the trace says which hardware it came from: read as ${HARDWARE_LABELS[hardware]}, a guess. Record kvm:kvm_exit with the faults to be sure, or choose the hardware.`,
  });
  return {
    hardware,
    source: 'default',
    evidence: `${why.charAt(0).toUpperCase()}${why.slice(1)}.`,
    warnings: withShadow(hardware, warnings),
  };
}

function withShadow(hardware: TraceHardware, warnings: TraceWarning[]): TraceWarning[] {
  if (hardware !== 'shadow') return warnings;
  return [
    ...warnings,
    {
      code: 'shadow-paging',
      message:
        'Shadow paging: the fault addresses are guest virtual addresses, not GPAs, so there are no GFNs. ' +
        'The replay works on guest virtual pages and treats them as if the guest’s page tables mapped them ' +
        'one to one; kvm_mmu_set_spte names GFNs, so it is not compared with the faults.',
    },
  ];
}
