import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { i18nValues } from './scripts/i18n-values.mjs';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Library builds from one config (scripts/build.mjs runs them all):
 * - mode "chunk-<name>": dist/candor-<name>.js, a lazy chunk (src/chunks/registry.ts) as a classic
 *   script; it uses the Preact and signals that candor.js exposes (src/chunks/shims/);
 * - mode "script": dist/candor.js, the IIFE a site owner pastes, with every dependency and the CSS inside;
 * - mode "esm": dist/candor.mjs for bundler users, dependencies left to their bundler.
 * Without a mode (vitest), only the shared transform settings and the test projects apply.
 */
export default defineConfig(({ mode }) => {
  const chunk = mode.startsWith('chunk-') ? mode.slice(6) : null;
  return {
  define: { __CANDOR_VERSION__: JSON.stringify(pkg.version) },
  // A language chunk's texts as a list of strings, without the key names (candor.js has them).
  plugins: chunk?.startsWith('i18n-') ? [i18nValues(src('').replace(/\/$/, ''), [chunk.slice(5)])] : [],
  resolve: {
    alias: chunk
      ? [
          { find: /^preact$/, replacement: src('chunks/shims/preact.ts') },
          { find: /^@preact\/signals-core$/, replacement: src('chunks/shims/signals-core.ts') },
          { find: /^\.\.\/\.\.\/styles\/theme\.css\?inline$/, replacement: src('chunks/shims/theme.ts') },
          { find: /^\.\.\/util\/url$/, replacement: src('chunks/shims/url.ts') },
          { find: /^\.\/(actions|links|signal-note)$/, replacement: src('chunks/shims/ui.ts') },
        ]
      : mode === 'script'
        ? [{ find: /^\.\/fetch-chunk$/, replacement: src('chunks/fetch-chunk-script.ts') }]
        : [],
  },
  // Classic JSX (`h`): Preact's automatic runtime would add its jsx() wrapper to every page view.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  build: {
    target: 'es2020',
    // Browsers with logical properties (inset-inline-*): older targets would have the CSS
    // minifier spell each one out as left/right under long :lang() lists for RTL scripts.
    cssTarget: ['chrome107', 'edge107', 'firefox104', 'safari16'],
    outDir: 'dist',
    emptyOutDir: false,
    reportCompressedSize: false,
    minify: true,
    ...(chunk
      ? {
          lib: { entry: `src/chunks/${chunk}.ts`, formats: ['iife' as const], name: '__candorChunk', fileName: () => `candor-${chunk}.js` },
        }
      : mode === 'esm'
      ? {
          lib: { entry: 'src/entries/esm.ts', formats: ['es' as const], fileName: () => 'candor.mjs' },
          rolldownOptions: {
            external: [/^preact($|\/)/, /^@preact\/signals/, 'js-cookie'],
            // The lazy chunks of the ES build, split by the bundler (not the script-tag chunks).
            output: { chunkFileNames: 'esm/[name]-[hash].mjs' },
          },
        }
      : {
          lib: { entry: 'src/entries/script.ts', formats: ['iife' as const], name: 'CandorBundle', fileName: () => 'candor.js' },
          // The whole bundle, module-level code of its dependencies included, runs inside a
          // try: a page that breaks a built-in gets one [candor] error, never an exception
          // (issue 7).
          rolldownOptions: {
            output: { postBanner: 'try{', postFooter: '}catch(e){console.error("[candor] could not start on this page:",e)}' },
          },
        }),
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          // Unit tests first, then the browser tests, which use their own worker limit.
          sequence: { groupOrder: 0 },
          include: ['test/unit/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          sequence: { groupOrder: 1 },
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // What a page does in reaction (a removal, another tab, a re-validation) may take a
          // few seconds on a loaded two-core machine; the assertions stay the same.
          expect: { poll: { timeout: 5_000 } },
          // Two cores: one Chromium, files two at a time.
          maxWorkers: 2,
          // vitest 4: projects with different maxWorkers need their own group (after unit).
        },
      },
    ],
  },
};
});
