import { describe, expect, it } from 'vitest';
import { configFromDataset, DATA_KEYS, mergeConfig, readConfig } from '../../src/config/read-config';

const POLICY_REQUIRED = 'policyUrl: is required (the address of your privacy policy)';

describe('mergeConfig()', () => {
  it('should let later layers win key by key', () => {
    expect(mergeConfig({ policyUrl: '/a', revision: '1' }, { revision: '2' }, { lang: 'de' })).toEqual({
      policyUrl: '/a',
      revision: '2',
      lang: 'de',
    });
  });

  it('should merge nested objects instead of replacing them', () => {
    const merged = mergeConfig(
      { ui: { position: 'center', theme: 'dark' }, ai: { providers: ['A'], optOut: true } },
      { ui: { theme: 'light' }, ai: { notice: false } },
    );
    expect(merged).toEqual({
      ui: { position: 'center', theme: 'light' },
      ai: { providers: ['A'], optOut: true, notice: false },
    });
  });

  it('should merge several levels deep', () => {
    expect(
      mergeConfig({ texts: { de: { acceptAll: 'A', rejectAll: 'R' } } }, { texts: { de: { acceptAll: 'B' }, fr: { ok: 'OK' } } }),
    ).toEqual({ texts: { de: { acceptAll: 'B', rejectAll: 'R' }, fr: { ok: 'OK' } } });
  });

  it('should replace arrays, not concatenate or merge them', () => {
    expect(mergeConfig({ categories: [{ id: 'a' }, { id: 'b' }] }, { categories: [{ id: 'c' }] })).toEqual({
      categories: [{ id: 'c' }],
    });
    expect(mergeConfig({ ai: { providers: ['A', 'B'] } }, { ai: { providers: [] } })).toEqual({ ai: { providers: [] } });
  });

  it('should let a scalar replace an object and an object replace a scalar', () => {
    expect(mergeConfig({ googleConsentMode: { waitForUpdate: 500 } }, { googleConsentMode: false })).toEqual({
      googleConsentMode: false,
    });
    expect(mergeConfig({ googleConsentMode: true }, { googleConsentMode: { waitForUpdate: 5 } })).toEqual({
      googleConsentMode: { waitForUpdate: 5 },
    });
  });

  it('should keep an explicit undefined from a later layer (it replaces)', () => {
    const merged = mergeConfig({ lang: 'de' }, { lang: undefined });
    expect(Object.hasOwn(merged, 'lang')).toBe(true);
    expect(merged.lang).toBeUndefined();
  });

  it('should skip layers that are not plain objects', () => {
    expect(mergeConfig(null, undefined, 'x', 5, [{ lang: 'de' }], { lang: 'fr' })).toEqual({ lang: 'fr' });
  });

  it('should not modify its input layers', () => {
    const a = { ui: { position: 'center' } };
    const b = { ui: { theme: 'dark' } };
    mergeConfig(a, b);
    expect(a).toEqual({ ui: { position: 'center' } });
    expect(b).toEqual({ ui: { theme: 'dark' } });
  });
});

describe('configFromDataset()', () => {
  it('reads exactly the keys the script tag copies (DATA_KEYS)', () => {
    for (const key of DATA_KEYS) expect(Object.keys(configFromDataset({ [key]: 'x' })), key).not.toEqual([]);
    // any other data-* attribute configures nothing, so the tag need not copy it
    const others = ['candorConfig', 'policy', 'mode', 'cookieName', 'googleConsentMode', 'texts', 'categories', 'src', 'category'];
    for (const key of others) expect(configFromDataset({ [key]: 'x' }), key).toEqual({});
  });

  it('should map every supported data-* attribute onto config keys', () => {
    expect(
      configFromDataset({
        policyUrl: '/privacy',
        revision: '3',
        lang: 'de',
        theme: 'dark',
        position: 'center',
        aiNotice: 'true',
      }),
    ).toEqual({ policyUrl: '/privacy', revision: '3', lang: 'de', ui: { theme: 'dark', position: 'center' }, ai: { notice: true } });
  });

  it('should return an empty object for no attributes', () => {
    expect(configFromDataset({})).toEqual({});
  });

  it('should not create ui or ai when their attributes are absent', () => {
    const out = configFromDataset({ policyUrl: '/p' });
    expect(out).toEqual({ policyUrl: '/p' });
    expect(out).not.toHaveProperty('ui');
    expect(out).not.toHaveProperty('ai');
  });

  it('should map data-ai-notice "true" and "false" to booleans', () => {
    expect(configFromDataset({ aiNotice: 'true' })).toEqual({ ai: { notice: true } });
    expect(configFromDataset({ aiNotice: 'false' })).toEqual({ ai: { notice: false } });
  });

  // Bug (issue 7): a lookup in a plain `{ true, false }` map found Object for "constructor".
  it('should pass data-ai-notice values that name Object.prototype members through as text', () => {
    for (const v of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(configFromDataset({ aiNotice: v })).toEqual({ ai: { notice: v } });
    }
    expect(readConfig({ dataset: { policyUrl: '/p', aiNotice: 'constructor' } }).errors).toEqual(['ai.notice: must be true or false, not text']);
  });

  it('should pass any other data-ai-notice value through, so validation reports it', () => {
    expect(configFromDataset({ aiNotice: 'yes' })).toEqual({ ai: { notice: 'yes' } });
    expect(configFromDataset({ aiNotice: '' })).toEqual({ ai: { notice: '' } });
    const { errors } = readConfig({ dataset: { policyUrl: '/p', aiNotice: 'yes' } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^ai\.notice: /);
  });

  it('should ignore attributes it does not know', () => {
    expect(configFromDataset({ src: '/candor.js', foo: 'bar', mode: 'opt-out' })).toEqual({});
  });

  it('should keep an empty attribute value (so validation can report it)', () => {
    expect(configFromDataset({ policyUrl: '' })).toEqual({ policyUrl: '' });
  });
});

describe('readConfig()', () => {
  it('should read a valid global config without errors', () => {
    const { config, errors } = readConfig({ global: { policyUrl: '/privacy', revision: 2 } });
    expect(errors).toEqual([]);
    expect(config.policyUrl).toBe('/privacy');
    expect(config.revision).toBe('2');
    expect(config.degraded).toBe(false);
  });

  it('should apply the sources in order: global, then #candor-config, then data-* attributes', () => {
    const { config, errors } = readConfig({
      global: { policyUrl: '/global', revision: 'g', lang: 'en', ui: { position: 'center', theme: 'dark' } },
      json: JSON.stringify({ revision: 'json', ui: { theme: 'light' }, mode: 'opt-out' }),
      dataset: { policyUrl: '/data', position: 'bottom-left' },
    });
    expect(errors).toEqual([]);
    expect(config.policyUrl).toBe('/data');
    expect(config.revision).toBe('json');
    expect(config.mode).toBe('opt-out');
    expect(config.ui).toEqual({ position: 'bottom-left', theme: 'light', floatingButton: true });
  });

  it('should merge data-ai-notice into the ai object of the other sources', () => {
    const { config } = readConfig({
      global: { policyUrl: '/p', ai: { providers: ['OpenAI'], optOut: true } },
      dataset: { aiNotice: 'false' },
    });
    expect(config.ai).toMatchObject({ notice: false, providers: ['OpenAI'], optOut: true });
  });

  it('should report invalid JSON in #candor-config and still use the other sources', () => {
    const { config, errors } = readConfig({ global: { policyUrl: '/p' }, json: '{ policyUrl: "/x" ' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^#candor-config: is not valid JSON \(/);
    expect(config.policyUrl).toBe('/p');
    expect(config.degraded).toBe(true);
  });

  it.each(['[1,2]', '"text"', '42', 'null', 'true'])('should report the non-object JSON %s in #candor-config', (json) => {
    const { config, errors } = readConfig({ global: { policyUrl: '/p' }, json });
    expect(errors).toEqual(['#candor-config: must contain a JSON object']);
    expect(config.policyUrl).toBe('/p');
    expect(config.degraded).toBe(true);
  });

  it('should ignore an empty or whitespace-only #candor-config', () => {
    for (const json of ['', '   \n  ', null]) {
      const { errors } = readConfig({ global: { policyUrl: '/p' }, json });
      expect(errors, String(json)).toEqual([]);
    }
  });

  it.each([['a string', 'policyUrl=/p'], ['an array', [{ policyUrl: '/p' }]], ['a number', 1], ['null', null]])(
    'should report window.CandorConfig that is %s',
    (_name, global) => {
      const { errors, config } = readConfig({ global, dataset: { policyUrl: '/p' } });
      expect(errors).toEqual(['window.CandorConfig: must be an object']);
      expect(config.degraded).toBe(true);
      expect(config.policyUrl).toBe('/p');
    },
  );

  it('should report a missing policyUrl', () => {
    const { config, errors } = readConfig({ global: { revision: '2' } });
    expect(errors).toEqual([POLICY_REQUIRED]);
    expect(config.policyUrl).toBeUndefined();
    expect(config.degraded).toBe(true);
  });

  it('should report a missing policyUrl when there is no source at all', () => {
    expect(readConfig({}).errors).toEqual([POLICY_REQUIRED]);
  });

  it('should report an unsafe policyUrl once, not also as missing', () => {
    const { config, errors } = readConfig({ global: { policyUrl: 'javascript:alert(1)' } });
    expect(errors).toEqual(['policyUrl: must be an http(s) URL or a root-relative path (starting with "/")']);
    expect(config.policyUrl).toBeUndefined();
  });

  it('should let a later source fix an unsafe policyUrl from an earlier one', () => {
    const { config, errors } = readConfig({ global: { policyUrl: 'javascript:alert(1)' }, dataset: { policyUrl: '/privacy' } });
    expect(errors).toEqual([]);
    expect(config.policyUrl).toBe('/privacy');
  });

  it('should set degraded exactly when there are errors', () => {
    const cases = [
      { global: { policyUrl: '/p' } },
      { global: { policyUrl: '/p', typo: 1 } },
      { global: { policyUrl: '/p' }, json: '{' },
      { global: {} },
      { dataset: { policyUrl: '/p', theme: 'neon' } },
      { dataset: { policyUrl: '/p', theme: 'dark' } },
    ];
    const degraded = cases.map((c) => {
      const { config, errors } = readConfig(c);
      expect(config.degraded, JSON.stringify(c)).toBe(errors.length > 0);
      return config.degraded;
    });
    expect(degraded).toEqual([false, true, true, true, true, false]);
  });

  it('should keep the valid parts of an invalid config', () => {
    const { config, errors } = readConfig({
      global: { policyUrl: '/p', revision: '9', categories: [{ id: 'necessary', required: true }, { id: 'Bad' }, { id: 'analytics' }] },
    });
    expect(errors).toEqual(['categories[1].id: must match /^[a-z][a-z0-9_-]*$/']);
    expect(config.revision).toBe('9');
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'analytics']);
  });

  it('should pass language hints through to the resolved config', () => {
    const { config } = readConfig(
      { global: { policyUrl: '/p', texts: { de: { acceptAll: 'Alle akzeptieren' } } } },
      { htmlLang: 'de-AT', navigatorLanguages: ['fr'] },
    );
    expect(config.lang).toBe('de');
    expect(config.texts.acceptAll).toBe('Alle akzeptieren');
  });

  it('should never throw, whatever the sources hold', () => {
    const hostile = [
      { global: Object.create(null) as object },
      { global: { policyUrl: '/p', categories: [null, 1, 'x', { id: 'a', cookies: [{}] }] } },
      { json: '\u0000' },
      { json: '{"__proto__":{"policyUrl":"javascript:alert(1)"}}' },
      { dataset: { aiNotice: 'constructor', policyUrl: '/p' } },
    ];
    for (const sources of hostile) {
      expect(() => readConfig(sources)).not.toThrow();
    }
  });

  // Bug: mergeConfig reads `layer[key]` outside any try, so a window.CandorConfig (or a
  // createCandor(config) argument) with a throwing getter throws out of readConfig.
  it('should not throw for a global config whose getter throws, and report it', () => {
    const global = {
      lang: 'de',
      get policyUrl(): string {
        throw new Error('boom');
      },
    };
    let result: ReturnType<typeof readConfig> | undefined;
    expect(() => {
      result = readConfig({ global, dataset: { policyUrl: '/p' } });
    }).not.toThrow();
    expect(result?.errors.length).toBeGreaterThan(0);
    expect(result?.config.degraded).toBe(true);
  });

  it('should never apply a javascript: policyUrl smuggled through "__proto__" in #candor-config', () => {
    const { config } = readConfig({ json: '{"__proto__":{"policyUrl":"javascript:alert(1)"}}' });
    expect(config.policyUrl).toBeUndefined();
    expect(config.ai).toBeUndefined();
  });
});
