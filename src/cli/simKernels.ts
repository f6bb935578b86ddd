import { kernelFromText, resolveKernel, scenarioKernel } from '../engine/kernelVersion.ts';
import { runScenario } from '../engine/run.ts';
import type { RunResult, Scenario } from '../engine/types.ts';

/*
 * The kernels `sim` models: each scenario's own `kernel` (or `variant`), `--kernel VERSION` in
 * place of it, and the side it is compared with (`compareKernel`, `--compare-kernel VERSION`),
 * which sim runs too. Every result names the kernel it ran, so a saved output says what it is.
 */

export interface KernelOverrides {
  /** Runs every scenario on this kernel (a label such as "5.15.139"), whatever the file says. */
  kernel?: string;
  /** Also runs every scenario on this kernel; `none` drops a file's compareKernel. */
  compareKernel?: string;
}

const FLAGS = ['--kernel', '--compare-kernel'] as const;

export type KernelFlagsRead =
  { ok: true; rest: string[]; overrides: KernelOverrides } | { ok: false; message: string };

/**
 * Takes `--kernel V` / `--kernel=V` and `--compare-kernel V|none` out of argv (up to `--`) and
 * checks the versions; the rest of argv is left, in order, for the other options.
 */
export function extractKernelFlags(argv: readonly string[]): KernelFlagsRead {
  const rest: string[] = [];
  const overrides: KernelOverrides = {};
  let done = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') done = true;
    const flag = done ? undefined : FLAGS.find((f) => arg === f || arg.startsWith(`${f}=`));
    if (!flag) {
      rest.push(arg);
      continue;
    }
    const value = arg === flag ? argv[++i] : arg.slice(flag.length + 1);
    if (value === undefined || value === '' || (arg === flag && value.startsWith('--')))
      return { ok: false, message: `${flag} needs a version, e.g. ${flag} 5.15.139` };
    if (flag === '--compare-kernel' && value === 'none') {
      overrides.compareKernel = 'none';
      continue;
    }
    const k = kernelFromText(value);
    if (!k.ok) return { ok: false, message: `${flag}: ${k.message}` };
    if (flag === '--kernel') overrides.kernel = k.kernel.label;
    else overrides.compareKernel = k.kernel.label;
  }
  return { ok: true, rest, overrides };
}

/** The scenario as run: the overrides applied (the variant follows the kernel, as in the format). */
export function withKernels(s: Scenario, o: KernelOverrides): Scenario {
  let out: Scenario = s;
  if (o.kernel !== undefined) {
    const k = resolveKernel(o.kernel);
    out = { ...out, kernel: k.label, variant: k.variant };
  }
  if (o.compareKernel === 'none') {
    const { compareKernel: _drop, ...rest } = out;
    out = rest;
  } else if (o.compareKernel !== undefined) {
    out = { ...out, kernel: scenarioKernel(out).label, compareKernel: resolveKernel(o.compareKernel).label };
  }
  return out;
}

/** What a result holds: the scenario's name, the kernel run, its run, and the compared kernel's run. */
export type SimResult = { name?: string; kernel: string } & RunResult & {
    compareKernel?: string;
    compare?: RunResult;
  };

/** The scenario's compareKernel as a scenario of its own (that kernel, no compareKernel), or null. */
export function compareRun(s: Scenario): { kernel: string; scenario: Scenario } | null {
  if (s.compareKernel === undefined) return null;
  const c = resolveKernel(s.compareKernel);
  const { compareKernel: _c, ...rest } = s;
  return { kernel: c.label, scenario: { ...rest, kernel: c.label, variant: c.variant } };
}

/**
 * Runs a validated scenario on its kernel and, when it names one, on its compareKernel. (With
 * --detail the CLI streams the same text instead: detailOutput.ts.)
 */
export function simResult(s: Scenario, detail: boolean): SimResult {
  const kernel = scenarioKernel(s).label;
  const run = runScenario(s, { detail });
  const out: SimResult = s.name === undefined ? { kernel, ...run } : { name: s.name, kernel, ...run };
  const c = compareRun(s);
  if (c) {
    out.compareKernel = c.kernel;
    out.compare = runScenario(c.scenario, { detail });
  }
  return out;
}
