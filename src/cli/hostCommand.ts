import { checkHost, HOST_COMMANDS, hostCost } from '../engine/hostCheck.ts';
import type { HostAnswer, HostCost, HostInput } from '../engine/hostCheck.ts';
import { HOST_INPUT_DEFAULTS, readHostPairs } from '../engine/hostInput.ts';
import type { CommandOutput } from './simCommand.ts';

/*
 * `sim --host key=value ...`: is this host affected by the trailing-run bug, and what does it
 * cost on the seed's workload? Keys are the host's own names for what they mean, so a user can
 * paste what the commands in --help print.
 */

export const HOST_USAGE =
  'usage: sim --host kernel=VERSION [cpu=intel|amd] [ept=Y|N] [eptad=Y|N] [tdp_mmu=default|Y|N] [nested=Y|N] [hugepages=Y|N] [--json]';

export const HOST_HELP = `${HOST_USAGE}

Answers which fault path a host runs (TDP MMU, legacy direct MMU, shadow paging, nested shadow
EPT/NPT), which prefetch that path does in that kernel, whether the trailing-run bug fixed by
c6cecc4b9324 (v5.16) applies, and what it costs on the seed's workload (1,572,864 ascending
touches in 8 GiB), by running the model. Defaults: cpu=intel ept=Y eptad=Y tdp_mmu=default
nested=N hugepages=N. ept= is npt= on AMD (either key works).

Read each input on the host:
${HOST_COMMANDS.map((c) => `  ${c.label.padEnd(30)} ${c.command}`).join('\n')}

Exit status: 0 success, 2 bad arguments (one line on stderr).
`;

export function parseHostArgs(argv: readonly string[]): { input: HostInput; json: boolean } {
  let json = false;
  const pairs: Array<[string, string]> = [];
  for (const arg of argv) {
    if (arg === '--host') continue;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq < 1) throw new Error(`expected key=value, got ${JSON.stringify(arg)}`);
    pairs.push([arg.slice(0, eq), arg.slice(eq + 1)]);
  }
  // The same reader as the host page's link, so a command line and a link mean the same host.
  const read = readHostPairs(pairs, { kernel: '', ...HOST_INPUT_DEFAULTS });
  if (read.problems[0] !== undefined) throw new Error(read.problems[0]);
  if (!read.hasKernel) throw new Error('kernel= is required (the output of uname -r)');
  return { input: read.input, json };
}

const n = (x: number): string => x.toLocaleString('en-US');

export function formatHostAnswer(a: HostAnswer, cost: HostCost): string {
  const lines = [
    `kernel ${a.kernel.label}: ${a.pathLabel}`,
    `prefetch:  ${a.prefetchSentence}`,
    `affected:  ${a.bugSentence}`,
    `seed workload (1,572,864 ascending touches, 8 GiB): pf_fixed ${n(cost.host.pfFixed)}, prefetched ${n(cost.host.prefetched)}, prefetch hits ${n(cost.host.prefetchHits)}`,
  ];
  if (cost.fixed)
    lines.push(
      `  with the fix (v5.16) on this path: pf_fixed ${n(cost.fixed.pfFixed)} (${n(cost.host.pfFixed - cost.fixed.pfFixed)} faults saved)`,
    );
  lines.push('facts:');
  for (const f of a.facts) lines.push(`  - ${f.text} [${f.source}]`);
  return `${lines.join('\n')}\n`;
}

export function runHostCommand(argv: readonly string[]): CommandOutput {
  if (argv.includes('--help') || argv.includes('-h')) return { stdout: HOST_HELP, stderr: '', code: 0 };
  let parsed: ReturnType<typeof parseHostArgs>;
  try {
    parsed = parseHostArgs(argv);
  } catch (e) {
    return { stdout: '', stderr: `sim --host: ${(e as Error).message}\n${HOST_USAGE}\n`, code: 2 };
  }
  const r = checkHost(parsed.input);
  if (!r.ok) return { stdout: '', stderr: `sim --host: ${r.message}\n`, code: 2 };
  const cost = hostCost(r.answer);
  if (parsed.json) {
    const { kernel, scenario: _s, fixedScenario: _f, ...rest } = r.answer;
    return {
      stdout: `${JSON.stringify({ kernel: kernel.label, ...rest, seedWorkload: cost }, null, 2)}\n`,
      stderr: '',
      code: 0,
    };
  }
  return { stdout: formatHostAnswer(r.answer, cost), stderr: '', code: 0 };
}
