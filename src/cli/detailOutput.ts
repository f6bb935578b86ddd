import { accessSequence } from '../engine/accessOrder.ts';
import { runScenario } from '../engine/run.ts';
import type { FaultDetail, Scenario } from '../engine/types.ts';

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
 * JSON.stringify(results, null, 2), but streamed. Each scenario is run twice: first for its
 * totals and engineMs (printed before the faults, in the usual key order; engineMs is the engine
 * without detail), then with every fault handed over as it happens and printed at once, so no
 * fault list is ever held. Memory stays constant however many faults there are.
 */
export function writeDetail(
  scenarios: readonly Scenario[],
  isArray: boolean,
  write: (text: string) => void,
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
  if (isArray) out('[\n');
  scenarios.forEach((s, i) => {
    const { totals, engineMs } = runScenario(s);
    const head = s.name === undefined ? { totals, engineMs } : { name: s.name, totals, engineMs };
    // The head object's text without its closing brace, indented as a member of the array.
    const headText = indent(JSON.stringify(head, null, 2), pad);
    out(`${pad}${headText.slice(0, headText.lastIndexOf('\n'))},\n${pad}  "faults": [`);
    let first = true;
    // Nested in one array per level of indentation, JSON.stringify indents the fault as the
    // whole result would (4 or 6 spaces) in one native call; the wrapping brackets are cut off.
    const cut = isArray ? 12 : 6;
    runScenario(s, {
      onFault: (f: FaultDetail) => {
        const nested = JSON.stringify(isArray ? [[[f]]] : [[f]], null, 2);
        out(`${first ? '\n' : ',\n'}${nested.slice(cut, nested.length - cut)}`);
        first = false;
      },
    });
    out(first ? ']\n' : `\n${pad}  ]\n`);
    out(`${pad}}${isArray && i < scenarios.length - 1 ? ',' : ''}\n`);
  });
  if (isArray) out(']\n');
  if (buf) write(buf);
}

function indent(json: string, pad: string): string {
  return pad ? json.replace(/\n/g, `\n${pad}`) : json;
}
