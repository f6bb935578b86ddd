import { describe, expect, it } from 'vitest';
import { presetById } from '../engine/presets.ts';
import { parseScenario } from '../engine/scenario.ts';
import type { Scenario } from '../engine/types.ts';
import {
  decodeScenario,
  encodeScenario,
  fromBase64Url,
  hrefWithFrame,
  MAX_SCENARIO_BYTES,
  MAX_URL_CHARS,
  readLocation,
  toBase64Url,
} from './urlState.ts';

const BASE = 'https://example.org/talks/viz/index.html';
const seed = presetById('seed')!.scenario;
const custom: Scenario = { ...seed, name: 'custom', present: [[11, 11]], accesses: [8, 12, 40] };

/** What a scenario reads back as: parsing fills in defaults. */
function normal(s: Scenario): Scenario {
  const r = parseScenario(s);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('base64url', () => {
  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });
  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('abc+')).toBeNull();
    expect(fromBase64Url('<img src=x>')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('scenario payload', () => {
  it('round-trips compressed and plain', async () => {
    for (const compress of [true, false]) {
      const payload = await encodeScenario(custom, compress);
      expect(payload[0]).toBe(compress ? 'z' : 'j');
      expect(await decodeScenario(payload)).toEqual({ ok: true, scenario: normal(custom) });
    }
  });
  it('compresses a long access list well below the URL limit', async () => {
    const long: Scenario = { ...seed, accesses: Array.from({ length: 4000 }, (_, i) => (i * 7) % 512) };
    const payload = await encodeScenario(long);
    expect(payload.length).toBeLessThan(MAX_URL_CHARS / 4);
    expect(await decodeScenario(payload)).toEqual({ ok: true, scenario: normal(long) });
  });
  it('names what is wrong with damaged, hostile or invalid payloads', async () => {
    expect(await decodeScenario('zAAAA')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/damaged/),
    });
    expect(await decodeScenario('x<img onerror=alert(1)>')).toMatchObject({ ok: false });
    expect(await decodeScenario('')).toMatchObject({ ok: false });
    const notJson = `j${toBase64Url(new TextEncoder().encode('{"version":'))}`;
    expect(await decodeScenario(notJson)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not JSON/),
    });
    const invalid = `j${toBase64Url(new TextEncoder().encode(JSON.stringify({ ...seed, mmu: 'ept' })))}`;
    expect(await decodeScenario(invalid)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/\$\.mmu/),
    });
  });
  it('refuses a payload that inflates past the limit (a zip bomb)', async () => {
    const bomb = `z${toBase64Url(await deflate(new Uint8Array(MAX_SCENARIO_BYTES + 10).fill(32)))}`;
    expect(bomb.length).toBeLessThan(4096);
    expect(await decodeScenario(bomb)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/more than/),
    });
  });
});

describe('readLocation', () => {
  it('round-trips a frame through hrefWithFrame', async () => {
    const href = hrefWithFrame(`${BASE}?view=visualizer&embed`, {
      scenarioPayload: await encodeScenario(custom),
      presetId: null,
      mode: 'buggy',
      tick: 17,
      speed: 2,
    });
    // Written as the app shows it: tick 17 is "step 18 of …".
    expect(href).toMatch(/\?view=visualizer&embed#v=2&variant=buggy&step=18&speed=2&s=z/);
    expect(await readLocation(href)).toEqual({
      frame: { scenario: normal(custom), mode: 'buggy', tick: 17, speed: 2 },
      problems: [],
    });
  });
  it('keeps the preset id only while the scenario is that preset', async () => {
    const same = hrefWithFrame(BASE, {
      scenarioPayload: await encodeScenario(seed),
      presetId: 'seed',
      mode: 'compare',
      tick: 0,
      speed: 1,
    });
    expect((await readLocation(same)).frame.presetId).toBe('seed');
    const edited = hrefWithFrame(BASE, {
      scenarioPayload: await encodeScenario(custom),
      presetId: 'seed',
      mode: 'compare',
      tick: 0,
      speed: 1,
    });
    expect((await readLocation(edited)).frame.presetId).toBeUndefined();
  });
  it('reads query parameters, the hash overriding them', async () => {
    const r = await readLocation(`${BASE}?embed&preset=mid-window&variant=fixed&step=3#v=2&step=5`);
    expect(r.problems).toEqual([]);
    expect(r.frame).toMatchObject({ presetId: 'mid-window', mode: 'fixed', tick: 4 });
  });
  it('drops each bad part with a sentence, keeping the good ones', async () => {
    const r = await readLocation(`${BASE}#variant=evil&step=-1&speed=1e9&preset=nope&s=garbage!`);
    expect(r.frame).toEqual({});
    expect(r.problems).toHaveLength(5);
    expect(r.problems.join(' ')).toMatch(
      /variant “evil”.*step “-1”.*speed “1e9”.*no preset called “nope”.*format/,
    );
  });
  it('quotes hostile input as bounded plain text', async () => {
    const payload = `<img src=x onerror=alert(1)>${'A'.repeat(200)}`;
    const r = await readLocation(`${BASE}#variant=${encodeURIComponent(payload)}`);
    expect(r.problems[0]!.length).toBeLessThan(100);
    expect(r.problems[0]).toContain('“<img src=x onerror=alert(1)>');
  });
  it('reads each part in its own link format: the query may be older than the hash', async () => {
    // A hand-written format-1 query (from 0) behind a hash the app wrote in format 2.
    expect((await readLocation(`${BASE}?step=3#v=2&variant=fixed`)).frame.tick).toBe(3);
    expect((await readLocation(`${BASE}?v=2&step=3#variant=fixed`)).frame.tick).toBe(2);
    expect((await readLocation(`${BASE}?step=3#v=2&step=3`)).frame.tick).toBe(2);
  });
  it('names a step 0 in format 2 and an unknown format', async () => {
    const zero = await readLocation(`${BASE}#v=2&step=0&variant=fixed`);
    expect(zero.frame).toEqual({ mode: 'fixed' });
    expect(zero.problems).toEqual(['step 0: steps count from 1']);
    const later = await readLocation(`${BASE}#v=9&step=4`);
    expect(later.frame).toEqual({});
    expect(later.problems[0]).toMatch(/link format v=“9” is not one this app reads/);
  });
  it('refuses links over 64 KB before decoding anything', async () => {
    const r = await readLocation(`${BASE}#s=j${'A'.repeat(MAX_URL_CHARS)}`);
    expect(r.frame).toEqual({});
    expect(r.problems[0]).toMatch(/links over 64 KB are refused/);
  });
});
