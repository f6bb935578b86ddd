import { writeSync } from 'node:fs';

const nap = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to fd before returning, waiting while a pipe is full. process.stdout
 * queues what a pipe cannot take at once, so a fast producer (sim --detail writing gigabytes into
 * a slower reader) grew that queue without bound: 221 MB of output held 1.7 GB. Node sets pipes
 * non-blocking, so a full pipe is EAGAIN here: wait a moment (from 20 us up to 1 ms) and go on.
 * An EPIPE (the reader went away, `sim ... | head`) is thrown to the caller.
 */
export function writeAllSync(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  let waitMs = 0.02;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
      waitMs = 0.02;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(nap, 0, 0, waitMs);
      waitMs = Math.min(1, waitMs * 2);
    }
  }
}
