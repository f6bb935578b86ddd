// Which vCPU an event without one belongs to. The old kvm_page_fault payload and every
// kvm_mmu_set_spte lack a vCPU, and only QEMU names its threads `CPU N/KVM`; but a vCPU runs on one
// thread at a time, and kvm_entry (`vcpu N`), v5.1x+ kvm_exit (`vcpu N reason ...`) and other
// events that start with `vcpu N` name it. So a thread's events take the vCPU last named on that
// thread; events before the first naming take the first vCPU named on it later.

/**
 * A vCPU reference as the parser stores it before the end of the trace: a vCPU (>= 0), UNKNOWN, or
 * a thread slot waiting for its first naming (pendingRef).
 */
export const UNKNOWN = -1;
/** ThreadState.comm before the thread's name was read. */
export const NOT_READ = -2;

export function pendingRef(slot: number): number {
  return -2 - slot;
}

/** What the parser keeps per thread: one object, so an event line costs one lookup. */
export interface ThreadState {
  slot: number;
  /** The vCPU named last on the thread, or UNKNOWN. */
  latest: number;
  /** The vCPU named first, or UNKNOWN: what events before it take. */
  first: number;
  /** The vCPU its `CPU N/KVM` name says, UNKNOWN for none, NOT_READ before the first look. */
  comm: number;
  /** The last kvm_page_fault on the thread until it re-enters the guest (kvm_entry), or -1: a #PF injected then is that fault's. */
  openFault: number;
}

function newState(slot: number): ThreadState {
  return { slot, latest: UNKNOWN, first: UNKNOWN, comm: NOT_READ, openFault: -1 };
}

export class ThreadTable {
  private readonly byTid = new Map<number, ThreadState>();
  private readonly bySlot: ThreadState[] = [];
  /** Events without a thread (bare payloads) share this one; it is never named. */
  readonly none: ThreadState = newState(-1);
  private lastTid = -1;
  private last: ThreadState = this.none;
  /** Threads that named more than one vCPU, and the first line where one did. */
  changedThreads = 0;
  firstChangeLine = 0;

  /** The state of a thread id (made on first use); `none` for no thread. */
  of(tid: number): ThreadState {
    if (tid === this.lastTid) return this.last;
    let s: ThreadState | undefined = this.none;
    if (tid >= 0) {
      s = this.byTid.get(tid);
      if (s === undefined) {
        s = newState(this.bySlot.length);
        this.bySlot.push(s);
        this.byTid.set(tid, s);
      }
    }
    this.lastTid = tid;
    this.last = s;
    return s;
  }

  /** An event on the thread named its vCPU. */
  name(s: ThreadState, vcpu: number, line: number): void {
    if (s.slot < 0 || vcpu < 0 || s.latest === vcpu) return;
    if (s.latest === UNKNOWN) {
      if (s.first === UNKNOWN) s.first = vcpu;
    } else if (this.changedThreads++ === 0) {
      this.firstChangeLine = line;
    }
    s.latest = vcpu;
  }

  /** The vCPU for an event on the thread now: a vCPU, a pending reference, or UNKNOWN. */
  refFor(s: ThreadState): number {
    if (s.slot < 0) return UNKNOWN;
    return s.latest === UNKNOWN ? pendingRef(s.slot) : s.latest;
  }

  /** A reference resolved at the end of the trace: pending ones take the thread's first vCPU. */
  resolve(ref: number): number {
    if (ref > UNKNOWN) return ref;
    if (ref === UNKNOWN) return UNKNOWN;
    return this.bySlot[-2 - ref]?.first ?? UNKNOWN;
  }
}
