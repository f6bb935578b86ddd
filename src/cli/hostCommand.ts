import { checkHost, HOST_COMMANDS, hostCost } from '../engine/hostCheck.ts';
import type { HostAnswer, HostCost, HostInput } from '../engine/hostCheck.ts';
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

const YES = new Set(['y', 'yes', '1', 'true', 'on']);
const NO = new Set(['n', 'no', '0', 'false', 'off']);

function bool(key: string, v: string): boolean {
  const l = v.toLowerCase();
  if (YES.has(l)) return true;
  if (NO.has(l)) return false;
  throw new Error(`${key}: expected Y or N, got ${JSON.stringify(v)}`);
}

export function parseHostArgs(argv: readonly string[]): { input: HostInput; json: boolean } {
  const input: HostInput = {
    kernel: '',
    cpu: 'intel',
    tdp: true,
    eptad: true,
    tdpMmu: 'default',
    nested: false,
    hugepages: false,
  };
  let json = false;
  for (const arg of argv) {
    if (arg === '--host') continue;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq < 1) throw new Error(`expected key=value, got ${JSON.stringify(arg)}`);
    const key = arg.slice(0, eq).toLowerCase();
    const value = arg.slice(eq + 1);
    switch (key) {
      case 'kernel':
        input.kernel = value;
        break;
      case 'cpu': {
        const c = value.toLowerCase();
        if (c !== 'intel' && c !== 'amd')
          throw new Error(`cpu: expected intel or amd, got ${JSON.stringify(value)}`);
        input.cpu = c;
        break;
      }
      case 'ept':
      case 'npt':
        input.tdp = bool(key, value);
        break;
      case 'eptad':
        input.eptad = bool(key, value);
        break;
      case 'tdp_mmu':
        input.tdpMmu = value.toLowerCase() === 'default' ? 'default' : bool(key, value) ? 'on' : 'off';
        break;
      case 'nested':
        input.nested = bool(key, value);
        break;
      case 'hugepages':
        input.hugepages = bool(key, value);
        break;
      default:
        throw new Error(
          `unknown key ${JSON.stringify(key)} (kernel, cpu, ept, npt, eptad, tdp_mmu, nested, hugepages)`,
        );
    }
  }
  if (!input.kernel) throw new Error('kernel= is required (the output of uname -r)');
  return { input, json };
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
