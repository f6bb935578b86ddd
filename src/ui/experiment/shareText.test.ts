import { describe, expect, it } from 'vitest';
import { shareText } from './TableOverview.tsx';

describe('shareText', () => {
  it('never rounds a real count to 0% or 100%', () => {
    expect(shareText(0)).toBe('0%');
    expect(shareText(416 / 2_097_152)).toBe('0.020%');
    expect(shareText(1 / 268_435_456)).toBe('<0.01%');
    expect(shareText(1 - 480 / 1_310_720)).toBe('99.96%');
    expect(shareText(1 - 1 / 268_435_456)).toBe('>99.99%');
    expect(shareText(1)).toBe('100%');
    expect(shareText(0.255)).toBe('25.5%');
  });
});
