import { expect, test } from '@playwright/test';
import { stage, watchConsole } from './helpers.ts';

/*
 * Links written before step numbers counted from 1 (format 1: no `v`) open the frame they always
 * did, in the app and in an embed; the same links literal in src/state/linkFormats.test.ts.
 */
const FORMAT1_SHARE =
  '#variant=compare&step=6&preset=seed-run&s=zPcyxboNAEEXRX0GvfgUzgI23TOM-KRHFehmTlc1isWAlsvzvEU3KI13dF5625DgnOCGSnwwOX2ZDEXw2Fuu3pcKnwudgaYhpLJYtgZimDQ53G334BfH0S_RphcM1_tgA4uLDLaYRDvUNhB8-4prh1mUzYrIp3-fd3QsXn-18TXAl8fCjZbhG9N0TaU6fluNg-7nricdi-R8-BMt5z7uWJ0pJEYpSKkpNaSgHypHSUk7UkipUpVbUmtpQD9QjtaWeWJWspH__AQ';
const FORMAT1_EMBED =
  '?embed&from=2&to=9&controls=0#variant=buggy&step=4&speed=0.5&s=zJcyxCoMwFEbhd_nnO6i0UDJ26d41ZLjGqwRNIrlRWsR3L9LxG845sEvRkBNMS0gcBQZ-05ojCDFuMFhkYv8FYecSOFUYjOEjAwg9-zmkCQa3GQQenqEqTC2bEKJEXfJle6BnldeYYBrCypMozL3tTkdIOb1FwyDX2TrCWkT_sF1DXeMcgb0X1auyD3f-AA';

test('a format-1 share link opens its frame, shown as step 7, and is rewritten in format 2', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto(`./${FORMAT1_SHARE}`);
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '6');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveAttribute(
    'aria-valuetext',
    /^step 7 of 267/,
  );
  await expect.poll(() => page.url()).toContain('#v=2&variant=compare&step=7&preset=seed-run&s=z');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a format-1 embed URL opens its frame and keeps its range (ticks 2–9 are steps 3–10)', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`./${FORMAT1_EMBED}`);
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '4');
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '9');
  await page.keyboard.press('Home');
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '2');
  // The app's hash is format 2 now; the query's range is still read as format 1 on a reload.
  await expect.poll(() => page.url()).toContain('?embed&from=2&to=9&controls=0#v=2&variant=buggy&step=3');
  await page.reload();
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '2');
  await page.keyboard.press('End');
  await expect(stage(page)).toHaveAttribute('data-frame-tick', '9');
  expect(errors).toEqual([]);
});
