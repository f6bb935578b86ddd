import { readFile } from 'node:fs/promises';
import { runSimCommand } from './simCommand.ts';
import { writeAllSync } from './syncWrite.ts';

/*
 * Thin I/O wrapper around simCommand.ts: `npm run sim -- <scenario.json | -> [--detail]`.
 * With --trace anywhere in argv the whole argv (including --trace) goes to
 * traceCommand.ts's runTraceCommand, which owns that mode's flags and output; `--host ...` (first)
 * goes to hostCommand.ts ("is my host affected?").
 */

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function runTrace(argv: string[]): Promise<number> {
  // Loaded lazily: a plain run should not pay for the trace parser.
  const { runTraceCommand } = await import('./traceCommand.ts');
  return runTraceCommand(argv);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--trace')) return runTrace(argv);
  if (argv[0] === '--host') {
    const { runHostCommand } = await import('./hostCommand.ts');
    const out = runHostCommand(argv);
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    return out.code;
  }
  const out = await runSimCommand(argv, {
    readFile: (path) => readFile(path, 'utf8'),
    readStdin,
    // --detail streams gigabytes: written synchronously, so nothing piles up in memory.
    write: (text) => writeStdout(text),
  });
  if (out.stdout) process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);
  return out.code;
}

// `sim ... | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

function writeStdout(text: string): void {
  try {
    writeAllSync(1, text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  }
}

// exitCode rather than process.exit(): a large result must be flushed to a pipe before exit.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`sim: internal error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  },
);
