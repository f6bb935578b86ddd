import { describe, expect, it } from 'vitest';
import { parseHostArgs, runHostCommand } from './hostCommand.ts';

describe('sim --host', () => {
  it('answers in words by default', () => {
    const out = runHostCommand([
      '--host',
      'kernel=5.15.139',
      'cpu=intel',
      'ept=Y',
      'eptad=Y',
      'tdp_mmu=default',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^kernel 5\.15\.139: legacy direct MMU \(__direct_map\) over EPT/);
    expect(out.stdout).toContain('pf_fixed 1,572,864');
    expect(out.stdout).toContain(
      'with the fix (v5.16) on this path: pf_fixed 196,608 (1,376,256 faults saved)',
    );
  });

  it('--json gives the answer and the model run', () => {
    const out = runHostCommand(['--host', 'kernel=6.8', 'cpu=amd', 'npt=N', '--json']);
    const j = JSON.parse(out.stdout);
    expect(j).toMatchObject({ kernel: '6.8', path: 'shadow', trailingBug: 'not-affected' });
    expect(j.seedWorkload.host.pfFixed).toBe(196_608);
  });

  it('bad input is one line naming the problem, exit 2', () => {
    for (const [argv, msg] of [
      [['--host'], 'kernel= is required'],
      [['--host', 'kernel=5.15', 'cpu=arm'], 'cpu: expected intel or amd'],
      [['--host', 'kernel=5.15', 'ept=maybe'], 'ept: expected Y or N'],
      [['--host', 'kernel=5.15', 'colour=red'], 'unknown key "colour"'],
      [['--host', 'kernel=9.1'], 'kernel: 9.1 is not a Linux release'],
    ] as const) {
      const out = runHostCommand(argv);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(msg);
    }
  });

  it('--help lists the command that reads each input', () => {
    const out = runHostCommand(['--host', '--help']);
    expect(out.stdout).toContain('cat /sys/module/kvm_intel/parameters/eptad');
    expect(out.stdout).toContain('cat /sys/module/kvm/parameters/tdp_mmu');
    expect(parseHostArgs(['kernel=6.1', 'tdp_mmu=N']).input.tdpMmu).toBe('off');
  });
});
