import { describe, expect, it } from 'vitest';
import { HOST_DEFAULT, hostCommandLine, hostSearch, readHostSearch } from './hostUrl.ts';

describe('the host page in its address', () => {
  it('opens on the default host without host keys', () => {
    expect(readHostSearch('?view=host')).toEqual({ input: HOST_DEFAULT, problems: [] });
  });

  it('reads the keys sim --host takes and leaves the rest of the query alone', () => {
    const r = readHostSearch('?view=host&kernel=6.8.12-arch1-1&cpu=amd&npt=N&nested=Y&embed');
    expect(r.problems).toEqual([]);
    expect(r.input).toEqual({
      ...HOST_DEFAULT,
      kernel: '6.8.12-arch1-1',
      cpu: 'amd',
      tdp: false,
      nested: true,
    });
  });

  it('round-trips every input through the query, keeping other keys', () => {
    const input = {
      kernel: '4.18.0-513.el8.x86_64',
      cpu: 'intel' as const,
      tdp: true,
      eptad: false,
      tdpMmu: 'off' as const,
      nested: true,
      hugepages: true,
    };
    const search = hostSearch(input, '?view=host&kernel=5.15&ept=Y');
    expect(search).toBe('?view=host&kernel=4.18.0-513.el8.x86_64&eptad=N&tdp_mmu=N&nested=Y&hugepages=Y');
    expect(readHostSearch(search)).toEqual({ input, problems: [] });
    expect(hostSearch(HOST_DEFAULT, '?view=host')).toBe('?view=host&kernel=5.15.139');
  });

  it('a bad value is named and the default used; an unknown kernel falls back to the default kernel', () => {
    const r = readHostSearch('?view=host&kernel=9.1&ept=maybe&tdp_mmu=sometimes');
    expect(r.input).toEqual(HOST_DEFAULT);
    expect(r.problems).toEqual([
      'ept: expected Y or N, got "maybe": the default is used instead.',
      'tdp_mmu: expected default, Y or N, got "sometimes": the default is used instead.',
      expect.stringMatching(
        /^kernel "9\.1" in the link: 9\.1 is not a Linux release; supported: .*Showing 5\.15\.139 instead\.$/,
      ),
    ]);
  });

  it('never throws on hostile or huge queries', () => {
    for (const q of [
      '?kernel=%E0%A4%A',
      '?kernel=<script>alert(1)</script>',
      `?kernel=${'9'.repeat(10_000)}`,
      '?%%%',
      '?kernel',
    ]) {
      const r = readHostSearch(q);
      expect(r.input.kernel.length).toBeLessThanOrEqual(200);
    }
    expect(readHostSearch(`?kernel=${'9'.repeat(10_000)}`).problems[0]).toMatch(/longer than 4096/);
    expect(readHostSearch('?kernel').problems).toEqual([
      'kernel: empty (the output of uname -r): the default is used instead.',
    ]);
  });

  it('says the same question as a command line', () => {
    expect(hostCommandLine({ ...HOST_DEFAULT, cpu: 'amd', tdp: false })).toBe(
      'npm run sim -- --host kernel=5.15.139 cpu=amd npt=N',
    );
    expect(hostCommandLine({ ...HOST_DEFAULT, kernel: "5.15 it's" })).toBe(
      "npm run sim -- --host kernel='5.15 it'\\''s'",
    );
  });
});
