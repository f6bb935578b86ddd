import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTraceText } from '../src/engine/trace/traceParser.ts';
import { buildSamples, SAMPLES_DIR } from './gen-samples.ts';

const samples = buildSamples();

describe('synthetic sample traces', () => {
  it('are deterministic and up to date on disk (run `npx tsx scripts/gen-samples.ts` if not)', () => {
    expect(buildSamples()).toEqual(samples);
    const onDisk = readdirSync(SAMPLES_DIR)
      .filter((f) => f.startsWith('synthetic-'))
      .sort();
    expect(onDisk).toEqual(samples.map((s) => s.name).sort());
    for (const s of samples) expect(readFileSync(`${SAMPLES_DIR}${s.name}`, 'utf8'), s.name).toBe(s.text);
    const index = JSON.parse(readFileSync(`${SAMPLES_DIR}index.json`, 'utf8'));
    expect(index.samples.map((s: { name: string }) => s.name)).toEqual(samples.map((s) => s.name));
  });

  it('say they are synthetic in the file name and the first line, and stay small', () => {
    for (const s of samples) {
      expect(s.name).toMatch(/^synthetic-[a-z]+(-[a-z]+)*-v(5\.15|6\.1)\.(trace-cmd|perf|ftrace)\.txt$/);
      expect(s.text.split('\n', 1)[0]).toMatch(/^# SYNTHETIC trace .*not recorded from a real kernel/);
      expect(s.text.length).toBeLessThan(300 * 1024);
    }
  });

  it('parse without errors, in the format and framing their names claim', () => {
    for (const s of samples) {
      const r = parseTraceText(s.text);
      expect(r.errors, s.name).toEqual([]);
      expect(r.faults, s.name).toBeGreaterThan(s.name.includes('mailed') ? 10 : 90);
      const body = s.text.split('\n').filter((l) => l.includes('kvm_page_fault:'));
      const newPayload = s.name.includes('-v6.1.');
      expect(
        body.every((l) => l.includes(': vcpu ') === newPayload),
        s.name,
      ).toBe(true);
      const perf = s.name.endsWith('.perf.txt');
      expect(
        body.every((l) => l.includes('kvm:kvm_page_fault:') === perf),
        s.name,
      ).toBe(true);
    }
  });

  it('cover permission faults, MMIO, two vCPUs, other events and set_spte lines', () => {
    const byName = new Map(samples.map((s) => [s.name, parseTraceText(s.text)]));
    for (const name of ['synthetic-mixed-v6.1.trace-cmd.txt', 'synthetic-mixed-v5.15.perf.txt']) {
      const r = byName.get(name)!;
      expect(r.permissionFaults).toBeGreaterThan(0);
      expect(r.vcpus).toEqual([0, 1]);
      expect(r.skipped).toBeGreaterThan(r.faults);
      expect(r.gfns.some((g) => g >= 0xc0000 && g < 0x100000)).toBe(true);
    }
    const withSptes = byName.get('synthetic-setspte-fixed-v6.1.trace-cmd.txt')!;
    expect(withSptes.setSptes.filter((s) => s.prefetched).length).toBeGreaterThan(withSptes.faults);
  });

  it('show what their descriptions say: hardware, kernel, inferred vCPUs, shadow paging, wrapping', () => {
    const parsed = (name: string) => parseTraceText(samples.find((s) => s.name === name)!.text);
    const amd = parsed('synthetic-amd-npt-v6.1.trace-cmd.txt');
    expect(amd).toMatchObject({ hardware: 'npt', hardwareSource: 'detected', vcpus: [0, 1], warnings: [] });
    expect(amd.kernel?.behaviour).toBe('no-prefetch');
    const buggy = parsed('synthetic-legacy-buggy-v5.15.perf.txt');
    expect(buggy).toMatchObject({ hardware: 'ept', vcpus: [2], unknownVcpuEvents: 0 });
    expect(buggy.vcpuInferred).toBe(buggy.faults);
    expect(buggy.kernel?.behaviour).toBe('legacy-before-fix');
    const shadow = parsed('synthetic-shadow-v5.15.ftrace.txt');
    expect(shadow).toMatchObject({
      hardware: 'shadow',
      hardwareSource: 'detected',
      faults: 96,
      guestFaults: 24,
    });
    expect(shadow.warnings.map((w) => w.code)).toEqual(['shadow-paging']);
    const mailed = parsed('synthetic-mailed-v6.1.trace-cmd.txt');
    expect(mailed.rejoinedLines).toBeGreaterThan(100);
    expect(mailed.kernel?.behaviour).toBe('legacy-after-fix');
    expect(mailed.warnings.map((w) => w.code)).toEqual(['trailing-text']);
    // The samples from before keep reading as they did: Intel EPT, detected from the error codes.
    for (const s of samples.slice(0, 7)) expect(parseTraceText(s.text).hardware, s.name).toBe('ept');
    expect(parsed('synthetic-setspte-fixed-v6.1.trace-cmd.txt').kernel?.behaviour).toBe('legacy-after-fix');
  });
});
