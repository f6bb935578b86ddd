import { describe, expect, it } from 'vitest';
import {
  HOST_DIRTY_LOG,
  HOST_NO_SLOT,
  HOST_NOT_RESIDENT,
  HOST_READONLY,
  hostWords,
  tableHostInfo,
} from './hostInfo.ts';

describe('tableHostInfo', () => {
  it('marks slot membership, flags and residency per entry', () => {
    const info = tableHostInfo(
      {
        memslots: [
          { baseGfn: 600, pages: 10, dirtyLog: true },
          { baseGfn: 512, pages: 13 },
          { baseGfn: 530, pages: 4, readonly: true },
        ],
        nonResident: [[520, 521]],
      },
      512,
    );
    expect(info.slotIds[0]).toBe(0);
    expect(info.flags[0]).toBe(0);
    expect(info.flags[8]! & HOST_NOT_RESIDENT).toBeTruthy();
    expect(info.flags[10]! & HOST_NOT_RESIDENT).toBe(0);
    expect(info.flags[13]! & HOST_NO_SLOT).toBeTruthy();
    expect(info.slotIds[13]).toBe(-1);
    expect(info.flags[18]! & HOST_READONLY).toBeTruthy();
    expect(info.slotIds[18]).toBe(1);
    expect(info.flags[88]! & HOST_DIRTY_LOG).toBeTruthy();
  });
  it('describes host flags in words', () => {
    expect(hostWords(HOST_READONLY | HOST_NOT_RESIDENT)).toEqual([
      'read-only slot',
      'host page not resident',
    ]);
    expect(hostWords(0)).toEqual([]);
  });
});
