import { describe, expect, it } from 'vitest';
import { checkHost, hostCost, kernelOfUname } from './hostCheck.ts';
import type { HostInput } from './hostCheck.ts';

const host = (over: Partial<HostInput>): HostInput => ({
  kernel: '6.8',
  cpu: 'intel',
  tdp: true,
  eptad: true,
  tdpMmu: 'default',
  nested: false,
  hugepages: false,
  ...over,
});

const answer = (over: Partial<HostInput>) => {
  const r = checkHost(host(over));
  if (!r.ok) throw new Error(r.message);
  return r.answer;
};

describe('is my host affected?', () => {
  it('a 5.15.y Intel host with EPT A/D and the default tdp_mmu: legacy direct MMU from 5.15.129, affected', () => {
    const a = answer({ kernel: '5.15.139' });
    expect(a.path).toBe('legacy-direct');
    expect(a.tdpMmuOn).toBe(false);
    expect(a.trailingBug).toBe('affected');
    const c = hostCost(a);
    expect(c.host.pfFixed).toBe(1_572_864);
    expect(c.fixed?.pfFixed).toBe(196_608);
  });

  it('5.15.128 and earlier 5.15.y default to the TDP MMU: no prefetch at all, not affected', () => {
    const a = answer({ kernel: '5.15.128' });
    expect(a.path).toBe('tdp-mmu');
    expect(a.trailingBug).toBe('not-affected');
    expect(hostCost(a)).toEqual({
      host: expect.objectContaining({ pfFixed: 1_572_864, prefetched: 0 }),
      fixed: null,
    });
  });

  it('kvm.tdp_mmu=N on a fixed kernel: legacy direct, fixed; before v5.10 there is no TDP MMU', () => {
    expect(answer({ kernel: '6.8', tdpMmu: 'off' })).toMatchObject({
      path: 'legacy-direct',
      trailingBug: 'fixed',
    });
    expect(answer({ kernel: '5.4' })).toMatchObject({ path: 'legacy-direct', trailingBug: 'affected' });
    expect(answer({ kernel: '5.10' })).toMatchObject({ path: 'legacy-direct', tdpMmuOn: false });
    const r = checkHost(host({ kernel: '5.4', tdpMmu: 'on' }));
    expect(r.ok ? '' : r.message).toMatch(/does not exist before v5\.10/);
  });

  it('EPT without A/D bits, or before eptad (v3.6): the direct path never prefetches', () => {
    expect(answer({ kernel: '5.4', eptad: false })).toMatchObject({
      prefetch: 'none',
      trailingBug: 'not-affected',
    });
    expect(answer({ kernel: '3.5' })).toMatchObject({ prefetch: 'none' });
    expect(answer({ kernel: '3.6' })).toMatchObject({ prefetch: 'direct', trailingBug: 'affected' });
    expect(answer({ kernel: '5.4', cpu: 'amd', eptad: false })).toMatchObject({ prefetch: 'direct' });
  });

  it('hugepage-backed guest memory: 2 MiB SPTEs, no prefetch', () => {
    const a = answer({ kernel: '5.4', hugepages: true });
    expect(a).toMatchObject({ path: 'legacy-direct', prefetch: 'none', trailingBug: 'not-affected' });
    expect(hostCost(a).host.pfFixed).toBe(3072);
  });

  it('ept=N: shadow paging, never affected; it lands where the fixed walk does on this workload', () => {
    const a = answer({ kernel: '5.4', tdp: false });
    expect(a).toMatchObject({ path: 'shadow', prefetch: 'shadow', trailingBug: 'not-affected' });
    expect(hostCost(a).host.pfFixed).toBe(196_608);
  });

  it('an L2 guest runs on nested shadow EPT even when the TDP MMU runs L1; without EPT A/D every prefetched SPTE faults', () => {
    const withAd = answer({ kernel: '6.8', nested: true });
    expect(withAd).toMatchObject({ path: 'nested-shadow', trailingBug: 'not-affected' });
    expect(hostCost(withAd).host.pfFixed).toBe(196_608);
    const noAd = answer({ kernel: '6.8', nested: true, eptad: false });
    expect(noAd.prefetchSentence).toMatch(/access-tracked/);
    expect(hostCost(noAd).host).toMatchObject({ pfFixed: 1_572_864, prefetched: 1_376_256, prefetchHits: 0 });
  });

  it('every answer cites its facts', () => {
    for (const over of [{}, { kernel: '5.15.139' }, { tdp: false }, { nested: true }, { eptad: false }]) {
      const a = answer(over);
      expect(a.facts.length).toBeGreaterThan(0);
      for (const f of a.facts) expect(f.source.length).toBeGreaterThan(5);
    }
  });

  it('reads the version off uname -r', () => {
    expect(kernelOfUname('5.15.0-91-generic')).toBe('5.15.0');
    expect(kernelOfUname('6.8.12-arch1-1')).toBe('6.8.12');
    expect(kernelOfUname('4.18.0-513.el8.x86_64')).toBe('4.18.0');
    expect(answer({ kernel: '5.15.0-91-generic' }).facts[0]!.text).toMatch(/distribution kernel/);
  });
});
