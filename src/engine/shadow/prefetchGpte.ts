import type { HostMemory } from '../hostMemory.ts';
import type { ShadowFailReason } from '../types.ts';
import { GPTE_ACCESSED, GPTE_DIRTY, GPTE_PRESENT, GPTE_RESERVED, GPTE_WRITABLE } from './guestTables.ts';
import type { GuestTables } from './guestTables.ts';

/**
 * FNAME(prefetch_gpte) for one not-present entry of the window: why it fails, or null when it
 * installs a prefetched SPTE mapping the guest PTE's GFN. Step and bulk mode both call this, so
 * they cannot disagree about an entry.
 *
 * Checks in the kernel's order: the guest PTE itself (FNAME(prefetch_invalid_gpte): present, then
 * Accessed when the guest uses A/D bits, then reserved bits), the memslot of its GFN, then the
 * host page (resident, without faulting it in).
 *
 * Dirty logging: the slot lookup refuses a dirty-logged slot only when the new SPTE would be
 * writable. A read-only guest PTE never is; a clean one is not either when the guest has A/D bits,
 * because FNAME(protect_clean_gpte) drops write access so that the first write sets the dirty bit.
 * Without guest A/D bits (nested EPT without them) protect_clean_gpte changes nothing, so any
 * writable guest PTE needs a slot without dirty logging. This has held in every version read,
 * whether the test was spelled `writable && dirty` (2.6.3x), `pte_access & ACC_WRITE_MASK` after
 * protect_clean_gpte, or `no_dirty_log && ...` with no_dirty_log always true (until v6.4).
 *
 * `faultedIn` holds the non-resident GFNs that a shadow fault has since brought in: under shadow
 * paging several GVA pages may map one GFN, so a page faulted in through one of them is resident
 * for the prefetch of another. (The direct walk needs no such set: a GFN has one SPTE there.)
 *
 * A read-only memslot fails whatever the guest PTE says: the prefetch translates the GFN with the
 * atomic, write-mode lookup, which refuses a read-only slot, as the direct walk's batch does.
 */
export function prefetchGpteFailure(
  guest: GuestTables,
  host: HostMemory,
  guestAd: boolean,
  gva: number,
  faultedIn: ReadonlySet<number>,
): ShadowFailReason | null {
  const seg = guest.segmentOf(gva);
  if (seg < 0) return 'gpte-not-present';
  const f = guest.flagsOf(seg);
  if ((f & GPTE_PRESENT) === 0) return 'gpte-not-present';
  if (guestAd && (f & GPTE_ACCESSED) === 0) return 'gpte-not-accessed';
  if (f & GPTE_RESERVED) return 'gpte-reserved';
  const gfn = guest.gfnOf(seg, gva);
  const slot = host.slotOf(gfn);
  if (slot < 0) return 'no-memslot';
  const writable = (f & GPTE_WRITABLE) !== 0 && (!guestAd || (f & GPTE_DIRTY) !== 0);
  if (writable && host.isDirtyLogged(slot)) return 'dirty-log';
  if (host.isReadonly(slot)) return 'readonly';
  if (host.residentPrefix(gfn, 1) === 0 && !faultedIn.has(gfn)) return 'not-resident';
  return null;
}

/** An invalid guest PTE: skipped before v3.8, the end of the walk from v3.8 on. */
export function isGpteInvalid(reason: ShadowFailReason): boolean {
  return reason === 'gpte-not-present' || reason === 'gpte-not-accessed' || reason === 'gpte-reserved';
}
