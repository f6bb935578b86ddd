// Child process of the envelopes bench: loads one scenario file into step mode exactly as the
// engine worker does (EngineSession.load: both variants' timelines, compare axis), then seeks to
// the last tick and back to the first, and prints one JSON line.
import { readFileSync } from 'node:fs';
import { EngineSession } from '../src/worker/session.ts';

const value = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as never;
const t0 = performance.now();
const session = new EngineSession();
const r = session.load(value, 'compare', 0);
const loadMs = performance.now() - t0;
if (r.type === 'loaded') {
  session.frame(r.axis.count - 1);
  session.frame(0);
}
console.log(
  JSON.stringify({
    ok: r.type === 'loaded',
    message: r.type === 'error' ? r.problem.message : `${r.axis.count} ticks`,
    loadMs,
  }),
);
