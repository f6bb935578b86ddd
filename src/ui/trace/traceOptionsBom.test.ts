import { describe, expect, it } from 'vitest';
import { resolveMemslots } from './traceOptions.ts';

describe('resolveMemslots with a byte order mark', () => {
  it('accepts it, as every other JSON input does (issue 15)', () => {
    const r = resolveMemslots({ kind: 'custom', text: '\ufeff[{"baseGfn": 0, "pages": 8}]' }, 0);
    expect(r).toEqual({ ok: true, memslots: [{ baseGfn: 0, pages: 8, readonly: false, dirtyLog: false }] });
  });
});
