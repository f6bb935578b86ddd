import { describe, expect, it } from 'vitest';
import { urlForView, viewFromSearch } from './route.ts';

describe('route', () => {
  it('reads the view from the query, defaulting to the visualizer', () => {
    expect(viewFromSearch('')).toBe('visualizer');
    expect(viewFromSearch('?view=experiment')).toBe('experiment');
    expect(viewFromSearch('?view=paths&embed')).toBe('paths');
    expect(viewFromSearch('?view=<script>')).toBe('visualizer');
  });

  it('keeps other parameters and the hash when switching views', () => {
    expect(urlForView('experiment', 'http://h/app/?embed=1#s=abc')).toBe(
      'http://h/app/?embed=1&view=experiment#s=abc',
    );
    expect(urlForView('visualizer', 'http://h/app/?view=paths#s=abc')).toBe('http://h/app/#s=abc');
  });

  it("leaves the host page's question behind when switching to another view", () => {
    expect(urlForView('visualizer', 'http://h/app/?view=host&kernel=6.1&ept=N#s=abc')).toBe(
      'http://h/app/#s=abc',
    );
    expect(urlForView('host', 'http://h/app/?kernel=6.1&ept=N')).toBe(
      'http://h/app/?kernel=6.1&ept=N&view=host',
    );
  });
});
