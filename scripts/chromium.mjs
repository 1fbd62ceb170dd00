// Finds a Chromium for the browser tests, the benchmark and the screenshots. Where none is
// found and we are root with apt-get (a fresh CI machine), installs Debian's package and
// says so; otherwise fails with the exact command to run. Never skips silently.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const INSTALL = 'apt-get update && apt-get install -y chromium';

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function find() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} does not exist`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return onPath('chromium') ?? onPath('chromium-browser') ?? onPath('google-chrome');
}

/** The path of a Chromium executable, installing Debian's package when we can. */
export function chromiumPath() {
  const found = find();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && onPath('apt-get')) {
    console.log(`[candor] No Chromium found: installing Debian's package (${INSTALL}) ...`);
    execSync(INSTALL, { stdio: 'inherit' });
    const now = find();
    if (now) return now;
  }
  throw new Error(`No Chromium found for the browser tests. Install it with:\n  sudo sh -c '${INSTALL}'\nor set CHROME_PATH.`);
}

/** Flags for headless Chromium on a machine with no outside network (see README). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Made-up hosts for cookie-domain tests all point here.
  '--host-resolver-rules=MAP *.example.test 127.0.0.1',
];

if (import.meta.url === `file://${process.argv[1]}`) console.log(chromiumPath());
