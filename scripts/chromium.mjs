// Finds a Chromium for the browser tests, the benchmark and the screenshots. Where none is
// found and we are root with apt-get (a fresh CI machine), installs Debian's package and
// says so; otherwise fails with the exact command to run. Never skips silently.
// Node's built-ins only: .ci/run runs this before `npm ci`.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const INSTALL = 'apt-get update && apt-get install -y chromium';
/** Executable names looked up on PATH, in this order (Debian, Ubuntu/Fedora, Google's). */
export const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

function commandOnPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The first Chromium found: `CHROME_PATH` (an error when it names nothing), then
 * `/usr/bin/chromium`, then {@link PATH_NAMES} on PATH; null when there is none. The probes
 * are parameters so the order can be tested without any browser installed.
 */
export function findChromium({ env = process.env, exists = existsSync, onPath = commandOnPath } = {}) {
  if (env.CHROME_PATH) {
    if (exists(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${env.CHROME_PATH} does not exist`);
  }
  if (exists('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of PATH_NAMES) {
    const found = onPath(name);
    if (found) return found;
  }
  return null;
}

/** The path of a Chromium executable, installing Debian's package when we can. */
export function chromiumPath() {
  const found = findChromium();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && commandOnPath('apt-get')) {
    // On stderr, apt-get's output too: stdout is the path alone (.ci/run reads it).
    console.error(`[candor] No Chromium found: installing Debian's package (${INSTALL}) ...`);
    execSync(INSTALL, { stdio: ['ignore', 2, 2] });
    const now = findChromium();
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

// `node scripts/chromium.mjs` prints the path (or the reason there is none, exit code 1).
// (realpath: Node resolves symlinks for import.meta.url, not for argv.)
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    console.log(chromiumPath());
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
