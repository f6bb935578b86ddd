import { describe, expect, it } from 'vitest';
import { SEED_WORKLOAD } from '../../engine/comparePaths.ts';
import { describeWorkload, SEED_FIELDS, workloadFromFields } from './workloadForm.ts';

describe('workloadFromFields', () => {
  it("gives the seed's workload for the default fields", () => {
    const r = workloadFromFields(SEED_FIELDS);
    expect(r).toEqual({ ok: true, workload: SEED_WORKLOAD });
    if (r.ok)
      expect(describeWorkload(r.workload)).toBe('1,572,864 pages (6 GiB) sequential in a VM of 8 GiB');
  });

  it('accepts separators, stride and seed only with their pattern', () => {
    const s = workloadFromFields({ ...SEED_FIELDS, pages: '1,024', pattern: 'stride', stride: '4' });
    expect(s).toMatchObject({
      ok: true,
      workload: { accesses: { pattern: 'stride', pages: 1024, stride: 4 } },
    });
    const r = workloadFromFields({ ...SEED_FIELDS, pages: '64', pattern: 'random', seed: '7' });
    expect(r).toMatchObject({ ok: true, workload: { accesses: { pattern: 'random', seed: 7 } } });
    if (r.ok && !Array.isArray(r.workload.accesses)) expect(r.workload.accesses.stride).toBeUndefined();
  });

  it('names the field of each problem', () => {
    expect(workloadFromFields({ ...SEED_FIELDS, vmGiB: '0' })).toMatchObject({ ok: false, field: 'vmGiB' });
    expect(workloadFromFields({ ...SEED_FIELDS, vmGiB: 'lots' })).toMatchObject({
      ok: false,
      field: 'vmGiB',
    });
    expect(workloadFromFields({ ...SEED_FIELDS, vmGiB: '5000' })).toMatchObject({
      ok: false,
      field: 'vmGiB',
    });
    expect(workloadFromFields({ ...SEED_FIELDS, pages: '1.5' })).toMatchObject({ ok: false, field: 'pages' });
    expect(workloadFromFields({ ...SEED_FIELDS, pages: '3000000' })).toMatchObject({
      ok: false,
      field: 'pages',
      message: "pages touched (3,000,000) exceed the VM's 2,097,152 pages",
    });
    expect(workloadFromFields({ ...SEED_FIELDS, pattern: 'stride', stride: '0' })).toMatchObject({
      field: 'stride',
    });
    expect(workloadFromFields({ ...SEED_FIELDS, pattern: 'random', seed: '-1' })).toMatchObject({
      field: 'seed',
    });
    // A bad stride does not matter when the pattern does not use it.
    expect(workloadFromFields({ ...SEED_FIELDS, stride: 'x' }).ok).toBe(true);
  });

  it('takes fractional GiB that are whole pages', () => {
    expect(workloadFromFields({ ...SEED_FIELDS, vmGiB: '0.5', pages: '64' })).toMatchObject({
      ok: true,
      workload: { memslots: [{ baseGfn: 0, pages: 131_072 }] },
    });
  });
});
