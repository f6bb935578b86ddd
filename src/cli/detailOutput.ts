import { accessSequence } from '../engine/accessOrder.ts';
import { scenarioKernel } from '../engine/kernelVersion.ts';
import { runScenario } from '../engine/run.ts';
import type { FaultDetail, Scenario } from '../engine/types.ts';
import { compareRun, withKernels } from './simKernels.ts';
import type { KernelOverrides } from './simKernels.ts';

/**
 * The largest scenario `--detail` accepts: 2^24 accesses (16,777,216), so at most that many
 * faults. Output grows with the faults (~50 bytes for a fault without batches, ~200 with one),
 * up to ~1-3 GB at the limit; streamed, it needs constant memory, and time is what the limit
 * bounds (see the README's envelopes).
 */
export const MAX_DETAIL_ACCESSES = 2 ** 24;

/** Why --detail refuses these scenarios (one line naming the JSON path), or null. */
export function detailRefusal(scenarios: readonly Scenario[], isArray: boolean): string | null {
  for (let i = 0; i < scenarios.length; i++) {
    const n = accessSequence(scenarios[i]!.accesses).count;
    if (n > MAX_DETAIL_ACCESSES) {
      const path = isArray ? `$[${i}].accesses` : '$.accesses';
      return (
        `${path}: too large for --detail: ${n.toLocaleString('en-US')} accesses, at most ` +
        `${MAX_DETAIL_ACCESSES.toLocaleString('en-US')} (every fault is printed); run without --detail`
      );
    }
  }
  return null;
}

/** Text is handed to `write` in pieces of about this many characters. */
const CHUNK = 1 << 20;

/**
 * Writes the --detail output of one scenario or an array of them: exactly the text of
 * JSON.stringify(results, null, 2), but streamed. Each run is made twice: first for its totals
 * and engineMs (printed before the faults, in the usual key order; engineMs is the engine without
 * detail), then with every fault handed over as it happens and printed at once, so no fault list
 * is ever held. Memory stays constant however many faults there are. A result names its kernel
 * and, when the scenario has a compareKernel, ends with that kernel's run (simKernels.ts).
 */
export function writeDetail(
  scenarios: readonly Scenario[],
  isArray: boolean,
  write: (text: string) => void,
  kernels: KernelOverrides = {},
): void {
  let buf = '';
  const out = (text: string) => {
    buf += text;
    if (buf.length >= CHUNK) {
      write(buf);
      buf = '';
    }
  };
  const pad = isArray ? '  ' : '';
  // Writes `head`'s members and then `"faults": [...]` of the object at `at` (its indentation),
  // the object's `{` already written, its `}` not: `depth` is how deep its faults nest (2 for a
  // result printed alone, one more inside an array, one more inside `compare`).
  const members = (head: object, s: Scenario, at: string, depth: number) => {
    const headText = indent(JSON.stringify(head, null, 2), at);
    out(`${headText.slice(1, headText.lastIndexOf('\n'))},\n${at}  "faults": [`);
    let first = true;
    // Nested in one array per level of indentation, JSON.stringify indents the fault as the
    // whole result would in one native call; the wrapping brackets are cut off.
    const cut = depth * (depth + 1);
    runScenario(s, {
      onFault: (f: FaultDetail) => {
        let nested: unknown = f;
        for (let d = 0; d < depth; d++) nested = [nested];
        const text = JSON.stringify(nested, null, 2);
        out(`${first ? '\n' : ',\n'}${text.slice(cut, text.length - cut)}`);
        first = false;
      },
    });
    out(first ? ']' : `\n${at}  ]`);
  };
  if (isArray) out('[\n');
  scenarios.forEach((raw, i) => {
    const s = withKernels(raw, kernels);
    const run = runScenario(s);
    const kernel = scenarioKernel(s).label;
    const head =
      s.name === undefined
        ? { kernel, totals: run.totals, engineMs: run.engineMs }
        : { name: s.name, kernel, totals: run.totals, engineMs: run.engineMs };
    const depth = isArray ? 3 : 2;
    out(`${pad}{`);
    members(head, s, pad, depth);
    const c = compareRun(s);
    if (c) {
      const r = runScenario(c.scenario);
      out(`,\n${pad}  "compareKernel": ${JSON.stringify(c.kernel)},\n${pad}  "compare": {`);
      members({ totals: r.totals, engineMs: r.engineMs }, c.scenario, `${pad}  `, depth + 1);
      out(`\n${pad}  }`);
    }
    out(`\n${pad}}${isArray && i < scenarios.length - 1 ? ',' : ''}\n`);
  });
  if (isArray) out(']\n');
  if (buf) write(buf);
}

function indent(json: string, pad: string): string {
  return pad ? json.replace(/\n/g, `\n${pad}`) : json;
}
