import { describe, expect, it } from 'vitest';
import { parseScenario, serializeScenario } from './scenario.ts';

const base = { memslots: [{ baseGfn: 0, pages: 512 }], accesses: [8] };

describe('scenario: kernel, variant and invalidations', () => {
  it('kernel alone sets the variant; variant alone keeps working and adds no kernel', () => {
    const k = parseScenario({ ...base, kernel: 'v5.15.139' });
    expect(k.ok && k.value).toMatchObject({ kernel: '5.15.139', variant: 'buggy' });
    const v = parseScenario({ ...base, variant: 'buggy' });
    expect(v.ok && v.value.variant).toBe('buggy');
    expect(v.ok && 'kernel' in v.value).toBe(false);
    const none = parseScenario(base);
    expect(none.ok && none.value.variant).toBe('fixed');
  });

  it('the short forms given as kernel name 5.15 and 5.16', () => {
    const r = parseScenario({ ...base, kernel: 'buggy' });
    expect(r.ok && r.value).toMatchObject({ kernel: '5.15', variant: 'buggy' });
  });

  it('a variant that contradicts the kernel is an error naming both', () => {
    const r = parseScenario({ ...base, kernel: '5.15', variant: 'fixed' });
    expect(r.ok ? null : r.error).toEqual({
      path: '$.variant',
      message:
        '"fixed" contradicts kernel 5.15, which is before c6cecc4b9324 (v5.16); drop variant or set it to "buggy"',
    });
    expect(parseScenario({ ...base, kernel: '6.13', variant: 'fixed' }).ok).toBe(true);
  });

  it('an unknown kernel is an error listing what is supported', () => {
    const r = parseScenario({ ...base, kernel: '2.6.30' });
    expect(r.ok ? null : r.error.path).toBe('$.kernel');
    expect(r.ok ? '' : r.error.message).toMatch(
      /older than 2\.6\.37.*supported: 2\.6\.37-2\.6\.39, 3\.0-3\.19/,
    );
    expect(parseScenario({ ...base, kernel: 515 }).ok).toBe(false);
  });

  it('invalidations are inclusive access-index ranges', () => {
    const r = parseScenario({ ...base, invalidations: [[0, 3]] });
    expect(r.ok && r.value.invalidations).toEqual([[0, 3]]);
    const bad = parseScenario({ ...base, invalidations: [[3, 1]] });
    expect(bad.ok ? null : bad.error).toEqual({
      path: '$.invalidations[0]',
      message: 'inverted range: 3 > 1',
    });
  });

  it('round-trips, and a scenario without the new fields serialises as before', () => {
    const r = parseScenario({ ...base, kernel: '2.6.37', invalidations: [[1, 2]] });
    if (!r.ok) throw new Error(r.error.message);
    const text = serializeScenario(r.value);
    expect(text).toContain('"kernel": "2.6.37"');
    const back = parseScenario(JSON.parse(text));
    expect(back.ok && back.value).toEqual(r.value);
    const old = parseScenario(base);
    if (!old.ok) throw new Error(old.error.message);
    expect(serializeScenario(old.value)).not.toMatch(/kernel|invalidations/);
  });

  it('guest W/D bits: defaults leave old exports unchanged, clear bits are written', () => {
    const shadow = {
      ...base,
      mmu: 'shadow',
      guest: {
        paging: true,
        pageTables: [
          { gvaPage: 0, pages: 512, gfn: 0 },
          { gvaPage: 9, pages: 1, gfn: 9, dirty: false },
        ],
      },
    };
    const r = parseScenario(shadow);
    if (!r.ok) throw new Error(r.error.message);
    const text = serializeScenario(r.value);
    expect(text).toContain('"dirty": false');
    expect(text).not.toContain('"writable"');
    expect((text.match(/"dirty"/g) ?? []).length).toBe(1);
    const back = parseScenario(JSON.parse(text));
    expect(back.ok && back.value).toEqual(r.value);
  });
});
