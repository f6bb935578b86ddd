// Finds a Chromium for Playwright. Playwright cannot download its own browser on closed networks,
// so we use Debian's package, installing it when running as root; otherwise one line says how.
import { existsSync } from 'node:fs';
import { execSync, spawnSync } from 'node:child_process';

export async function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const { chromium } = await import('@playwright/test').catch(() => ({}));
    const p = chromium?.executablePath?.();
    if (p && existsSync(p)) return p;
  } catch {
    // Playwright's own browser is optional.
  }
  return null;
}

async function main() {
  const found = await findChromium();
  if (found) {
    console.log(`chromium: ${found}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      'No Chromium found: install Debian\'s "chromium" (sudo apt-get install -y chromium) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
  console.log("No Chromium found: installing Debian's chromium with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (r.status !== 0 || !(await findChromium())) {
    console.error('apt-get install chromium failed: install it by hand or set CHROMIUM_PATH.');
    process.exit(1);
  }
}

await main();
