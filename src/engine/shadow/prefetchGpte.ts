import type { HostMemory } from '../hostMemory.ts';
import type { ShadowFailReason } from '../types.ts';
import { GPTE_ACCESSED, GPTE_PRESENT, GPTE_RESERVED } from './guestTables.ts';
import type { GuestTables } from './guestTables.ts';

/**
 * FNAME(prefetch_gpte) for one not-present entry of the window: why it fails, or null when it
 * installs a prefetched SPTE (accessed bit clear) mapping the guest PTE's GFN. Step and bulk mode
 * both call this, so they cannot disagree about an entry.
 *
 * Checks in the kernel's order: the guest PTE itself (FNAME(prefetch_invalid_gpte): present, then
 * Accessed when the guest uses A/D bits, then reserved bits), the memslot of its GFN (none, or
 * dirty logging), then the host page (resident, without faulting it in).
 *
 * `faultedIn` holds the non-resident GFNs that a shadow fault has since brought in: under shadow
 * paging several GVA pages may map one GFN, so a page faulted in through one of them is resident
 * for the prefetch of another. (The direct walk needs no such set: a GFN has one SPTE there.)
 *
 * A read-only memslot fails too: the prefetch translates the GFN with the atomic, write-mode
 * lookup (gfn_to_pfn_memslot_atomic asks for write access), which refuses a read-only slot, as
 * the direct walk's batch does.
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
  if (host.isDirtyLogged(slot)) return 'dirty-log';
  if (host.isReadonly(slot)) return 'readonly';
  if (host.residentPrefix(gfn, 1) === 0 && !faultedIn.has(gfn)) return 'not-resident';
  return null;
}
