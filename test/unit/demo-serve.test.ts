import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVED_DIRS, servedFile } from '../../scripts/serve-paths.mjs';

// `npm start` (scripts/serve.mjs) serves the demo from the checkout: which paths it may answer.
const ROOT = '/work/main';

describe('servedFile() (the demo server\'s path rule)', () => {
  it('should serve the demo pages, their assets and the built widget', () => {
    expect(SERVED_DIRS).toEqual(['demo', 'dist']);
    expect(servedFile(ROOT, '/')).toBe(join(ROOT, 'demo/index.html'));
    expect(servedFile(ROOT, '/demo/sites/omniops/index.html')).toBe(join(ROOT, 'demo/sites/omniops/index.html'));
    expect(servedFile(ROOT, '/demo/')).toBe(join(ROOT, 'demo/'));
    expect(servedFile(ROOT, '/demo')).toBe(join(ROOT, 'demo'));
    expect(servedFile(ROOT, '/dist/candor.js')).toBe(join(ROOT, 'dist/candor.js'));
    expect(servedFile(`${ROOT}/`, '/dist/candor-prefs.js')).toBe(join(ROOT, 'dist/candor-prefs.js'));
  });

  // Regression: the check was `file.startsWith(ROOT)`, so a sibling folder whose name starts
  // with the checkout's (/work/main2) was reachable with an encoded "../".
  it('should not reach a sibling folder whose name starts with the root\'s', () => {
    expect(servedFile(ROOT, '/../main2/secret.txt')).toBeNull();
    expect(servedFile(ROOT, '/demo/../../main2/demo/x.html')).toBeNull();
    expect(servedFile(ROOT, '/../main/demo/index.html')).toBe(join(ROOT, 'demo/index.html'));
  });

  // Regression: everything in the checkout was served, .git and node_modules included.
  it('should not serve anything outside demo/ and dist/', () => {
    for (const p of ['/.git/config', '/node_modules/preact/package.json', '/package.json', '/src/config/schema.ts', '/demo-evil/x', '/distx/candor.js', '/demo/../.git/HEAD', '/..', '/../../etc/passwd']) {
      expect(servedFile(ROOT, p), p).toBeNull();
    }
  });
});
