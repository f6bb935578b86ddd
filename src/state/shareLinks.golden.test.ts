import { describe, expect, it } from 'vitest';
import golden from './shareLinks.golden.json';
import { shownFrame } from './testing/shownFrame.ts';
import { hrefWithFrame, readLocation } from './urlState.ts';

/*
 * Share links that people have already sent must show the same thing forever. These links were
 * made by the app as of commit d64f020 (2026-11-29; link code unchanged since main 1c809bc) with Copy link's own code (hrefWithFrame,
 * encodeScenario), and `shows` is what opening each one showed then: the scenario, the view, the
 * speed and the frame on screen (each side's step, counters, table and entry codes).
 *
 * Never regenerate this file to make the test pass. A failure means an old link now opens
 * differently: keep reading the old format (a URL format version, a compatibility path), and add
 * links of a new format as new entries beside these.
 */

describe('golden share links', () => {
  it.each(golden.map((g) => [g.what, g] as const))('%s', async (_, g) => {
    expect(await shownFrame(g.href)).toEqual(g.shows);
  });
});

describe('speeds below 1 survive a round trip', () => {
  it.each([0.25, 0.5, 2])('speed %s', async (speed) => {
    const href = hrefWithFrame('https://example.org/viz/', {
      scenarioPayload: 'j',
      presetId: 'seed',
      mode: 'compare',
      tick: 0,
      speed,
    });
    expect(new URL(href).hash).toContain(`speed=${speed}`);
    const { frame } = await readLocation(href.replace(/&s=j$/, ''));
    expect(frame.speed).toBe(speed);
  });
});
