// Just enough source-map reading for the bench: decode the "mappings" VLQ of a v3 map
// (https://tc39.es/ecma426/) and build Candor's script bundle with a map to a temp dir.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/**
 * Decodes `mappings` into per-line arrays of segments `[genCol, srcIndex, srcLine, srcCol, nameIndex?]`
 * (generated-only segments have length 1). Fields after the first are deltas across the whole map.
 */
export function decodeMappings(mappings) {
  const lines = [];
  let src = 0, sLine = 0, sCol = 0, name = 0;
  for (const line of mappings.split(';')) {
    const segs = [];
    let gCol = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const vals = [];
      let shift = 0, value = 0;
      for (const ch of seg) {
        const d = B64[ch];
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          shift = value = 0;
        }
      }
      gCol += vals[0];
      if (vals.length >= 4) {
        src += vals[1]; sLine += vals[2]; sCol += vals[3];
        if (vals.length >= 5) name += vals[4];
        segs.push(vals.length >= 5 ? [gCol, src, sLine, sCol, name] : [gCol, src, sLine, sCol]);
      } else segs.push([gCol]);
    }
    lines.push(segs);
  }
  return lines;
}

/** A short, readable module id (`source` relative to `base`, the map's directory): "src/ui/banner.tsx", "preact", "zod/v4/mini/schemas.js" ... */
export function moduleName(source, root, base = root) {
  const path = source.replace(/^[a-z]+:\/\//, '').replace(/^\/?@fs/, '');
  const rel = relative(root, resolve(base, path)).replace(/\\/g, '/').replace(/^(\.\.\/)+/, '');
  const nm = rel.lastIndexOf('node_modules/');
  if (nm < 0) return rel;
  const rest = rel.slice(nm + 'node_modules/'.length).split('/');
  const pkg = rest[0].startsWith('@') ? rest.slice(0, 2).join('/') : rest[0];
  const inner = rest.slice(rest[0].startsWith('@') ? 2 : 1).join('/');
  return `${pkg} › ${inner.replace(/^dist\//, '')}`;
}

/** The package a module belongs to, or "candor" for our own source. */
export function packageOf(name) {
  return name.includes(' › ') ? name.split(' › ')[0] : 'candor (src + styles)';
}

/**
 * Builds the script-tag bundle exactly as `npm run build` does (vite.config.ts, mode "script"),
 * plus a source map, into a temp dir. Returns `{ dir, code, map }`.
 */
export async function buildScriptWithMap(root, extraPlugins = []) {
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'candor-map-'));
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    mode: 'script',
    logLevel: 'warn',
    plugins: extraPlugins,
    build: { outDir: dir, emptyOutDir: true, sourcemap: true },
  });
  return {
    dir,
    code: readFileSync(join(dir, 'candor.js'), 'utf8'),
    map: JSON.parse(readFileSync(join(dir, 'candor.js.map'), 'utf8')),
  };
}

/** Maps a generated (line, column), both 0-based, to `{ source, line, column, name }` or null. */
export function makeLookup(map) {
  const lines = decodeMappings(map.mappings);
  return (line, column) => {
    const segs = lines[line];
    if (!segs) return null;
    let lo = 0, hi = segs.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid][0] <= column) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    for (let i = best; i >= 0; i--) {
      const s = segs[i];
      if (s.length >= 4) return { source: map.sources[s[1]], line: s[2], column: s[3], name: s.length >= 5 ? map.names[s[4]] : undefined };
    }
    return null;
  };
}
