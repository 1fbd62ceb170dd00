// Which files `npm start` (scripts/serve.mjs) may serve. Kept apart from the server so the
// rule is a pure function a unit test can check (test/unit/demo-serve.test.ts).
import { join, normalize, relative, sep } from 'node:path';

/**
 * The top-level folders the demo server serves: the demo pages (with their assets and the
 * seed sites) and the built widget with its lazy chunks, which every demo page loads from
 * `/dist/`. Nothing else of the checkout (.git, node_modules, src, package.json) is reachable.
 */
export const SERVED_DIRS = ['demo', 'dist'];

/**
 * The absolute path of the file `urlPath` names under `root`, or null when it lies outside
 * `SERVED_DIRS`. `/` is the demo's hub page. Pure: it reads no file, so a directory comes
 * back as is and the caller adds `index.html`.
 *
 * The check is on whole path segments, not on a string prefix: `root` `/work/main` must not
 * let `/../main2/x` through (`"/work/main2/x".startsWith("/work/main")` is true).
 */
export function servedFile(root, urlPath) {
  const base = normalize(root);
  const file = normalize(join(base, urlPath === '/' ? '/demo/index.html' : urlPath));
  if (!file.startsWith(base.endsWith(sep) ? base : base + sep)) return null;
  const top = relative(base, file).split(sep)[0];
  return SERVED_DIRS.includes(top) ? file : null;
}
