// Preloaded into each envelope child (node --import ./bench/peakRss.mjs ...): when the process
// exits, writes its peak resident set (KiB: VmHWM, or maxRSS where /proc is missing) to the file
// named by PEAK_RSS_FILE, so the bench reads the child's own high-water mark.
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.PEAK_RSS_FILE;
  if (!file) return;
  let kib = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) kib = Math.max(kib, Number(m[1]));
  } catch {
    // not Linux: maxRSS alone
  }
  writeFileSync(file, String(kib));
});
