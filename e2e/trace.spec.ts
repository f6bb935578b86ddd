import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { runTraceCommand } from '../src/cli/traceCommand.ts';
import { open, states, watchConsole } from './helpers.ts';

interface CliTotals {
  pfFixed: number;
  prefetched: number;
  prefetchHits: number;
}
interface CliComparison {
  agree: number;
  onlyKernel: number;
  onlyModel: number;
}
interface CliReplay {
  parse: {
    lines: number;
    faults: number;
    skipped: number;
    permissionFaults: number;
    hardwareEvidence: string;
  };
  replay: { accesses: number; outsideMemslots: number };
  buggy: { totals: CliTotals };
  fixed: { totals: CliTotals };
  tdp: { totals: CliTotals };
  kernel?: { behaviour: string; buggy: CliComparison; fixed: CliComparison; tdp: CliComparison };
}

const samplePath = (name: string) => new URL(`../public/samples/${name}`, import.meta.url);

/** What `npm run sim -- --trace public/samples/NAME` prints, computed by the same command here. */
async function cli(name: string): Promise<CliReplay> {
  let out = '';
  const code = await runTraceCommand(['--trace', samplePath(name).pathname], {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: () => true },
    stdin: (async function* () {})(),
  });
  expect(code).toBe(0);
  return JSON.parse(out) as CliReplay;
}

const n = (v: number) => v.toLocaleString('en-US');

async function openTrace(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Open KVM trace' }).click();
  return page.getByRole('dialog', { name: 'Replay a KVM trace' });
}

async function expectTotals(dialog: Locator, expected: CliReplay): Promise<void> {
  const results = dialog.getByRole('region', { name: 'Replay results' });
  const rows: Array<[RegExp, CliTotals]> = [
    [/^Buggy legacy MMU/, expected.buggy.totals],
    [/^Fixed legacy MMU/, expected.fixed.totals],
    [/^TDP MMU/, expected.tdp.totals],
  ];
  for (const [name, t] of rows) {
    const cells = results.getByRole('row', { name }).getByRole('cell');
    await expect(cells).toHaveText([n(t.pfFixed), n(t.prefetched), n(t.prefetchHits)]);
  }
  const saved = expected.buggy.totals.pfFixed - expected.fixed.totals.pfFixed;
  await expect(dialog.getByTestId('faults-saved')).toContainText(
    `Faults the fix saves on this trace: ${n(saved)}`,
  );
}

async function expectParse(dialog: Locator, expected: CliReplay): Promise<void> {
  const report = dialog.getByRole('region', { name: 'Parse report' });
  const stat = (label: string) => report.locator(`.trace-stat:has(dt:text-is("${label}")) dd`);
  await expect(stat('Lines')).toHaveText(n(expected.parse.lines));
  await expect(stat('Faults kept')).toHaveText(n(expected.parse.faults));
  await expect(stat('Skipped lines')).toHaveText(n(expected.parse.skipped));
  await expect(stat('Permission faults')).toHaveText(n(expected.parse.permissionFaults));
  await expect(stat('Outside memslots')).toHaveText(n(expected.replay.outsideMemslots));
}

test('a sample from the picker shows the same numbers as the CLI, with the kernel comparison', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const name = 'synthetic-setspte-fixed-v6.1.trace-cmd.txt';
  const expected = await cli(name);
  await open(page);
  const dialog = await openTrace(page);
  await dialog.getByLabel('Try a sample').selectOption(name);
  await expectParse(dialog, expected);
  await expectTotals(dialog, expected);
  const kernel = dialog.getByRole('region', { name: 'Traced kernel' });
  await expect(dialog.getByTestId('kernel-verdict')).toContainText('Legacy MMU with c6cecc4b9324');
  for (const [row, c] of [
    ['Buggy legacy model', expected.kernel!.buggy],
    ['Fixed legacy model its behaviour', expected.kernel!.fixed],
    ['TDP MMU model', expected.kernel!.tdp],
  ] as const) {
    const cells = kernel.getByRole('row', { name: row }).getByRole('cell');
    await expect(cells.nth(2)).toHaveText(n(c.agree));
    await expect(cells.nth(3)).toHaveText(n(c.onlyKernel));
    await expect(cells.nth(4)).toHaveText(n(c.onlyModel));
  }
  expect(errors).toEqual([]);
});

test('an AMD sample reads as AMD NPT, detected, replays its faults, and re-parses when the hardware is chosen', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const name = 'synthetic-amd-npt-v6.1.trace-cmd.txt';
  const expected = await cli(name);
  await open(page);
  const dialog = await openTrace(page);
  await dialog.getByLabel('Try a sample').selectOption(name);
  const hardware = dialog.getByTestId('trace-hardware');
  await expect(hardware).toContainText(
    `AMD NPT (detected: ${expected.parse.hardwareEvidence.replace(/\.$/, '')})`,
  );
  await expectParse(dialog, expected);
  await expectTotals(dialog, expected);
  await expect(dialog.getByTestId('kernel-verdict')).toContainText('No neighbour prefetch');
  const kernel = dialog.getByRole('region', { name: 'Traced kernel' });
  await expect(
    kernel.getByRole('row', { name: /^TDP MMU model its behaviour/ }).getByRole('cell'),
  ).toHaveText(['0', '0', '0', '0', '0']);
  await expect(dialog.getByRole('list', { name: 'Warnings' })).toHaveCount(0);

  // Chosen as Intel EPT: parsed again, and the trace's own evidence is shown against the choice.
  await dialog.getByLabel('Hardware').selectOption('ept');
  await expect(hardware).toContainText('Intel EPT (chosen; the trace says AMD NPT: ');
  await expect(dialog.getByRole('list', { name: 'Warnings' })).toContainText(
    'Hardware chosen against the evidence',
  );
  await dialog.getByLabel('Hardware').selectOption('detect');
  await expect(hardware).toContainText('AMD NPT (detected: ');
  await expectTotals(dialog, expected);
  expect(errors).toEqual([]);
});

test('a shadow-paging trace is replayed on guest virtual pages, labelled so; a mailed one is rejoined', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await open(page);
  const dialog = await openTrace(page);
  await dialog.getByLabel('Try a sample').selectOption('synthetic-shadow-v5.15.ftrace.txt');
  await expect(dialog.getByTestId('trace-hardware')).toContainText('Shadow paging (detected: ');
  await expect(
    dialog.getByRole('heading', { name: /Replay of 96 faults on guest virtual pages/ }),
  ).toBeVisible();
  await expect(dialog.getByTestId('shadow-note')).toContainText('Guest virtual pages, not GFNs');
  await expect(dialog.getByText(/24 faults that KVM handed back to the guest/)).toBeVisible();

  await dialog.getByLabel('Try a sample').selectOption('synthetic-mailed-v6.1.trace-cmd.txt');
  const report = dialog.getByRole('region', { name: 'Parse report' });
  await expect(report.locator('.trace-stat:has(dt:text-is("Rejoined lines")) dd')).not.toHaveText('0');
  await expect(dialog.getByRole('list', { name: 'Warnings' })).toContainText('Text after events');
  await expect(dialog.getByTestId('kernel-verdict')).toContainText('Legacy MMU with c6cecc4b9324');
  expect(errors).toEqual([]);
});

test('a sample opened in the experiment view shows the same pf_fixed as the CLI, with charts', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const name = 'synthetic-mixed-v5.15.perf.txt';
  const expected = await cli(name);
  await open(page);
  const dialog = await openTrace(page);
  await dialog.getByLabel('Try a sample').selectOption(name);
  await expectTotals(dialog, expected);
  await dialog.getByRole('button', { name: 'Open in experiment view' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/view=experiment/);
  await expect(page.getByRole('region', { name: 'Experiment workload' })).toContainText(
    `Workload: ${name} (from a trace)`,
  );
  const results = page.getByRole('region', { name: 'Results' });
  const pf = results.getByRole('row', { name: /^pf_fixed/ }).getByRole('cell');
  await expect(pf.nth(0)).toHaveText(n(expected.buggy.totals.pfFixed), { timeout: 20_000 });
  await expect(pf.nth(1)).toHaveText(n(expected.fixed.totals.pfFixed));
  await expect(pf.nth(2)).toHaveText(n(expected.tdp.totals.pfFixed));
  await expect(results).toContainText(
    `${n(expected.replay.accesses)} faults of ${name} replayed in trace order`,
  );
  await expect(page.getByRole('figure', { name: 'Cumulative pf_fixed' })).toContainText('in trace order');

  await page.getByRole('button', { name: 'Back to the synthetic experiment' }).click();
  await expect(page.getByLabel('Touched size')).toBeVisible();
  await expect(results.getByRole('row', { name: /^pf_fixed/ })).toContainText('1,572,864');
  expect(errors).toEqual([]);
});

test('an uploaded perf trace: permission and MMIO faults said, vCPU filter, then step through it', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const name = 'synthetic-mixed-v5.15.perf.txt';
  const expected = await cli(name);
  await open(page);
  const dialog = await openTrace(page);
  await dialog.getByLabel('Trace file').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: await readFile(samplePath(name)),
  });
  await expectParse(dialog, expected);
  await expectTotals(dialog, expected);
  await expect(
    dialog.getByText(
      `${expected.parse.permissionFaults} faults on entries that already existed (permission faults) are not part of the replay.`,
    ),
  ).toBeVisible();
  await expect(dialog.getByText(/faults lie outside the memslots \(MMIO/)).toBeVisible();

  await dialog.getByLabel('vCPU').selectOption('1');
  await expect(dialog.getByRole('heading', { name: /Replay of 160 faults/ })).toBeVisible();

  await dialog.getByRole('button', { name: 'Step through this trace' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('preset-note')).toContainText(`trace ${name}, vCPU 1: 160 faults`);
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a malformed file lists its bad lines by number and leaves the scenario as it was', async ({ page }) => {
  const errors = watchConsole(page);
  await open(page);
  const before = await states(page, 'fixed');
  const bad = [
    'cpus=4',
    ...Array.from(
      { length: 25 },
      (_, i) =>
        `  CPU 0/KVM-4145 [000] .....  86.5${i}: kvm_page_fault: vcpu 0 rip 0x1 address zz${i} error_code 0x182`,
    ),
  ].join('\n');
  const dialog = await openTrace(page);
  await dialog
    .getByLabel('Trace file')
    .setInputFiles({ name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from(bad) });
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('No usable page faults in bad.txt: 25 malformed event lines');
  await expect(alert).toContainText('The current scenario is unchanged.');
  const list = dialog.getByRole('list', { name: 'Malformed lines' });
  await expect(list.getByRole('listitem')).toHaveCount(20);
  await expect(list.getByRole('listitem').first()).toContainText(
    'line 2: kvm_page_fault: expected " address 0x"',
  );
  await expect(dialog.getByText('and 5 more')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Step through this trace' })).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('seed-run');
  expect(await states(page, 'fixed')).toEqual(before);
  expect(errors).toEqual([]);
});

test('bad custom memslots name the JSON path', async ({ page }) => {
  await open(page);
  const dialog = await openTrace(page);
  await dialog.getByLabel('Try a sample').selectOption('synthetic-sequential-v6.1.trace-cmd.txt');
  await expect(dialog.getByTestId('faults-saved')).toBeVisible();
  await dialog.getByLabel('Memslots', { exact: true }).selectOption('custom');
  const json = dialog.getByLabel(/^Memslots JSON/);
  await json.fill('[{ "baseGfn": 0, "pages": -1 }]');
  await dialog.getByRole('button', { name: 'Apply memslots' }).click();
  await expect(dialog.getByRole('alert')).toContainText('$[0].pages');
  await json.fill('[{ "baseGfn": 0, "pages": 262144 }]');
  await dialog.getByRole('button', { name: 'Apply memslots' }).click();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByTestId('faults-saved')).toBeVisible();
});

test('a trace dropped on the file area, or pasted, is parsed the same way', async ({ page }) => {
  const errors = watchConsole(page);
  const line = (gpa: string) =>
    `  CPU 0/KVM-4145 [000] .....  86.500056: kvm_page_fault: vcpu 0 rip 0xffffffff812b0950 address 0x${gpa} error_code 0x182`;
  await open(page);
  const dialog = await openTrace(page);
  const drop = dialog.getByText('or drop it here');
  const dataTransfer = await page.evaluateHandle(
    (text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
      return dt;
    },
    [line('10000'), line('11000'), line('12000')].join('\n'),
  );
  await drop.dispatchEvent('drop', { dataTransfer });
  await expect(dialog.getByRole('heading', { name: /^dropped\.txt/ })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /Replay of 3 faults/ })).toBeVisible();

  await dialog.getByText('Paste trace text').click();
  await dialog.getByLabel('Trace text').fill([line('20000'), line('20008')].join('\n'));
  await dialog.getByRole('button', { name: 'Parse pasted text' }).click();
  await expect(dialog.getByRole('heading', { name: /^pasted text/ })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /Replay of 2 faults/ })).toBeVisible();
  expect(errors).toEqual([]);
});
