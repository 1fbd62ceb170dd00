// Builds dist/: the lazy chunks (dist/candor-<name>.js, among them one per non-English
// language), the script-tag bundle that carries their SRI hashes, the ES module and the
// type declarations.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { minify } from 'terser';
import { build } from 'vite';

const LANGS = ['de', 'fr', 'nl', 'es', 'it'];
const CHUNKS = ['ai', 'cleanup', 'prefs', ...LANGS.map((l) => `i18n-${l}`)];

rmSync('dist', { recursive: true, force: true });

// Chunks first: candor.js carries their Subresource Integrity hashes (W3C SRI), so a page
// that pins candor.js pins everything it loads. sha256: a hash is incompressible, and each
// sha384 would cost every page view 20 more bytes.
// V8's explicit compile hint (https://v8.dev/blog/explicit-compile-hints): nearly every
// function in these files runs as soon as they load, so V8 compiles them all eagerly, on a
// background thread while the file streams in, instead of one by one on the main thread at
// first call. Measured: about a third less main-thread time for candor.js on a first visit.
// Language files are data; they go without.
const HINT = '//# allFunctionsCalledOnLoad\n';
const hint = (file) => writeFileSync(file, HINT + readFileSync(file, 'utf8'));
// A second minification, by terser (three compress passes) over vite's own output: ~250 B
// gzip less on candor.js, which every page view downloads (budget: .size-limit.json).
// Measured: better than terser as vite's minifier (which saved a third of that).
const squeeze = async (file) => {
  const out = await minify(readFileSync(file, 'utf8'), { ecma: 2020, compress: { passes: 3 }, format: { comments: false } });
  writeFileSync(file, out.code);
};

const chunkSri = {};
for (const name of CHUNKS) {
  await build({ mode: `chunk-${name}`, logLevel: 'warn' });
  await squeeze(`dist/candor-${name}.js`);
  if (!name.startsWith('i18n-')) hint(`dist/candor-${name}.js`);
  chunkSri[name] = `sha256-${createHash('sha256').update(readFileSync(`dist/candor-${name}.js`)).digest('base64')}`;
}
for (const mode of ['script', 'esm']) {
  const define = mode === 'script' ? { __CANDOR_CHUNKS__: JSON.stringify(chunkSri) } : {};
  await build({ mode, logLevel: 'warn', define });
}
await squeeze('dist/candor.js');
hint('dist/candor.js');
execFileSync('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// Relative imports in the declarations get the extension Node's ESM resolution needs: a
// consumer with `moduleResolution: "node16"`/`"nodenext"` otherwise finds no export at all
// (TS2834; test/types checks both resolutions). `./x` is `./x.js`, or `./x/index.js`.
for (const file of readdirSync('dist/types', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'))) {
  const path = join('dist/types', file);
  const withExtension = (spec) =>
    existsSync(join(dirname(path), `${spec}.d.ts`)) ? `${spec}.js` : existsSync(join(dirname(path), spec, 'index.d.ts')) ? `${spec}/index.js` : spec;
  writeFileSync(path, readFileSync(path, 'utf8').replace(/((?:from |import\()['"])(\.\.?\/[^'"]+)(['"])/g, (_, a, spec, b) => a + withExtension(spec) + b));
}
writeFileSync(
  'dist/candor.d.ts',
  "// Types for the ES module entry and for window.Candor (declared globally).\nexport * from './types/entries/esm.js';\n",
);
// Optional preload hints for what a first visit waits for, after candor.js itself: the AI
// chunk (a config with `ai`) and the page's language file. Without a hint, candor.js has to
// run before it can ask for them: one more round trip before the banner. A preload is used
// only when its `integrity` is the one candor.js puts on the chunk, so the lines carry this
// build's hashes (README, "Faster first visits").
const preload = (name) => `<link rel="preload" as="script" href="/candor/candor-${name}.js" integrity="${chunkSri[name]}">`;
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
writeFileSync(
  'dist/candor-preload.html',
  [
    `<!-- Candor ${version}: optional preload hints. Put the lines your page needs in <head>, before`,
    '     candor.js, with the path you serve candor.js from; copy the crossorigin and nonce of the',
    '     candor.js tag onto them, if it has them. The hashes are those of this build: after an',
    '     update, copy the lines again (a stale one costs one more download and a console warning). -->',
    '<!-- a page whose config has `ai` -->',
    preload('ai'),
    ...LANGS.flatMap((l) => [`<!-- a page in ${l} (<html lang="${l}">) -->`, preload(`i18n-${l}`)]),
    '',
  ].join('\n'),
);
console.log(`built dist/candor.js, dist/candor-{${CHUNKS.join(',')}}.js, dist/candor.mjs, dist/candor.d.ts, dist/candor-preload.html`);
