import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open, press, stage } from './helpers.ts';

/*
 * axe-core on every view and state a reader meets, in the light and the dark scheme: no serious
 * or critical violation anywhere (WCAG 2.1 A/AA and axe's best practices), and none of the two
 * moderate ones issue 14 named (content outside landmarks, two landmarks of one name). A failure
 * lists each rule with the elements it found, so the fix can start from the message.
 *
 * The two overview grids hold 1,024 cells of one component; axe takes 15–25 s a page to check
 * them all on this machine, so each run checks the first row of each grid (it holds the current
 * window in every state here) and one run, the first frame, checks every cell.
 */

type Scheme = 'light' | 'dark';

const ALSO_REFUSED = new Set(['region', 'landmark-unique']);
const LATER_ROWS = '[role="row"]:not([aria-rowindex="1"]) [role="gridcell"]';

async function expectNoSeriousViolations(page: Page, what: string, everyCell = false): Promise<void> {
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (!everyCell) axe = axe.exclude(LATER_ROWS);
  const results = await axe.analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_REFUSED.has(v.id))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .slice(0, 6)
          .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
          .join('\n    ')}`,
    );
  expect(bad, `${what}: serious or critical axe findings`).toEqual([]);
}

async function waitDone(page: Page): Promise<void> {
  await expect(page.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
}

for (const scheme of ['light', 'dark'] as const satisfies readonly Scheme[]) {
  test.describe(`axe, ${scheme} scheme`, () => {
    test.beforeEach(async ({ page }) => {
      test.setTimeout(180_000);
      await page.emulateMedia({ colorScheme: scheme });
    });

    test('the first frame a newcomer sees', async ({ page }) => {
      await page.goto('./');
      await expect(stage(page)).not.toHaveAttribute('data-frame-tick', '-1');
      await expect(page.locator('.variant-fixed').getByText('installed 7')).toBeVisible();
      await expectNoSeriousViolations(page, 'default view', scheme === 'light');
    });

    test('mid-step with the legend open, then predict mode and the export menu', async ({ page }) => {
      await open(page);
      await press(page, 'ArrowRight', 1);
      await press(page, 'ArrowRight', 2);
      await press(page, 'ArrowRight', 3);
      await page.getByRole('button', { name: 'Legend' }).click();
      await expect(page.locator('.legend-panel')).toBeVisible();
      await expectNoSeriousViolations(page, 'mid-step, legend open');
      await page.getByRole('button', { name: 'Legend' }).click();
      await page.getByRole('button', { name: 'Predict' }).click();
      await page.getByRole('button', { name: /Export image/ }).click();
      await expect(page.getByRole('button', { name: 'Download SVG' })).toBeVisible();
      await expectNoSeriousViolations(page, 'predict mode, export menu open');
    });

    test('one variant, a shadow-paging preset and the 2 MiB preset', async ({ page }) => {
      await open(page, /Shadow paging: scattered/);
      for (let t = 1; t <= 6; t++) await press(page, 'ArrowRight', t);
      await expectNoSeriousViolations(page, 'shadow paging, compare');
      await page.getByRole('radio', { name: 'Fixed (after fix)' }).check();
      await expect(page.locator('.stage')).toHaveClass(/stage-single/);
      await expectNoSeriousViolations(page, 'shadow paging, fixed only');
      await open(page, /2 MiB backing/);
      await press(page, 'ArrowRight', 1);
      await expect(page.getByRole('img', { name: /PMD entry 0: 2M mapping/ }).first()).toBeVisible();
      await expectNoSeriousViolations(page, '2 MiB backing');
    });

    test('high contrast, and the in-app theme switched to the other scheme', async ({ page }) => {
      await open(page);
      await press(page, 'ArrowRight', 1);
      await page.getByRole('button', { name: 'High contrast' }).click();
      await expect(page.locator('html')).toHaveClass(/\bhc\b/);
      await expectNoSeriousViolations(page, 'high contrast');
      await page.getByRole('button', { name: 'High contrast' }).click();
      await page.getByLabel('Theme').selectOption(scheme === 'light' ? 'dark' : 'light');
      await expectNoSeriousViolations(page, `theme switched to ${scheme === 'light' ? 'dark' : 'light'}`);
    });

    test('the experiment view after a run', async ({ page }) => {
      await page.goto('./?view=experiment');
      await waitDone(page);
      await expectNoSeriousViolations(page, 'experiment');
    });

    test('the paths view with its results', async ({ page }) => {
      await page.goto('./?view=paths');
      await expect(page.getByRole('region', { name: 'Results' })).toBeVisible({ timeout: 30_000 });
      await expectNoSeriousViolations(page, 'paths');
    });

    test('the trace dialog with a parsed sample', async ({ page }) => {
      await open(page);
      await page.getByRole('button', { name: 'Open KVM trace' }).click();
      const dialog = page.getByRole('dialog', { name: 'Replay a KVM trace' });
      await expect(dialog).toBeVisible();
      await expectNoSeriousViolations(page, 'trace dialog, empty');
      await dialog.getByLabel('Try a sample').selectOption('synthetic-sequential-v6.1.trace-cmd.txt');
      await expect(dialog.getByRole('region', { name: 'Replay results' })).toBeVisible({ timeout: 30_000 });
      await expectNoSeriousViolations(page, 'trace dialog, parsed sample');
    });

    test('an embed, and an embed with the quiz', async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto('./?embed&preset=seed&variant=compare&step=9');
      await expect(stage(page)).toHaveAttribute('data-frame-tick', '9');
      await expectNoSeriousViolations(page, 'embed');
      await page.goto('./?embed&preset=seed-run&variant=compare&predict=1');
      await expect(page.getByRole('button', { name: 'Check' })).toBeVisible();
      await expectNoSeriousViolations(page, 'embed with quiz');
      await page.goto('./?embed&preset=shadow-scattered&variant=compare&step=5');
      await expect(stage(page)).toHaveAttribute('data-frame-tick', '5');
      await expectNoSeriousViolations(page, 'embed, shadow paging');
    });

    test('a phone: the first frame, the header menu open, the dock folded', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('./');
      await expect(page.locator('.variant-fixed').getByText('installed 7')).toBeVisible();
      await expectNoSeriousViolations(page, 'phone, first frame');
      await page.getByRole('button', { name: /^More/ }).click();
      await page.getByRole('button', { name: /Fold/ }).click();
      await expectNoSeriousViolations(page, 'phone, menu open, dock folded');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('./?embed&preset=seed&variant=compare&step=9');
      await expect(stage(page)).toHaveAttribute('data-frame-tick', '9');
      await expectNoSeriousViolations(page, 'phone, embed');
    });
  });
}
