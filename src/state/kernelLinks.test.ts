import { describe, expect, it } from 'vitest';
import { resolveKernel } from '../engine/kernelVersion.ts';
import { presetById } from '../engine/presets.ts';
import { runScenario } from '../engine/run.ts';
import type { Scenario } from '../engine/types.ts';
import { presetAsIs } from '../ui/embed/embedCode.ts';
import { readEmbedOptions } from '../ui/embed/embedOptions.ts';
import { sidesOf } from './sides.ts';
import { readLocation } from './urlState.ts';

/*
 * Golden links to a comparison of two kernels (issue 12): literal URLs as this version writes
 * them must open the same comparison forever, v4.12 | v4.13 named as such. The example is the
 * history strip's for v4.13: nested EPT without A/D bits, a fault on GVA 8, then a touch of 9.
 */

const PAYLOAD =
  'zTY5BS8NAFIT_yjLnh1otJd1bRelBkCLFS8nhJXndLkl2Q94mRUL-u8RC8TjD8H0zYZRefQywK0LgVmDxKZqkMu-Ho7n6dIlDMrvHN1P4pNaceWiSicHsv3cmI5MuEswWhLYdYKEXruIVhJF7zyHBohic-wGh4LL2wcFiXYPA1atPCnvmRoXQSqtNXIrThIJV9ucA-0To2InCbtZzTggxfIn6ShbyKSd0veg9cFmK6rI-ZbTNCW4QTbDTAvlTp36QG_LIRSM3mxv5wE5gs7stI7jFv9rM-UyopQ_SLM8fVi8glLHtuJePf_Uz5l8';

// "Copy link" on the strip's v4.13 example, at its last step (step 12, the touch of 9).
const SHARE = `https://example.org/viz/index.html#v=2&variant=compare&step=12&preset=shadow-nested-no-ad&s=${PAYLOAD}`;
// "Embed in a slide" for the same comparison, steps 1-12, with a heading.
const EMBED = `https://example.org/viz/?embed&v=2&variant=compare&step=1&from=1&to=12&title=v4.12+%7C+v4.13&s=${PAYLOAD}`;

/** The totals each side of a scenario reaches at its end, as the visualizer's counters show them. */
function sideTotals(s: Scenario) {
  const sides = sidesOf(s);
  const at = (label: string) => {
    const k = resolveKernel(label);
    const { compareKernel: _c, ...rest } = s;
    return runScenario({ ...rest, kernel: k.label, variant: k.variant }).totals;
  };
  return { left: at(sides.buggy.kernel.label), right: at(sides.fixed.kernel.label) };
}

describe('links to a kernel comparison (golden)', () => {
  it('a share link opens v4.12 | v4.13 at step 12, with the example named and its outcome', async () => {
    const r = await readLocation(SHARE);
    expect(r.problems).toEqual([]);
    expect(r.frame).toMatchObject({ mode: 'compare', tick: 11, presetId: 'shadow-nested-no-ad' });
    const s = r.frame.scenario!;
    expect([s.kernel, s.compareKernel, s.variant]).toEqual(['4.13', '4.12', 'buggy']);
    const sides = sidesOf(s);
    expect(sides.defaultPair).toBe(false);
    expect([sides.buggy.short, sides.fixed.short]).toEqual(['v4.12', 'v4.13']);
    expect([sides.buggy.title, sides.fixed.title]).toEqual(['Kernel 4.12', 'Kernel 4.13']);
    // Before v4.13 the prefetched SPTE of GVA 9 is a hit; from v4.13 it is access-tracked and faults.
    expect(sideTotals(s)).toMatchObject({
      left: { pfFixed: 1, prefetched: 7, prefetchHits: 1 },
      right: { pfFixed: 2, prefetched: 7, prefetchHits: 0 },
    });
  });

  it('an embed link opens the same comparison, range 1-12, heading and all', async () => {
    const r = await readLocation(EMBED);
    expect(r.problems).toEqual([]);
    expect(r.frame).toMatchObject({ mode: 'compare', tick: 0 });
    const s = r.frame.scenario!;
    expect([s.kernel, s.compareKernel]).toEqual(['4.13', '4.12']);
    const share = (await readLocation(SHARE)).frame.scenario!;
    expect(s).toEqual(share);
    expect(readEmbedOptions(new URL(EMBED).search)).toMatchObject({
      problems: [],
      options: { fromTick: 0, toTick: 11, title: 'v4.12 | v4.13', controls: true },
    });
  });

  it('the embed dialog names a preset alone only when it is unchanged, kernels included', () => {
    const preset = presetById('shadow-nested-no-ad')!;
    expect(presetAsIs('shadow-nested-no-ad', preset.scenario)).toBe('shadow-nested-no-ad');
    const atKernels = {
      ...preset.scenario,
      kernel: '4.13',
      compareKernel: '4.12',
      variant: 'buggy' as const,
    };
    expect(presetAsIs('shadow-nested-no-ad', atKernels)).toBeNull();
    expect(presetAsIs('seed', atKernels)).toBeNull();
    expect(presetAsIs(null, preset.scenario)).toBeNull();
    expect(presetAsIs('no-such-preset', preset.scenario)).toBeNull();
  });

  it('the default pair keeps its words', () => {
    const sides = sidesOf(presetById('seed')!.scenario);
    expect(sides.defaultPair).toBe(true);
    expect([sides.buggy.short, sides.fixed.short]).toEqual(['Buggy (before fix)', 'Fixed (after fix)']);
    expect([sides.buggy.who, sides.fixed.quiz, sides.buggy.tag]).toEqual([
      'the old code',
      'Fixed code',
      'buggy',
    ]);
  });
});
