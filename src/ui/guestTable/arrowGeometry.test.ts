import { describe, expect, it } from 'vitest';
import { windowCellCenter } from '../../viz/layout.ts';
import { arrowGeometry, GUEST } from './arrowGeometry.ts';

describe('arrowGeometry', () => {
  it('runs from the guest PTE down to the shadow entry in the same column', () => {
    for (let k = 0; k < 8; k++) {
      const a = arrowGeometry(k, 'prefetched');
      expect(a.x).toBe(windowCellCenter(k));
      expect(a.d.startsWith(`M${a.x},${a.y0}`)).toBe(true);
      expect(a.y0).toBeGreaterThan(GUEST.pteY + GUEST.pteH);
      expect(a.y1).toBeLessThan(GUEST.targetY);
      expect(a.y1).toBeGreaterThan(GUEST.targetY - 6);
    }
  });

  it('gives filled entries a head that ends at the entry', () => {
    for (const kind of ['fault', 'prefetched'] as const) {
      const a = arrowGeometry(3, kind);
      expect(a.head).toContain(`L${a.x},${a.y1}`);
    }
  });

  it('stops a failed arrow halfway, and skips draw no head', () => {
    const f = arrowGeometry(4, 'failed');
    expect(f.head).toBeNull();
    expect(f.y1).toBeCloseTo((f.y0 + GUEST.targetY - 3) / 2);
    expect(f.d.endsWith(`${f.x},${f.y1}`)).toBe(true);
    expect(arrowGeometry(0, 'skip-present').head).toBeNull();
    expect(arrowGeometry(0, 'skip-faulting').head).toBeNull();
  });

  it('fits inside the drawing', () => {
    const last = arrowGeometry(7, 'fault');
    expect(last.x + GUEST.cellW / 2).toBeLessThanOrEqual(GUEST.width);
    expect(GUEST.targetY + GUEST.targetH).toBeLessThanOrEqual(GUEST.height);
  });
});
