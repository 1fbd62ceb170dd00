// Builds dist/: the script-tag bundle, the ES module, the type declarations, and one
// small JSON file per non-English language (dist/i18n/<lang>.json), fetched by candor.js
// only on pages in that language.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'vite';

const LANGS = ['de', 'fr', 'nl', 'es', 'it'];

rmSync('dist', { recursive: true, force: true });

// The translations are TypeScript (typed as `Texts`, so a missing or unknown key fails tsc);
// bundle them to plain modules in memory, evaluate them, and write their values as JSON.
const out = await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    write: false,
    minify: false,
    lib: { entry: Object.fromEntries(LANGS.map((l) => [l, `src/i18n/${l}.ts`])), formats: ['es'] },
  },
});
const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((c) => c.type === 'chunk' && c.isEntry);
mkdirSync('dist/i18n', { recursive: true });
const sri = {};
for (const lang of LANGS) {
  const chunk = chunks.find((c) => c.name === lang);
  if (!chunk) throw new Error(`no build output for ${lang}`);
  const mod = await import(`data:text/javascript;base64,${Buffer.from(chunk.code).toString('base64')}`);
  const json = JSON.stringify(mod[lang]);
  writeFileSync(`dist/i18n/${lang}.json`, json);
  // Subresource Integrity (W3C SRI §3.5): sha256 of the exact bytes served.
  sri[lang] = `sha256-${createHash('sha256').update(json).digest('base64')}`;
}

// Lazy chunks first: candor.js carries their SRI hashes (sha384, as for the main tag).
const CHUNKS = ['ai', 'cleanup', 'prefs'];
const chunkSri = {};
for (const name of CHUNKS) {
  await build({ mode: `chunk-${name}`, logLevel: 'warn' });
  chunkSri[name] = `sha384-${createHash('sha384').update(readFileSync(`dist/candor-${name}.js`)).digest('base64')}`;
}
for (const mode of ['script', 'esm']) {
  const define = mode === 'script' ? { __CANDOR_I18N_SRI__: JSON.stringify(sri), __CANDOR_CHUNKS__: JSON.stringify(chunkSri) } : {};
  await build({ mode, logLevel: 'warn', define });
}
execFileSync('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
writeFileSync(
  'dist/candor.d.ts',
  "// Types for the ES module entry and for window.Candor (declared globally).\nexport * from './types/entries/esm';\n",
);
console.log(`built dist/candor.js, dist/candor-{${CHUNKS.join(',')}}.js, dist/candor.mjs, dist/candor.d.ts, dist/i18n/{${LANGS.join(',')}}.json`);
