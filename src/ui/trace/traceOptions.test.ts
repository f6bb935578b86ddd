import { describe, expect, it } from 'vitest';
import { memslotsText, resolveMemslots, vcpuFromValue, vcpuValue } from './traceOptions.ts';

describe('resolveMemslots', () => {
  it('builds a preset from the highest GFN', () => {
    expect(resolveMemslots({ kind: 'preset', id: 'x86-pci-hole' }, 0x140000)).toEqual({
      ok: true,
      memslots: [
        { baseGfn: 0, pages: 0xc0000 },
        { baseGfn: 0x100000, pages: 0x80000 },
      ],
    });
    expect(resolveMemslots({ kind: 'preset', id: 'flat' }, 10)).toEqual({
      ok: true,
      memslots: [{ baseGfn: 0, pages: 0x40000 }],
    });
  });

  it('accepts a JSON array or a scenario-like object', () => {
    const a = resolveMemslots(
      { kind: 'custom', text: '[{"baseGfn": 0, "pages": 512, "readonly": true}]' },
      0,
    );
    expect(a).toEqual({ ok: true, memslots: [{ baseGfn: 0, pages: 512, readonly: true, dirtyLog: false }] });
    const o = resolveMemslots({ kind: 'custom', text: '{"memslots": [{"baseGfn": 4, "pages": 8}]}' }, 0);
    expect(o).toEqual({ ok: true, memslots: [{ baseGfn: 4, pages: 8, readonly: false, dirtyLog: false }] });
  });

  it('names the JSON path of a bad field as the user wrote it', () => {
    const a = resolveMemslots({ kind: 'custom', text: '[{"baseGfn": 0, "pages": -3}]' }, 0);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.message).toMatch(/^\$\[0\]\.pages: /);
    const o = resolveMemslots({ kind: 'custom', text: '{"memslots": [{"baseGfn": 0, "pages": 0}]}' }, 0);
    if (!o.ok) expect(o.message).toMatch(/^\$\.memslots\[0\]\.pages: /);
    else expect.unreachable();
  });

  it('refuses text that is not JSON, or not memslots', () => {
    const j = resolveMemslots({ kind: 'custom', text: '[{' }, 0);
    expect(!j.ok && j.message).toMatch(/^\$: not JSON/);
    const n = resolveMemslots({ kind: 'custom', text: '42' }, 0);
    expect(!n.ok && n.message).toMatch(/^\$: must be an array of memslots/);
    const e = resolveMemslots({ kind: 'custom', text: '[]' }, 0);
    expect(!e.ok && e.message).toMatch(/^\$: must be a non-empty array/);
  });
});

describe('vCPU values', () => {
  it('round-trips all and numbers', () => {
    expect(vcpuFromValue('all')).toBeNull();
    expect(vcpuFromValue('3')).toBe(3);
    expect(vcpuFromValue('x')).toBeNull();
    expect(vcpuValue(null)).toBe('all');
    expect(vcpuValue(12)).toBe('12');
  });
});

describe('memslotsText', () => {
  it('writes slots as guest-physical ranges', () => {
    expect(
      memslotsText([
        { baseGfn: 0, pages: 0xc0000 },
        { baseGfn: 0x100000, pages: 0x80000, dirtyLog: true },
      ]),
    ).toBe('[0, 3 GiB) · [4 GiB, 6 GiB) dirty logging');
    expect(memslotsText([{ baseGfn: 0x8000, pages: 3 }])).toBe('[128 MiB, 131084 KiB)');
  });
});
