import { describe, expect, it } from 'vitest';
import { emptyFaultFields, isPermissionFault, parseFaultPayload } from './faultLine.ts';

function parse(payload: string) {
  const out = emptyFaultFields();
  const error = parseFaultPayload(payload, 0, payload.length, out);
  return { error, ...out };
}

describe('parseFaultPayload', () => {
  it('reads the v6.1+ payload of the LKML example', () => {
    const r = parse(' vcpu 5 rip 0x7f08a4602116 address 0x0000000113600002 error_code 0x181');
    expect(r).toEqual({ error: null, vcpu: 5, gfn: 0x113600, errorCode: 0x181 });
  });

  it('reads the v5.15 payload (hex without 0x, no vCPU)', () => {
    expect(parse('address 113600002 error_code 181')).toEqual({
      error: null,
      vcpu: -1,
      gfn: 0x113600,
      errorCode: 0x181,
    });
    expect(parse('       address 7f8b1fff error_code 6')).toMatchObject({
      error: null,
      gfn: 0x7f8b1,
      errorCode: 6,
    });
  });

  it('takes addresses below one page as GFN 0 and keeps 52-bit GFNs exact', () => {
    expect(parse('address 2 error_code 181')).toMatchObject({ error: null, gfn: 0 });
    expect(parse('address fff error_code 181')).toMatchObject({ error: null, gfn: 0 });
    expect(parse('address 1000 error_code 181')).toMatchObject({ error: null, gfn: 1 });
    expect(parse('vcpu 0 rip 0x1 address 0x000fffffffffffff error_code 0x181')).toMatchObject({
      error: null,
      gfn: 2 ** 40 - 1,
    });
  });

  it('keeps the low 32 bits of a 64-bit error code', () => {
    expect(parse('vcpu 1 rip 0x1 address 0x1000 error_code 0x100000006')).toMatchObject({
      error: null,
      errorCode: 6,
    });
  });

  it('rejects addresses that cannot be guest physical (beyond 52 bits)', () => {
    expect(parse('vcpu 0 rip 0x1 address 0x0010000000000000 error_code 0x181').error).toMatch(
      /beyond 52 bits/,
    );
    expect(parse('address ffff888100000000 error_code 6').error).toMatch(/shadow-paging GVA/);
  });

  it.each([
    ['vcpu x rip 0x1 address 0x1000 error_code 0x181', /decimal vCPU number at column 6/],
    ['vcpu 1 rip 0x address 0x1000 error_code 0x181', /rip must be 1 to 16 hex digits/],
    ['vcpu 1 rip 0x1 addr 0x1000 error_code 0x181', /expected " address 0x" at column 15/],
    ['vcpu 1 rip 0x1 address 0x11112222333344445 error_code 0x181', /address of 1 to 16 hex digits/],
    ['vcpu 1 rip 0x1 address 0x1000', /expected " error_code 0x" at column 30/],
    ['vcpu 1 rip 0x1 address 0x1000 error_code 0x', /error code of 1 to 16 hex digits/],
    ['vcpu 1 rip 0x1 address 0x1000 error_code 0x181 extra', /unexpected text after error_code at column 48/],
    ['address 0x1000 error_code 181', /expected " error_code " at column 10/],
    ['address 1000 error_code 0x181', /unexpected text after error_code/],
    ['', /expected "vcpu N rip/],
    ['[FAILED TO PARSE] fault_address=4096 error_code=385', /FAILED TO PARSE/],
    ['vcpu_id=5 guest_rip=0x1 fault_address=0x1000 error_code=0x181', /raw field=value/],
  ])('rejects %j', (payload, message) => {
    expect(parse(payload).error).toMatch(message);
  });

  it('allows trailing blanks (trace-cmd pads some fields)', () => {
    expect(parse('address 1000 error_code 181  \t').error).toBeNull();
  });
});

describe('isPermissionFault', () => {
  it('EPT: R/W/X access bits alone are not-present faults; any of 0x8/0x10/0x20 means the entry existed', () => {
    for (const code of [0x1, 0x2, 0x4, 0x181, 0x182, 0x184, 0x100, 0x0])
      expect(isPermissionFault(code, 'ept')).toBe(false);
    for (const code of [0x8, 0x10, 0x20, 0x189, 0x18a, 0x19a, 0x1a4, 0x38])
      expect(isPermissionFault(code, 'ept')).toBe(true);
  });

  it('NPT: bit 0 (present) alone decides', () => {
    expect(isPermissionFault(0x6, 'npt')).toBe(false);
    expect(isPermissionFault(0x4, 'npt')).toBe(false);
    expect(isPermissionFault(0x7, 'npt')).toBe(true);
    expect(isPermissionFault(0x1, 'npt')).toBe(true);
    // 0x181 is an EPT read fault but, read as an #NPF code, a present entry.
    expect(isPermissionFault(0x181, 'npt')).toBe(true);
  });
});
