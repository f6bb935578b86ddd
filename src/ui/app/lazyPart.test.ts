import { describe, expect, it } from 'vitest';
import { lazyPart } from './lazyPart.ts';

describe('lazyPart', () => {
  it('loads once, then hands the module out at once', async () => {
    let calls = 0;
    const part = lazyPart(async () => {
      calls++;
      return { answer: 42 };
    });
    expect(part.current()).toBeNull();
    const [a, b] = await Promise.all([part.load(), part.load()]);
    expect(a).toBe(b);
    expect(part.current()).toEqual({ answer: 42 });
    expect(calls).toBe(1);
  });
  it('tries again after a failed load (a dropped connection)', async () => {
    let calls = 0;
    const part = lazyPart(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return 'ok';
    });
    await expect(part.load()).rejects.toThrow('offline');
    expect(part.current()).toBeNull();
    await expect(part.load()).resolves.toBe('ok');
    expect(calls).toBe(2);
  });
});
