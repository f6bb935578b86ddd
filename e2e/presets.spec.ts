import { expect, test } from '@playwright/test';
import { open, prefetched, range, states, toEndOfFirstAccess } from './helpers.ts';

/**
 * The facts page's worked examples (kvm-prefetch-facts.md, "Worked examples") and the workloads'
 * first fault: which entries are prefetched once the first access is fully handled.
 */
const CASES: ReadonlyArray<{
  preset: RegExp;
  buggy: number[];
  fixed: number[];
  also?: Record<number, string>;
}> = [
  { preset: /^Seed case: fault on 8/, buggy: [], fixed: range(9, 15) },
  { preset: /^Seed case, then/, buggy: [], fixed: range(9, 15) },
  { preset: /Fault in mid-window/, buggy: range(8, 11), fixed: [...range(8, 11), ...range(13, 15)] },
  { preset: /end of a window/, buggy: range(8, 14), fixed: range(8, 14) },
  {
    preset: /present entry splits/,
    buggy: [9, 10],
    fixed: [9, 10, ...range(12, 15)],
    also: { 11: 'present' },
  },
  {
    preset: /failed batch/,
    buggy: [],
    fixed: [],
    also: { 12: 'faulting', 13: 'not present', 15: 'not present' },
  },
  { preset: /Partial residency/, buggy: [], fixed: [9, 10], also: { 11: 'not present' } },
  { preset: /memslot end/, buggy: [], fixed: [], also: { 9: 'not present' } },
  { preset: /Dirty logging/, buggy: [], fixed: [] },
  { preset: /Read-only slot/, buggy: [], fixed: [] },
  // A 2 MiB leaf: no 4 KiB table is drawn, its PMD entry is (see the test below).
  { preset: /2 MiB backing/, buggy: [], fixed: [] },
  { preset: /A\/D bits off/, buggy: [], fixed: [] },
  { preset: /TDP MMU/, buggy: [], fixed: [], also: { 8: 'faulting', 9: 'not present' } },
  { preset: /sequential/, buggy: [], fixed: range(1, 7), also: { 0: 'faulting' } },
  { preset: /reverse/, buggy: range(56, 62), fixed: range(56, 62), also: { 63: 'faulting' } },
  { preset: /stride/, buggy: [], fixed: range(1, 7), also: { 0: 'faulting' } },
  // The random order's first access is GFN 62: the run 56–61 closes at it; 63 trails.
  { preset: /random/, buggy: range(56, 61), fixed: [...range(56, 61), 63], also: { 62: 'faulting' } },
];

for (const c of CASES) {
  test(`preset ${c.preset.source}: prefetched after the first fault`, async ({ page }) => {
    await open(page, c.preset);
    await toEndOfFirstAccess(page);
    expect(await prefetched(page, 'buggy')).toEqual(c.buggy);
    expect(await prefetched(page, 'fixed')).toEqual(c.fixed);
    for (const side of ['buggy', 'fixed'] as const) {
      const s = await states(page, side);
      for (const [i, word] of Object.entries(c.also ?? {}))
        expect(s.get(Number(i)), `${side} SPTE ${i}`).toBe(word);
    }
  });
}

test('a 2 MiB leaf is drawn as the one PMD entry that maps the region, with why nothing is prefetched', async ({
  page,
}) => {
  await open(page, /2 MiB backing/);
  await toEndOfFirstAccess(page);
  for (const side of ['buggy', 'fixed'] as const) {
    const pmd = page.getByRole('img', {
      name: new RegExp(`^PMD entry 0: 2M mapping.*GFN 0x0–0x1ff.*\\(${side}\\)$`),
    });
    await expect(pmd).toBeVisible();
    await expect(pmd).toHaveAccessibleName(/No prefetch: direct_pte_prefetch returns for a leaf above 4 KiB/);
    await expect(page.getByRole('grid', { name: new RegExp(`SPTE page — ${side}`) })).toHaveCount(0);
  }
  await expect(page.getByText('if (sp->role.level > 4K) return;').first()).toBeVisible();
});

test('every preset has a one-line description of what to look for', async ({ page }) => {
  await open(page);
  const select = page.getByLabel('Scenario', { exact: true });
  const values = await select
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values.length).toBeGreaterThanOrEqual(17);
  const notes = new Set<string>();
  for (const v of values) {
    await select.selectOption(v);
    // The picker shows a preset once the worker has loaded it.
    await expect(select).toHaveValue(v);
    const note = page.getByTestId('preset-note');
    await expect(note).toContainText('Look for');
    notes.add((await note.textContent()) ?? '');
  }
  expect(notes.size).toBe(values.length);
});
