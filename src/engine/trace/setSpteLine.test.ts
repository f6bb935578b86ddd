import { describe, expect, it } from 'vitest';
import { INCOMPLETE, trimEnd } from './scan.ts';
import { accessedMask, emptySetSpteFields, parseSetSptePayload } from './setSpteLine.ts';

function parse(payload: string) {
  const out = emptySetSpteFields();
  const error = parseSetSptePayload(payload, 0, trimEnd(payload, payload.length), out);
  const { gfn, spteLow, level } = out;
  return { error, gfn, spteLow, level, trailing: out.trailing };
}

describe('parseSetSptePayload', () => {
  it('reads gfn, the SPTE low bits and the level', () => {
    expect(parse(' gfn 113600 spte 600000113600b77 (rwxu) level 1 at ffff888104a3f008')).toEqual({
      error: null,
      gfn: 0x113600,
      spteLow: 0xb77,
      level: 1,
      trailing: -1,
    });
    expect(parse('gfn 0 spte 7 (rwx) level 2 at 10')).toEqual({
      error: null,
      gfn: 0,
      spteLow: 7,
      level: 2,
      trailing: -1,
    });
    expect(parse('gfn 5 spte 1 (---) level 3 at 10')).toMatchObject({ error: null, level: 3 });
  });

  it('tells prefetched from faulting entries by the accessed bit', () => {
    const faulting = parse('gfn 4000 spte 104000937 (rwx) level 1 at ffff888100020000');
    const prefetched = parse('gfn 4001 spte 104001837 (rwx) level 1 at ffff888100020008');
    expect(faulting.spteLow & accessedMask('ept')).not.toBe(0);
    expect(prefetched.spteLow & accessedMask('ept')).toBe(0);
    expect(accessedMask('npt')).toBe(0x20);
    expect(accessedMask('shadow')).toBe(0x20);
  });

  it('keeps text after the payload apart, and says where a cut line ends early', () => {
    expect(parse('gfn 1 spte 1 (rwx) level 1 at 1   <-- here').trailing).toBe(34);
    for (const cut of [
      '',
      'gfn',
      'gfn 1',
      'gfn 1 spte',
      'gfn 1 spte 1',
      'gfn 1 spte 1 (rwx)',
      'gfn 1 spte 1 (rwx) level',
      'gfn 1 spte 1 (rwx) level 1',
      'gfn 1 spte 1 (rwx) level 1 at',
    ]) {
      expect(parse(cut).error, cut).toBe(INCOMPLETE);
    }
  });

  it.each([
    ['gfn  spte 1 (rwx) level 1 at 1', /hex gfn at column 5/],
    ['gfn 10000000000 spte 1 (rwx) level 1 at 1', /beyond 52-bit/],
    ['gfn 1 spte 1 rwx level 1 at 1', /expected " \(" at column 13/],
    ['gfn 1 spte 1 (rwxuu) level 1 at 1', /at most 4 access flags/],
    ['gfn 1 spte 1 (rwq) level 1 at 1', /expected "\) level "/],
    ['gfn 1 spte 1 (rwx) level 9 at 1', /level from 1 to 5/],
    ['gfn 1 spte 1 (rwx) level 1 on 1', /expected " at "/],
    ['gfn 1 spte 11112222333344445 (rwx) level 1 at 1', /spte of 1 to 16 hex digits/],
    ['gfn 1 spte 1 (rwx) level 1 at 1trailing', /unexpected text after the sptep/],
  ])('rejects %j', (payload, message) => {
    expect(parse(payload).error).toMatch(message);
  });
});
