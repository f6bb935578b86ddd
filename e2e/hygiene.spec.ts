import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { grid, open, stage, watchConsole } from './helpers.ts';

// Hostile and careless input in the browser (issue 15): short messages whatever the input, a
// byte order mark accepted, and an embed that keeps up with a flood of messages from its host.

const payload = (json: string) =>
  `z${deflateRawSync(Buffer.from(json)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;

test('a 1.4 KB link holding a 1 MB unknown key gets a short banner and the default scenario', async ({
  page,
}) => {
  const json = `{"${'k'.repeat(1_000_000)}": 1, "memslots": [{"baseGfn": 0, "pages": 8}], "accesses": [1]}`;
  const hash = `#variant=compare&step=0&s=${payload(json)}`;
  expect(hash.length).toBeLessThan(2000);
  await page.goto(`./${hash}`);
  const banner = page.getByRole('alert').filter({ hasText: 'Link not fully opened' });
  await expect(banner).toContainText('unknown key "kkkk');
  await expect(banner).toContainText('(1,000,000 characters)');
  expect((await banner.textContent())!.length).toBeLessThan(400);
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '0');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
});

test('import: a 5 MB bad value is quoted short, and a byte order mark is accepted', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a scenario' });
  const scenario = { memslots: [{ baseGfn: 0, pages: 512 }], accesses: [12] };
  const huge = JSON.stringify({ ...scenario, variant: 'v'.repeat(5_000_000) });
  await dialog
    .getByLabel('Scenario file')
    .setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(huge) });
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('$.variant');
  await expect(alert).toContainText('(5,000,000 characters)');
  expect((await alert.textContent())!.length).toBeLessThan(400);

  await dialog
    .getByLabel('Or paste scenario JSON')
    .fill(`\ufeff${JSON.stringify({ ...scenario, name: 'with BOM' })}`);
  await dialog.getByRole('button', { name: 'Load pasted JSON' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(grid(page, 'fixed').getByRole('gridcell', { name: /^SPTE 12: faulting/ })).toBeVisible();
});

test('an embed answers its host after a flood of 20,000 messages, at the last one, in order', async ({
  page,
  baseURL,
}) => {
  const errors = watchConsole(page);
  await page.goto('./');
  await page.setContent(`<!doctype html><link rel="icon" href="data:,"><body style="margin:0">
<iframe id="w" src="${baseURL}?embed&preset=seed-run&variant=compare" width="960" height="540"></iframe>
<script>
  window.states = [];
  const w = document.getElementById('w');
  addEventListener('message', (e) => { if (e.source === w.contentWindow && e.data.event === 'state') window.states.push(e.data); });
</script></body>`);
  const last = () =>
    page.evaluate(() => (window as unknown as { states: Array<{ step: number }> }).states.at(-1) ?? null);
  // API v2: steps count from 1, as the app shows them.
  await expect.poll(last).toMatchObject({ step: 1 });
  await page.evaluate(() => {
    const w = (document.getElementById('w') as HTMLIFrameElement).contentWindow!;
    const modes = ['buggy', 'fixed', 'compare'];
    for (let i = 0; i < 20_000; i++) {
      if (i % 3 === 0) w.postMessage({ type: 'spte-viz', command: 'setVariant', variant: modes[i % 2] }, '*');
      w.postMessage({ type: 'spte-viz', command: 'goto', step: 1 + (i % 50) }, '*');
    }
    // A mode change and then a step: the step must not be undone when the mode's answer arrives.
    w.postMessage({ type: 'spte-viz', command: 'setVariant', variant: 'compare' }, '*');
    w.postMessage({ type: 'spte-viz', command: 'goto', step: 7 }, '*');
  });
  await expect.poll(last).toMatchObject({ step: 7, variant: 'compare' });
  // Still responsive, and still in order: a move after the flood lands after it.
  await page.evaluate(() =>
    (document.getElementById('w') as HTMLIFrameElement).contentWindow!.postMessage(
      { type: 'spte-viz', command: 'next' },
      '*',
    ),
  );
  await expect.poll(last).toMatchObject({ step: 8 });
  expect(errors).toEqual([]);
});
