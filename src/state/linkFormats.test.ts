import { describe, expect, it } from 'vitest';
import { presetById } from '../engine/presets.ts';
import { readEmbedOptions } from '../ui/embed/embedOptions.ts';
import { encodeScenario, hrefWithFrame, readLocation } from './urlState.ts';

/*
 * Golden links: literal URLs as earlier versions wrote them must open the same frame forever.
 * Format 1 (no `v`, before 2026-11-29) counted steps from 0; format 2 counts from 1, as the app
 * shows them. Ticks below are the store's positions (from 0): the frame itself.
 */

// Written by "Copy link" in format 1: the seed run in compare at tick 6 (the app said "step 7 of 267").
const FORMAT1_SHARE =
  'https://example.org/viz/index.html#variant=compare&step=6&preset=seed-run&s=zPcyxboNAEEXRX0GvfgUzgI23TOM-KRHFehmTlc1isWAlsvzvEU3KI13dF5625DgnOCGSnwwOX2ZDEXw2Fuu3pcKnwudgaYhpLJYtgZimDQ53G334BfH0S_RphcM1_tgA4uLDLaYRDvUNhB8-4prh1mUzYrIp3-fd3QsXn-18TXAl8fCjZbhG9N0TaU6fluNg-7nricdi-R8-BMt5z7uWJ0pJEYpSKkpNaSgHypHSUk7UkipUpVbUmtpQD9QjtaWeWJWspH__AQ';
// An embed in format 1 after its URL sync wrote the hash: a custom scenario, range 2–9 (from 0).
const FORMAT1_EMBED =
  'https://example.org/viz/index.html?embed&from=2&to=9&controls=0#variant=buggy&step=4&speed=0.5&s=zJcyxCoMwFEbhd_nnO6i0UDJ26d41ZLjGqwRNIrlRWsR3L9LxG845sEvRkBNMS0gcBQZ-05ojCDFuMFhkYv8FYecSOFUYjOEjAwg9-zmkCQa3GQQenqEqTC2bEKJEXfJle6BnldeYYBrCypMozL3tTkdIOb1FwyDX2TrCWkT_sF1DXeMcgb0X1auyD3f-AA';

describe('link formats (golden)', () => {
  it('format 1 share link: tick 6, compare, the seed run', async () => {
    const r = await readLocation(FORMAT1_SHARE);
    expect(r.problems).toEqual([]);
    expect(r.frame).toMatchObject({ tick: 6, mode: 'compare', presetId: 'seed-run' });
    // presetId is kept only when the decoded scenario is that preset's, unchanged.
  });

  it('format 1 embed URL: tick 4 in the range of ticks 2–9, a custom scenario, half speed', async () => {
    const url = new URL(FORMAT1_EMBED);
    const r = await readLocation(FORMAT1_EMBED);
    expect(r.problems).toEqual([]);
    expect(r.frame).toMatchObject({ tick: 4, mode: 'buggy', speed: 0.5 });
    expect(r.frame.presetId).toBeUndefined();
    expect(r.frame.scenario?.name).toBe('custom');
    expect(r.frame.scenario?.present).toEqual([[20, 20]]);
    expect(readEmbedOptions(url.search).options).toMatchObject({ fromTick: 2, toTick: 9, controls: false });
  });

  it('hand-written format 1 links (the old docs) keep counting from 0', async () => {
    const r = await readLocation(
      'https://example.org/viz/index.html?preset=failed-batch&variant=fixed&step=4',
    );
    expect(r.frame).toMatchObject({ tick: 4, presetId: 'failed-batch', mode: 'fixed' });
  });

  it('format 2 writes the step the app shows, and reads it back as the same tick', async () => {
    const payload = await encodeScenario(presetById('seed-run')!.scenario);
    const href = hrefWithFrame('https://example.org/viz/index.html', {
      scenarioPayload: payload,
      presetId: 'seed-run',
      mode: 'compare',
      tick: 6,
      speed: 1,
    });
    expect(href).toContain('#v=2&variant=compare&step=7&preset=seed-run&s=z');
    expect((await readLocation(href)).frame.tick).toBe(6);
    // The same frame written by hand, as a teacher copies "step 7" from the app.
    const hand = await readLocation('https://example.org/viz/index.html?v=2&preset=seed-run&step=7');
    expect(hand.frame.tick).toBe(6);
    expect(readEmbedOptions('?embed&v=2&from=3&to=10').options).toMatchObject({ fromTick: 2, toTick: 9 });
  });

  it('an embed written in format 1 keeps its query when the app writes a format 2 hash', () => {
    const href = hrefWithFrame('https://example.org/viz/index.html?embed&from=2&to=9&step=4', {
      scenarioPayload: 'jAA',
      presetId: null,
      mode: 'buggy',
      tick: 4,
      speed: 1,
    });
    const url = new URL(href);
    // The query's from/to still count from 0 (no v in the query); the hash says step 5 in format 2.
    expect(url.search).toBe('?embed&from=2&to=9');
    expect(url.hash).toBe('#v=2&variant=buggy&step=5&s=jAA');
    expect(readEmbedOptions(url.search).options).toMatchObject({ fromTick: 2, toTick: 9 });
  });
});
