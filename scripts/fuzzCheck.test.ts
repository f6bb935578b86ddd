import { describe, expect, it } from 'vitest';
import { checkCliRun, checkLink, checkOneLine, checkTrace } from './fuzzCheck.ts';
import type { ProcessRun } from './fuzzCheck.ts';
import { inputRng, scenarioText, traceText } from './fuzzGen.ts';
import { parseTraceText } from '../src/engine/trace/traceParser.ts';

// The fuzz script's judge must itself be right: it tells promises kept from broken ones.

const run = (over: Partial<ProcessRun>): ProcessRun => ({
  code: 2,
  signal: null,
  stdout: '',
  stderr: 'sim: $.variant: unknown variant "x" (expected buggy or fixed)\n',
  timedOut: false,
  ms: 500,
  peakRssMiB: 80,
  ...over,
});
const limits = { ms: 30_000, rssMiB: 1024 };

describe('checkCliRun', () => {
  it('accepts exit 2 with one line naming a JSON path, and exit 0 with JSON', () => {
    expect(checkCliRun('scenario', run({}), limits)).toEqual({ ok: true });
    expect(checkCliRun('scenario', run({ code: 0, stdout: '{"totals":{}}\n', stderr: '' }), limits)).toEqual({
      ok: true,
    });
    expect(
      checkCliRun('scenario', run({ stderr: 'sim: cannot read x.json: no such file\n' }), limits).ok,
    ).toBe(true);
  });

  it.each<[string, Partial<ProcessRun>]>([
    ['a crash', { code: 1, stderr: 'sim: internal error: Invalid string length\n' }],
    ['a V8 abort', { code: null, signal: 'SIGABRT' }],
    ['a timeout', { timedOut: true }],
    ['too much memory', { peakRssMiB: 3800 }],
    ['two lines', { stderr: 'sim: $: a\nb\n' }],
    ['a stack trace', { stderr: 'sim: $: x\n    at foo (a.ts:1:2)\n' }],
    ['a 52 MB line', { stderr: `sim: $.variant: unknown variant "${'v'.repeat(5000)}"\n` }],
    ['a raw escape code', { stderr: 'sim: cannot read x\u001b[31m.json: no such file\n' }],
    ['no JSON path', { stderr: 'sim: something went wrong\n' }],
    ['output on stdout with exit 2', { stdout: '{}' }],
  ])('refuses %s', (_, over) => {
    expect(checkCliRun('scenario', run(over), limits).ok).toBe(false);
  });

  it('wants one sim --trace line for traces', () => {
    expect(checkOneLine('sim --trace: no usable page faults in t.txt\n', /^sim --trace: /).ok).toBe(true);
    expect(checkCliRun('trace', run({ stderr: 'sim: unknown option "--trace=t.txt"\n' }), limits).ok).toBe(
      false,
    );
  });
});

describe('checkTrace and checkLink', () => {
  it('accept what the parser and decoder give today for generated inputs', () => {
    const text = traceText(inputRng(3, 0), { maxBytes: 20_000 });
    expect(checkTrace(parseTraceText(text), 20)).toEqual({ ok: true });
  });

  it('refuse broken counts, line numbers and long or unsafe problems', () => {
    const p = parseTraceText('garbage\n');
    expect(checkTrace({ ...p, lines: p.lines + 1 }, 20).ok).toBe(false);
    expect(checkTrace({ ...p, errorCount: 1, skipped: 0, errors: [{ line: 0, message: 'x' }] }, 20).ok).toBe(
      false,
    );
    expect(checkLink({ frame: {}, problems: ['x'.repeat(2_000_000)] }).ok).toBe(false);
    expect(checkLink({ frame: {}, problems: ['variant “\u202e” is not buggy'] }).ok).toBe(false);
    expect(checkLink({ frame: { speed: 0.25, tick: 3 }, problems: [] })).toEqual({ ok: true });
  });
});

describe('generated inputs', () => {
  it('are the same for the same seed and input number', () => {
    const a = scenarioText(inputRng(7, 42), { max: 10_000, big: false });
    expect(scenarioText(inputRng(7, 42), { max: 10_000, big: false })).toBe(a);
    expect(scenarioText(inputRng(7, 43), { max: 10_000, big: false })).not.toBe(a);
  });
});
