import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildZip, crc32, stepFileName, zipEntryNames } from './zip.ts';

const enc = new TextEncoder();

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(enc.encode(''))).toBe(0);
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(enc.encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    expect(crc32(new Uint8Array([0]))).toBe(0xd202ef8d);
  });
});

describe('buildZip', () => {
  const entries = [
    { name: 'step-0001.png', data: enc.encode('first') },
    { name: 'step-0002.png', data: new Uint8Array(300).map((_, i) => i & 0xff) },
    { name: 'notes/ü.txt', data: enc.encode('') },
  ];
  const zip = buildZip(entries, new Date(2024, 4, 17, 10, 30, 12));

  it('lists its entries in its central directory', () => {
    expect(zipEntryNames(zip)).toEqual(entries.map((e) => e.name));
    const v = new DataView(zip.buffer);
    expect(v.getUint32(0, true)).toBe(0x04034b50);
    expect(v.getUint32(14, true)).toBe(crc32(enc.encode('first')));
  });

  it('stores the bytes unchanged after each local header', () => {
    const name = enc.encode('step-0001.png');
    const at = 30 + name.length;
    expect(new TextDecoder().decode(zip.subarray(at, at + 5))).toBe('first');
  });

  it('is read by unzip, contents and CRCs included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    try {
      const file = join(dir, 'a.zip');
      writeFileSync(file, zip);
      if (existsSync('/usr/bin/unzip')) {
        const list = execFileSync('/usr/bin/unzip', ['-l', file], { encoding: 'utf8' });
        expect(list).toContain('step-0001.png');
        expect(list).toMatch(/3 files/);
        // -t tests every entry against its CRC.
        const test = execFileSync('/usr/bin/unzip', ['-t', file], { encoding: 'utf8' });
        expect(test).toContain('No errors detected');
        execFileSync('/usr/bin/unzip', ['-q', file, '-d', join(dir, 'out')]);
        expect(readFileSync(join(dir, 'out', 'step-0002.png'))).toEqual(Buffer.from(entries[1]!.data));
      } else {
        // Without unzip, check the end record's numbers against the structure.
        const v = new DataView(zip.buffer);
        const end = zip.length - 22;
        expect(v.getUint32(end, true)).toBe(0x06054b50);
        expect(v.getUint16(end + 10, true)).toBe(3);
        expect(v.getUint32(end + 16, true) + v.getUint32(end + 12, true)).toBe(end);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bytes that are not a zip', () => {
    expect(() => zipEntryNames(new Uint8Array(40))).toThrow(/Not a zip/);
  });
});

describe('stepFileName', () => {
  it('pads so names sort in step order', () => {
    expect(stepFileName(1, 267)).toBe('step-0001.png');
    expect(stepFileName(12345, 20000)).toBe('step-12345.png');
  });
});
