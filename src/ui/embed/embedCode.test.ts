import { describe, expect, it } from 'vitest';
import { readLocation } from '../../state/urlState.ts';
import { accessRange, appUrlOf, deckScriptSnippet, embedSrc, iframeSnippet } from './embedCode.ts';
import type { EmbedChoice } from './embedCode.ts';
import { readEmbedOptions } from './embedOptions.ts';

const base: EmbedChoice = {
  appUrl: 'https://uni.example/~kvm/viz/',
  presetId: 'seed',
  scenarioPayload: 'zABC',
  mode: 'compare',
  speed: 1,
  from: 3,
  to: 9,
  controls: true,
  autoplay: false,
  predict: false,
  title: '',
};

describe('embed code', () => {
  it('writes a format-2 widget URL that reads back as the same frame and range', async () => {
    const src = embedSrc(base);
    expect(src).toBe(
      'https://uni.example/~kvm/viz/?embed&v=2&preset=seed&variant=compare&step=3&from=3&to=9',
    );
    const r = await readLocation(src);
    expect(r.problems).toEqual([]);
    expect(r.frame).toMatchObject({ presetId: 'seed', mode: 'compare', tick: 2 });
    expect(readEmbedOptions(new URL(src).search).options).toMatchObject({
      fromTick: 2,
      toTick: 8,
      controls: true,
    });
  });
  it('carries an edited scenario, the options and a title', () => {
    const src = embedSrc({
      ...base,
      presetId: null,
      controls: false,
      autoplay: true,
      predict: true,
      speed: 0.5,
      title: ' A & B ',
    });
    const p = new URL(src).searchParams;
    expect(p.get('s')).toBe('zABC');
    expect(p.get('preset')).toBeNull();
    expect([p.get('controls'), p.get('autoplay'), p.get('predict'), p.get('speed'), p.get('title')]).toEqual([
      '0',
      '1',
      '1',
      '0.5',
      'A & B',
    ]);
  });
  it('escapes the iframe attributes', () => {
    const html = iframeSnippet({ ...base, title: '"><script>' }, 'x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&amp;v=2&amp;preset=seed');
    expect(html).toContain('title="SPTE prefetch: &quot;&gt;&lt;script&gt;"');
    expect(html).toMatch(/^<iframe class="spte-frame" src="https:\/\/uni\.example\/~kvm\/viz\/\?embed&amp;/);
  });
  it('points the deck script and the app URL at the app', () => {
    expect(appUrlOf('https://uni.example/viz/index.html?preset=seed#v=2&step=4')).toBe(
      'https://uni.example/viz/index.html',
    );
    expect(deckScriptSnippet('https://uni.example/viz/index.html')).toBe(
      '<script src="https://uni.example/viz/examples/spte-deck.js"></script>',
    );
  });
  it('gives the steps of the access a tick belongs to', () => {
    const starts = [0, 12, 23, 34];
    expect(accessRange(0, starts, 40)).toEqual([1, 12]);
    expect(accessRange(15, starts, 40)).toEqual([13, 23]);
    expect(accessRange(39, starts, 40)).toEqual([35, 40]);
  });
});
