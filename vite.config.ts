import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Two library builds from one config (scripts/build.mjs runs both):
 * - mode "script": dist/candor.js, the IIFE a site owner pastes, with every dependency and the CSS inside;
 * - mode "esm": dist/candor.mjs for bundler users, dependencies left to their bundler.
 * Without a mode (vitest), only the shared transform settings and the test projects apply.
 */
export default defineConfig(({ mode }) => ({
  define: { __CANDOR_VERSION__: JSON.stringify(pkg.version) },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: false,
    reportCompressedSize: false,
    minify: true,
    ...(mode === 'esm'
      ? {
          lib: { entry: 'src/entries/esm.ts', formats: ['es' as const], fileName: () => 'candor.mjs' },
          rolldownOptions: { external: [/^preact($|\/)/, /^@preact\/signals/, 'js-cookie', /^zod($|\/)/] },
        }
      : {
          lib: { entry: 'src/entries/script.ts', formats: ['iife' as const], name: 'CandorBundle', fileName: () => 'candor.js' },
          // The whole bundle, module-level code of its dependencies included, runs inside a
          // try: a page that breaks a built-in (an enumerable Object.prototype property makes
          // zod's schema setup throw) gets one [candor] error, never an exception (issue 7).
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
          include: ['test/unit/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: one Chromium, files two at a time.
          maxWorkers: 2,
        },
      },
    ],
  },
}));
