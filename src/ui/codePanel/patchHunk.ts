/**
 * The hunk of c6cecc4b9324 as posted in the patch mail (public patch text): three changed lines
 * with their context.
 */
export const PATCH_HEADER = `commit c6cecc4b9324 — KVM: x86/mmu: Complete prefetch for trailing SPTEs for direct, legacy MMU
arch/x86/kvm/mmu/mmu.c | 4 +++-`;

export const PATCH_HUNK = `--- a/arch/x86/kvm/mmu/mmu.c
+++ b/arch/x86/kvm/mmu/mmu.c
@@ -2818,11 +2818,13 @@ static void __direct_pte_prefetch(struct kvm_vcpu *vcpu,
 			if (!start)
 				continue;
 			if (direct_pte_prefetch_many(vcpu, sp, start, spte) < 0)
-				break;
+				return;
 			start = NULL;
 		} else if (!start)
 			start = spte;
 	}
+	if (start)
+		direct_pte_prefetch_many(vcpu, sp, start, spte);
 }
 
 static void direct_pte_prefetch(struct kvm_vcpu *vcpu, u64 *sptep)`;

export type DiffKind = 'add' | 'del' | 'hunk' | 'file' | 'context';

export function diffKind(line: string): DiffKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'context';
}
