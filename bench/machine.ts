import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The machine line every bench section prints: CPU model, cores, Node version. */
export function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) model = m[1]!.trim();
  } catch {
    // not Linux: os.cpus() already named it
  }
  return `${model}, ${cpus().length} cores, Node ${process.version}`;
}
