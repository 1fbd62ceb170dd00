import { describe, expect, it } from 'vitest';
import { decodeMappings, makeLookup, moduleName, packageOf } from '../../bench/source-map.mjs';

// The bench attributes bytes and CPU samples to modules through this decoder, so a wrong
// VLQ decode would silently misreport where the bytes go.
describe('bench source-map reading (ECMA-426 VLQ mappings)', () => {
  it('decodes absolute columns per line and source fields as running deltas', () => {
    // "gBAAgB": 16,0,0,16 (two-digit VLQ); "CACF": +1 col, +0 src, +1 line, -2 col; ";" = new line, column resets.
    expect(decodeMappings('AAAA,gBAAgB,CACF;AAAA,CAAC,K')).toEqual([
      [
        [0, 0, 0, 0],
        [16, 0, 0, 16],
        [17, 0, 1, 14],
      ],
      [
        [0, 0, 1, 14],
        [1, 0, 1, 15],
        [6],
      ],
    ]);
  });

  it('decodes names and negative deltas', () => {
    // "EAACC": +2 col, +1 source column, +1 name; "EAAED": +2, +2 source column, -1 name.
    expect(decodeMappings('AAAAA,EAACC,EAAED')).toEqual([[[0, 0, 0, 0, 0], [2, 0, 0, 1, 1], [4, 0, 0, 3, 0]]]);
  });

  it('looks up the segment at or before a column, skipping generated-only segments', () => {
    const lookup = makeLookup({ version: 3, sources: ['a.ts', 'b.ts'], names: ['f'], mappings: 'AAAAA,KCAC,K;;' });
    expect(lookup(0, 0)).toEqual({ source: 'a.ts', line: 0, column: 0, name: 'f' });
    expect(lookup(0, 7)).toEqual({ source: 'b.ts', line: 0, column: 1, name: undefined });
    expect(lookup(0, 12)).toEqual({ source: 'b.ts', line: 0, column: 1, name: undefined });
    expect(lookup(1, 0)).toBeNull();
    expect(lookup(9, 0)).toBeNull();
  });

  it('names modules by package or by path inside the project', () => {
    expect(moduleName('../../repo/node_modules/preact/dist/preact.mjs', '/repo', '/tmp/x')).toBe('preact › preact.mjs');
    expect(moduleName('../node_modules/@preact/signals-core/dist/signals-core.module.js', '/repo', '/repo/dist')).toBe(
      '@preact/signals-core › signals-core.module.js',
    );
    expect(moduleName('../src/ui/banner.tsx', '/repo', '/repo/dist')).toBe('src/ui/banner.tsx');
    expect(packageOf('zod › v4/core/schemas.js')).toBe('zod');
    expect(packageOf('src/ui/banner.tsx')).toBe('candor (src + styles)');
  });
});
