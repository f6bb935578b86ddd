import { describe, expect, it } from 'vitest';
import { HOST_INPUT_DEFAULTS, hostPairs, readHostPairs } from './hostInput.ts';
import type { HostInput } from './hostInput.ts';

const base: HostInput = { kernel: '5.15.139', ...HOST_INPUT_DEFAULTS };

describe('host inputs as key=value pairs', () => {
  it('reads the keys the host names them by, Y/N in any common spelling', () => {
    const r = readHostPairs(
      [
        ['kernel', '6.8.12-arch1-1'],
        ['cpu', 'AMD'],
        ['npt', 'n'],
        ['tdp_mmu', 'Y'],
        ['nested', '1'],
        ['hugepages', 'yes'],
      ],
      base,
    );
    expect(r.problems).toEqual([]);
    expect(r.hasKernel).toBe(true);
    expect(r.input).toEqual({
      kernel: '6.8.12-arch1-1',
      cpu: 'amd',
      tdp: false,
      eptad: true,
      tdpMmu: 'on',
      nested: true,
      hugepages: true,
    });
  });

  it('a bad value is a sentence naming it, and that input keeps its default', () => {
    const r = readHostPairs(
      [
        ['ept', 'maybe'],
        ['cpu', 'arm'],
        ['tdp_mmu', '2'],
        ['colour', 'red'],
        ['kernel', ''],
        ['eptad', 'N'],
      ],
      base,
    );
    expect(r.problems).toEqual([
      'ept: expected Y or N, got "maybe"',
      'cpu: expected intel or amd, got "arm"',
      'tdp_mmu: expected default, Y or N, got "2"',
      'unknown key "colour" (kernel, cpu, ept, npt, eptad, tdp_mmu, nested, hugepages)',
      'kernel: empty (the output of uname -r)',
    ]);
    expect(r.input).toEqual({ ...base, eptad: false });
    expect(r.hasKernel).toBe(false);
  });

  it('quotes a long bad value bounded', () => {
    const r = readHostPairs([['nested', 'x'.repeat(100_000)]], base);
    expect(r.problems[0]!.length).toBeLessThan(80);
  });

  it('writes only what differs from the defaults, and reads back the same input', () => {
    expect(hostPairs(base)).toEqual([['kernel', '5.15.139']]);
    const inputs: HostInput[] = [
      {
        kernel: '4.18.0-513.el8',
        cpu: 'amd',
        tdp: false,
        eptad: true,
        tdpMmu: 'off',
        nested: true,
        hugepages: true,
      },
      { kernel: '6.1', cpu: 'intel', tdp: true, eptad: false, tdpMmu: 'on', nested: false, hugepages: false },
    ];
    for (const input of inputs) {
      const back = readHostPairs(hostPairs(input), { kernel: '', ...HOST_INPUT_DEFAULTS });
      expect(back.problems).toEqual([]);
      expect(back.input).toEqual(input);
    }
    expect(hostPairs(inputs[0]!)).toEqual([
      ['kernel', '4.18.0-513.el8'],
      ['cpu', 'amd'],
      ['npt', 'N'],
      ['tdp_mmu', 'N'],
      ['nested', 'Y'],
      ['hugepages', 'Y'],
    ]);
  });
});
