import { describe, expect, it } from 'vitest';
import { scenario } from '../../engine/testing/scenarios.ts';
import type { ExperimentResponse, RunRequest } from '../../worker/experimentProtocol.ts';
import { runExperiment } from '../../worker/experimentSession.ts';
import { buildExperiment, isSeedExperiment, SEED_INPUT } from './experimentInput.ts';
import { runNames } from './runLabels.ts';

const REQ: RunRequest = {
  type: 'run',
  id: 1,
  // 4096 ascending touches from GFN 0: 512 windows, each faulted once at its first entry.
  scenario: scenario({ accesses: { pattern: 'sequential', startGfn: 0, pages: 4096 } }),
  runs: ['buggy', 'fixed'],
  buckets: 8,
  tableCount: 16,
  overview: { cols: 4, rows: 4, tablesPerCell: 1, cellPx: 1 },
  ramTables: [[0, 16]],
  measureEngine: false,
};

function run(req: RunRequest) {
  const posts: ExperimentResponse[] = [];
  let t = 0;
  runExperiment(req, { now: () => (t += 200), post: (m) => posts.push(m), shouldCancel: () => false });
  return {
    pfFixed: posts.flatMap((p) => (p.type === 'result' ? [p.result.totals.pfFixed] : [])),
    labels: [...new Set(posts.flatMap((p) => (p.type === 'progress' ? [p.label] : [])))],
  };
}

describe('the experiment runs any two kernels', () => {
  it('the form takes two versions, defaults to the seed pair, and names a bad one', () => {
    const seed = buildExperiment(SEED_INPUT);
    expect(seed.ok && seed.value.kernels).toEqual({ buggy: '5.15', fixed: '5.16' });
    const pair = buildExperiment({ ...SEED_INPUT, kernelA: 'v4.18', kernelB: '6.1.55' });
    expect(pair.ok && pair.value.kernels).toEqual({ buggy: '4.18', fixed: '6.1.55' });
    // The seed's own figures are for 5.15 | 5.16 only.
    expect(pair.ok && isSeedExperiment(pair.value)).toBe(false);
    const bad = buildExperiment({ ...SEED_INPUT, kernelB: '9.1' });
    expect(bad.ok ? null : [bad.field, bad.message]).toEqual([
      'kernelB',
      expect.stringMatching(/^Second kernel: 9\.1 is not a Linux release; supported: 2\.6\.37/),
    ]);
  });

  it('each run models its kernel: before v5.16 every window faults in full, from it once', () => {
    expect(run(REQ).pfFixed).toEqual([4096, 512]);
    expect(run({ ...REQ, kernels: { buggy: '6.1', fixed: '2.6.37' } })).toEqual({
      pfFixed: [512, 4096],
      labels: ['v6.1', 'v2.6.37'],
    });
    expect(run({ ...REQ, kernels: { buggy: '4.18', fixed: '5.15.139' } }).pfFixed).toEqual([4096, 4096]);
  });

  it('names the runs by the fix for the seed pair, by version otherwise, and says what differs', () => {
    expect(runNames(undefined)).toMatchObject({
      defaultPair: true,
      note: null,
      labels: { buggy: 'Buggy (before fix)', fixed: 'Fixed (after fix)', tdp: 'TDP (reference)' },
    });
    const same = runNames({ buggy: '4.18', fixed: '5.4' });
    expect(same.labels).toEqual({ buggy: 'v4.18', fixed: 'v5.4', tdp: 'TDP (reference)' });
    expect(same.note).toMatch(/v4\.18 predates it, v5\.4 predates it, so both columns are the same\./);
    expect(same.note).toMatch(/neither kernel has one/);
    const apart = runNames({ buggy: '5.15.139', fixed: '6.1' });
    expect(apart.note).toMatch(/v5\.15\.139 predates it, v6\.1 has it\. /);
    expect(apart.note).not.toMatch(/neither kernel/);
  });
});
