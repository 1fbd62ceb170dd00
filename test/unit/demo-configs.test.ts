import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read-config';
import { compilePatterns } from '../../src/enforce/patterns';
import { removalPatterns } from '../../src/config/default-categories';

// The seed sites' demo pages (demo/sites/<name>/*.html): every config a first user would
// paste must be valid, and its cookie table must only promise deletions Candor will do.
const SITES = join(import.meta.dirname, '../../demo/sites');
const pages = readdirSync(SITES).flatMap((site) =>
  readdirSync(join(SITES, site))
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ name: `${site}/${f}`, html: readFileSync(join(SITES, site, f), 'utf8') })),
);
const configs = pages.flatMap(({ name, html }) => {
  const json = /<script type="application\/json" id="candor-config">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return json ? [{ name, json }] : [];
});

describe('demo site configs', () => {
  it('should cover the five seed sites', () => {
    expect(new Set(configs.map((c) => c.name.split('/')[0]))).toEqual(new Set(['ainomiq', 'omniops', 'aimarketing', 'novoaigen', 'aramin']));
  });

  for (const { name, json } of configs) {
    describe(name, () => {
      const { config, errors } = readConfig({ json });

      it('should validate with no errors', () => {
        expect(errors).toEqual([]);
      });

      it('should link a policy page that exists in the demo', () => {
        expect(config.policyUrl).toMatch(/^\/demo\/sites\/[a-z]+\/privacy\.html/);
        const file = config.policyUrl!.replace(/^\/demo\/sites\//, '').replace(/#.*$/, '');
        expect(pages.some((p) => p.name === file)).toBe(true);
      });

      // A name in the cookie table of an optional category that withdrawal would not delete
      // would make the policy's "removed on withdrawal" untrue.
      it('should delete on withdrawal every cookie and storage key its optional categories list', () => {
        for (const c of config.categories.filter((c) => !c.required)) {
          const cookies = compilePatterns(removalPatterns(c.id, c.cookies));
          const storage = compilePatterns(removalPatterns(c.id, c.storage));
          for (const s of c.services) {
            for (const k of s.cookies) {
              const sample = k.name.replace(/\*/g, 'x1');
              expect(cookies(sample) || storage(sample), `${c.id}: ${k.name}`).toBe(true);
            }
          }
        }
      });
    });
  }
});
