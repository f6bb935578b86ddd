import { describe, expect, it } from 'vitest';
import { presetById } from '../engine/presets.ts';
import { decodeForPage } from '../worker/linkCodec.ts';
import { localEngine } from './testing/shownFrame.ts';
import { createAppStore } from './store.ts';
import { encodeScenario, toBase64Url } from './urlState.ts';

// Links are decoded in the engine worker when the engine can; the page gets the same answer.

const seed = presetById('seed')!.scenario;
const withWorkerDecode = () =>
  createAppStore({
    ...localEngine(),
    decodeLink: async (payload) => ({ type: 'linkDecoded', result: await decodeForPage(payload) }),
  });

describe('decodeLink', () => {
  it('gives the same scenario through the worker as in place', async () => {
    const payload = await encodeScenario({ ...seed, name: 'through the worker' });
    const inPlace = await createAppStore(localEngine()).getState().decodeLink(payload);
    const viaWorker = await withWorkerDecode().getState().decodeLink(payload);
    expect(viaWorker).toEqual(inPlace);
    expect(viaWorker).toMatchObject({ ok: true, scenario: { name: 'through the worker' } });
  });

  it('passes the worker’s bounded message on', async () => {
    const json = `{"${'k'.repeat(100_000)}": 1, "memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1]}`;
    const r = await withWorkerDecode()
      .getState()
      .decodeLink(`j${toBase64Url(new TextEncoder().encode(json))}`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^the scenario in the link is invalid at \$\["k+…k+"\]: unknown key/);
      expect(r.message.length).toBeLessThan(250);
    }
  });

  it('says so when the worker cannot answer', async () => {
    const store = createAppStore({
      ...localEngine(),
      decodeLink: async () => ({ type: 'error', problem: { path: '$', message: 'engine stopped' } }),
    });
    expect(await store.getState().decodeLink('zAAAA')).toEqual({
      ok: false,
      message: 'the scenario in the link could not be read (engine stopped)',
    });
  });
});
