// Builds dist/: the script-tag bundle, the ES module and the type declarations.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'vite';

rmSync('dist', { recursive: true, force: true });
for (const mode of ['script', 'esm']) {
  await build({ mode, logLevel: 'warn' });
}
execFileSync('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
writeFileSync(
  'dist/candor.d.ts',
  "// Types for the ES module entry and for window.Candor (declared globally).\nexport * from './types/entries/esm';\n",
);
console.log('built dist/candor.js, dist/candor.mjs, dist/candor.d.ts');
