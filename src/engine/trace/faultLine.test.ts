import { describe, expect, it } from 'vitest';
import { emptyFaultFields, isPermissionFault, parseFaultPayload } from './faultLine.ts';
import { INCOMPLETE, trimEnd } from './scan.ts';

/** Parses a payload as the parser does: trailing blanks cut first. */
function parse(payload: string) {
  const out = emptyFaultFields();
  const error = parseFaultPayload(payload, 0, trimEnd(payload, payload.length), out);
  const { vcpu, page, errorCode } = out;
  return { error, vcpu, gfn: page, errorCode, errorHigh: out.errorHigh, trailing: out.trailing };
}

describe('parseFaultPayload', () => {
  it('reads the v6.1+ payload of the LKML example', () => {
    const r = parse(' vcpu 5 rip 0x7f08a4602116 address 0x0000000113600002 error_code 0x181');
    expect(r).toEqual({ error: null, vcpu: 5, gfn: 0x113600, errorCode: 0x181, errorHigh: 0, trailing: -1 });
  });

  it('reads the v5.15 payload (hex without 0x, no vCPU)', () => {
    expect(parse('address 113600002 error_code 181')).toEqual({
      error: null,
      vcpu: -1,
      gfn: 0x113600,
      errorCode: 0x181,
      errorHigh: 0,
      trailing: -1,
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

  it('keeps the low 32 bits of a 64-bit error code, and bits 32-34 apart (AMD #NPF exit info)', () => {
    expect(parse('vcpu 1 rip 0x1 address 0x1000 error_code 0x100000006')).toMatchObject({
      error: null,
      errorCode: 6,
      errorHigh: 1,
    });
    expect(parse('vcpu 1 rip 0x1 address 0x1000 error_code 0x500000004')).toMatchObject({ errorHigh: 5 });
    expect(parse('vcpu 1 rip 0x1 address 0x1000 error_code 0x800000004')).toMatchObject({ errorHigh: 0 });
  });

  it('keeps any 64-bit address as a page number: whether it is a GPA is decided with the hardware', () => {
    expect(parse('vcpu 0 rip 0x1 address 0x0010000000000000 error_code 0x181')).toMatchObject({
      error: null,
      gfn: 2 ** 40,
    });
    expect(parse('address ffffffff8103d0a3 error_code 2')).toMatchObject({
      error: null,
      gfn: 0xffffffff8103d,
    });
  });

  it('refuses a vCPU above 2^32 - 1, as --vcpu does', () => {
    expect(parse('vcpu 4294967295 rip 0x1 address 0x1000 error_code 0x181').vcpu).toBe(4294967295);
    expect(parse('vcpu 4294967296 rip 0x1 address 0x1000 error_code 0x181').error).toMatch(
      /vcpu 4294967296 is above 4294967295/,
    );
  });

  it('keeps an event with blank-separated text after it, and says where that text starts', () => {
    const payload = 'vcpu 0 rip 0x1 address 0x1000 error_code 0x181      <-------- [1]';
    expect(parse(payload)).toMatchObject({ error: null, gfn: 1, trailing: payload.indexOf('<') });
    expect(parse('address 1000 error_code 181 (first touch)').trailing).toBe(28);
  });

  it.each([
    [''],
    ['   '],
    ['vcpu'],
    ['vcpu 4'],
    ['vcpu 4 rip'],
    ['vcpu 4 rip 0x'],
    ['vcpu 4 rip 0xffffffff8103d0a3'],
    ['vcpu 4 rip 0xffffffff8103d0a3 address'],
    ['vcpu 4 rip 0xffffffff8103d0a3 address 0x00000000fed000f0'],
    ['vcpu 4 rip 0xffffffff8103d0a3 address 0x00000000fed000f0 error_code'],
    ['address'],
    ['address fc000'],
    ['address fc000 error_code'],
  ])('says %j ends early (its rest may be on the next line)', (payload) => {
    expect(parse(payload).error).toBe(INCOMPLETE);
  });

  it.each([
    ['vcpu x rip 0x1 address 0x1000 error_code 0x181', /decimal vCPU number at column 6/],
    ['vcpu 1 rip 0x address 0x1000 error_code 0x181', /rip must be 1 to 16 hex digits/],
    ['vcpu 1 rip 0x1 addr 0x1000 error_code 0x181', /expected " address 0x" at column 15/],
    ['vcpu 1 rip 0x1 address 0x11112222333344445 error_code 0x181', /address of 1 to 16 hex digits/],
    ['vcpu 1 rip 0x1 address 0x1000 code 0x181', /expected " error_code 0x" at column 30/],
    ['vcpu 1 rip 0x1 address 0x1000 error_code 0x 181', /error code of 1 to 16 hex digits/],
    ['vcpu 1 rip 0x1 address 0x1000 error_code 0x181zz', /unexpected text after error_code at column 47/],
    ['address 0x1000 error_code 181', /expected " error_code " at column 10/],
    ['address 1000 error_code 0x181', /unexpected text after error_code/],
    ['cpu 1 rip 0x1', /expected "vcpu N rip/],
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

  it('NPT and shadow paging (#PF codes): bit 0 (present) alone decides', () => {
    expect(isPermissionFault(0x7, 'shadow')).toBe(true);
    expect(isPermissionFault(0x14, 'shadow')).toBe(false);
    expect(isPermissionFault(0x6, 'npt')).toBe(false);
    expect(isPermissionFault(0x4, 'npt')).toBe(false);
    expect(isPermissionFault(0x7, 'npt')).toBe(true);
    expect(isPermissionFault(0x1, 'npt')).toBe(true);
    // 0x181 is an EPT read fault but, read as an #NPF code, a present entry.
    expect(isPermissionFault(0x181, 'npt')).toBe(true);
  });
});
