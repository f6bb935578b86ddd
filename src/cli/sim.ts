import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { oneLine } from './cliText.ts';
import { isTraceMode, MAX_INPUT_BYTES, runSimCommand } from './simCommand.ts';
import { writeAllSync } from './syncWrite.ts';

/*
 * Thin I/O wrapper around simCommand.ts: `npm run sim -- <scenario.json | -> [--detail]`.
 * With --trace (or --trace=FILE) anywhere in argv the whole argv goes to traceCommand.ts's
 * runTraceCommand, which owns that mode's flags and output; `--host ...` (first) goes to
 * hostCommand.ts ("is my host affected?").
 */

/** A read error simCommand's describeReadError words for people. */
function readError(code: 'EFBIG' | 'EUTF16'): Error {
  return Object.assign(new Error(code), { code });
}

/** UTF-8 text of an input; UTF-16 (by its byte order mark) is refused rather than read as garbage. */
function decode(bytes: Buffer): string {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  )
    throw readError('EUTF16');
  return bytes.toString('utf8');
}

/** Reads a stream whole, refusing it once it passes MAX_INPUT_BYTES (a pipe or /dev/zero too). */
async function readCapped(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > MAX_INPUT_BYTES) throw readError('EFBIG');
    chunks.push(b);
  }
  return decode(Buffer.concat(chunks));
}

async function readInput(path: string): Promise<string> {
  // The size first: a huge file is refused before any of it is read.
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  if (info.size > MAX_INPUT_BYTES) throw readError('EFBIG');
  const stream = createReadStream(path);
  // Open errors (permissions) surface from the first read.
  return readCapped(stream);
}

async function runTrace(argv: string[]): Promise<number> {
  // Loaded lazily: a plain run should not pay for the trace parser.
  const { runTraceCommand } = await import('./traceCommand.ts');
  return runTraceCommand(argv);
}

async function main(argv: string[]): Promise<number> {
  if (isTraceMode(argv)) return runTrace(argv);
  if (argv[0] === '--host') {
    const { runHostCommand } = await import('./hostCommand.ts');
    const out = runHostCommand(argv);
    process.stdout.write(out.stdout);
    // Its messages echo the arguments: escaped and bounded like every other CLI message.
    process.stderr.write(out.stderr.replace(/[^\n]+/g, (line) => oneLine(line)));
    return out.code;
  }
  const out = await runSimCommand(argv, {
    readFile: readInput,
    readStdin: () => readCapped(process.stdin),
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
    process.stderr.write(`sim: internal error: ${oneLine(message)}\n`);
    process.exitCode = 1;
  },
);
