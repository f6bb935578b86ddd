import { describe, expect, it } from 'vitest';
import { emptyTotals } from '../../engine/types.ts';
import {
  bytesText,
  errorListing,
  faultsSaved,
  outsideSentence,
  percentText,
  permissionSentence,
  throughput,
} from './traceReport.ts';

describe('trace report text', () => {
  it('lists the kept errors and counts the rest', () => {
    const errors = Array.from({ length: 20 }, (_, i) => ({ line: i + 3, message: 'bad' }));
    expect(errorListing(errors, 57)).toEqual({ shown: errors, more: 37 });
    expect(errorListing(errors.slice(0, 2), 2).more).toBe(0);
  });

  it('says permission faults and MMIO faults are left out', () => {
    expect(permissionSentence(0)).toBe('');
    expect(permissionSentence(24)).toBe(
      '24 faults on entries that already existed (permission faults) are not part of the replay.',
    );
    expect(permissionSentence(1)).toMatch(/^1 fault on .* is not part/);
    expect(outsideSentence(8, [0xfebd0, 0xfebd1])).toBe(
      '8 faults lie outside the memslots (MMIO, such as the PCI hole, e.g. GFN 0xfebd0, 0xfebd1) and are not part of the replay.',
    );
  });

  it('computes the faults the fix saves', () => {
    const buggy = { ...emptyTotals(), pfFixed: 416 };
    const fixed = { ...emptyTotals(), pfFixed: 102 };
    const r = faultsSaved(buggy, fixed);
    expect(r.saved).toBe(314);
    expect(percentText(r.percent)).toBe('75%');
    expect(faultsSaved(emptyTotals(), emptyTotals())).toEqual({ saved: 0, percent: 0 });
    expect(percentText(4.44)).toBe('4.4%');
  });

  it('writes sizes and speeds', () => {
    expect(bytesText(512)).toBe('512 B');
    expect(bytesText(217_594)).toBe('218 KB');
    expect(bytesText(5_250_000)).toBe('5.25 MB');
    expect(bytesText(123_400_000)).toBe('123.4 MB');
    expect(throughput(100e6, 1000)).toBeCloseTo(100);
    expect(throughput(200_000, 1000)).toBeNull();
  });
});
