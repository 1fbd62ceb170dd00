import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The package as a bundler user gets it (package.json "exports": dist/candor.mjs and
 * dist/candor.d.ts), checked on the built files. Plain Node, no browser: importing must not
 * touch the DOM (SPEC: the ES module entry has no side effects).
 */
const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

function run(file: string, args: string[]): string {
  return execFileSync(file, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('dist/candor.mjs', () => {
  it('imports in plain Node by the package name, and exports createCandor and version', () => {
    const code = `const m = await import(${JSON.stringify(pkg.name)});
      console.log(JSON.stringify({ keys: Object.keys(m).sort(), createCandor: typeof m.createCandor, version: m.version,
        dom: typeof document, file: import.meta.resolve(${JSON.stringify(pkg.name)}) }));`;
    const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', code])) as Record<string, unknown>;
    expect(out).toEqual({
      keys: ['createCandor', 'version'],
      createCandor: 'function',
      version: pkg.version,
      dom: 'undefined',
      file: expect.stringMatching(/\/dist\/candor\.mjs$/),
    });
  });
});

describe('dist/candor.d.ts', () => {
  // test/types/consumer.ts uses the API, window.Candor and the DOM events, and expects
  // type errors where a looser type (or `any`) would accept wrong code.
  for (const [resolution, project] of [
    ['bundler', 'test/types/tsconfig.json'],
    ['node16/nodenext', 'test/types/tsconfig.node.json'],
  ] as const) {
    it(`compiles for a strict consumer (moduleResolution ${resolution}, skipLibCheck off)`, () => {
      let output = '';
      try {
        run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', project]);
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        output = `${err.stdout ?? ''}${err.stderr ?? ''}` || String(e);
      }
      expect(output).toBe('');
    });
  }
});
