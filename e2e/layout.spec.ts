import { expect, test } from '@playwright/test';
import { open, press } from './helpers.ts';

for (const size of [
  { width: 1440, height: 900 },
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
]) {
  test(`at ${size.width}×${size.height} the dock keeps its height and the counters stay above it`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await open(page);
    const dock = page.locator('.dock');
    const heights = new Set<number>();
    // The first access and the start of the second: sentences of one line and of two.
    for (let t = 1; t <= 14; t++) {
      await press(page, 'ArrowRight', t);
      const d = (await dock.boundingBox())!;
      heights.add(Math.round(d.height));
      for (const counters of await page.locator('.counters').all()) {
        const c = (await counters.boundingBox())!;
        expect(c.y + c.height, `counters above the dock at step ${t}`).toBeLessThanOrEqual(d.y);
      }
    }
    expect([...heights]).toHaveLength(1);
  });
}
