import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatPath, MAX_VALUES, parseConfig } from '../../src/config/parse';
import { readConfig } from '../../src/config/read-config';
import { isValidPattern } from '../../src/config/schema';

const URL_MESSAGE = 'must be an http(s) URL or a root-relative path (starting with "/")';
const ID_MESSAGE = 'must match /^[a-z][a-z0-9_-]*$/';
const CIRCULAR = 'is circular';
const TOO_LARGE = 'is too large or too deep';

/** The paths of the reported problems, without their messages. */
const paths = (errors: string[]) => errors.map((e) => e.slice(0, e.indexOf(':')));

describe('formatPath()', () => {
  it('should write numbers as indexes and strings as dotted keys', () => {
    expect(formatPath(['categories', 2, 'id'])).toBe('categories[2].id');
    expect(formatPath(['ui', 'position'])).toBe('ui.position');
  });

  it('should name the config itself for an empty path', () => {
    expect(formatPath([])).toBe('(config)');
  });
});

describe('parseConfig()', () => {
  it('a getter that throws is reported at its own path, and the paths after it are right', () => {
    const broken = { id: 'stats' };
    Object.defineProperty(broken, 'label', { enumerable: true, get: () => { throw new Error('no'); } });
    const list: unknown[] = [{ id: 'analytics' }];
    Object.defineProperty(list, 1, { enumerable: true, get: () => { throw new Error('no'); } });
    const en = {};
    Object.defineProperty(en, 'acceptAll', { enumerable: true, get: () => { throw new Error('no'); } });
    const { errors } = parseConfig({ policyUrl: '/p', categories: [{ id: 'analytics' }, broken], services: list, texts: { en }, mode: 'sideways' });
    expect(errors).toContain('categories[1].label: could not be read');
    // An array whose element throws is lost whole, at the array's own key.
    expect(errors).toContain('services: could not be read');
    expect(errors).toContain('texts.en.acceptAll: could not be read');
    // Later keys keep their own paths.
    expect(errors.some((e) => e.startsWith('mode: '))).toBe(true);
  });

  describe('valid input', () => {
    it('should accept an empty object with no errors', () => {
      expect(parseConfig({})).toEqual({ value: {}, errors: [] });
    });

    it('should treat undefined and null as an empty config', () => {
      expect(parseConfig(undefined)).toEqual({ value: {}, errors: [] });
      expect(parseConfig(null)).toEqual({ value: {}, errors: [] });
    });

    it('should keep a full valid config unchanged', () => {
      const config = {
        policyUrl: 'https://example.com/privacy',
        cookiePolicyUrl: '/cookies',
        imprintUrl: 'http://example.com/imprint',
        revision: '2024-05.1',
        consentMaxAgeDays: 395,
        lang: 'de-AT',
        texts: { de: { acceptAll: 'Alle akzeptieren' } },
        mode: 'opt-out' as const,
        respectDoNotTrack: false,
        respectGlobalPrivacyControl: false,
        categories: [
          { id: 'necessary', required: true },
          {
            id: 'stats_2',
            label: 'Stats',
            description: 'Counting visits',
            tracking: true,
            cookies: ['_gid', '_ga*', '/^_hj.*$/', '/^x/i'],
            storage: ['ls_key'],
            services: [
              {
                name: 'Matomo',
                provider: 'InnoCraft',
                purpose: 'Statistics',
                privacyUrl: 'https://matomo.org/privacy',
                cookies: [{ name: '_pk_id', duration: '13 months', description: 'visitor id' }],
              },
            ],
          },
        ],
        ai: {
          notice: true,
          title: 'AI',
          text: 'We use AI',
          providers: ['OpenAI'],
          chatSelector: '#chat',
          contentSelector: '[data-ai]',
          learnMoreUrl: '/ai',
          humanReview: 'mailto:review@example.com',
          optOut: true,
        },
        googleConsentMode: {
          waitForUpdate: 500,
          region: ['DE', 'US-CA'],
          adsDataRedaction: true,
          urlPassthrough: false,
          map: { stats_2: ['analytics_storage' as const] },
        },
        consentLogUrl: '/consent-log',
        cookieName: 'my_consent',
        cookieDomain: '.example.com',
        ui: { position: 'center' as const, theme: 'dark' as const, floatingButton: false },
      };
      const result = parseConfig(config);
      expect(result.errors).toEqual([]);
      expect(result.value).toEqual(config);
    });

    it('should not modify the object it was given', () => {
      const input = { policyUrl: '/p', bogus: 1, ui: { position: 'top' } };
      parseConfig(input);
      expect(input).toEqual({ policyUrl: '/p', bogus: 1, ui: { position: 'top' } });
    });
  });

  describe('non-object input', () => {
    it.each([
      ['an array', [1, 2]],
      ['a string', '{"policyUrl":"/p"}'],
      ['a number', 42],
      ['a boolean', true],
      ['a function', () => ({ policyUrl: '/p' })],
    ])('should report %s as "(config): must be an object" without throwing', (_name, input) => {
      expect(parseConfig(input)).toEqual({ value: {}, errors: ['(config): must be an object'] });
    });
  });

  describe('unknown keys', () => {
    it('should report an unknown top-level key and keep the rest', () => {
      const result = parseConfig({ policyUrl: '/p', policyURL: '/q' });
      expect(result.errors).toEqual(['policyURL: unknown key']);
      expect(result.value).toEqual({ policyUrl: '/p' });
    });

    it.each([
      ['ui', { ui: { positon: 'center' } }, 'ui.positon'],
      ['ai', { ai: { learnMore: '/x' } }, 'ai.learnMore'],
      ['googleConsentMode', { googleConsentMode: { wait: 1 } }, 'googleConsentMode.wait'],
    ])('should report an unknown key in %s by path', (_name, input, path) => {
      const result = parseConfig({ policyUrl: '/p', ...input });
      expect(result.errors).toEqual([`${path}: unknown key`]);
      expect(result.value.policyUrl).toBe('/p');
    });

    it('should report an unknown key in categories[i] and drop that category whole', () => {
      const result = parseConfig({ categories: [{ id: 'a' }, { id: 'b', requierd: true }] });
      expect(result.errors).toEqual(['categories[1].requierd: unknown key']);
      expect(result.value.categories).toEqual([{ id: 'a' }]);
    });

    it('should report an unknown key in a service and in a service cookie', () => {
      const result = parseConfig({
        categories: [
          { id: 'a', services: [{ name: 'S', url: '/x', cookies: [{ name: 'c', duration: '1d', expires: 1 }] }] },
          { id: 'b' },
        ],
      });
      expect(result.errors).toContain('categories[0].services[0].url: unknown key');
      expect(result.errors).toContain('categories[0].services[0].cookies[0].expires: unknown key');
      expect(result.value.categories).toEqual([{ id: 'b' }]);
    });

    it('should report several unknown keys in one object, each on its own line', () => {
      const result = parseConfig({ a: 1, b: 2, ui: { c: 3 } });
      expect(result.errors).toHaveLength(3);
      expect(result.errors).toEqual(expect.arrayContaining(['a: unknown key', 'b: unknown key', 'ui.c: unknown key']));
    });

    // Bug (fixed): a JSON config (`#candor-config`, or JSON.parse in page code) with a
    // "__proto__" key was not reported as unknown; its contents became the config's prototype
    // and zod, which checked the config then, read them as if the owner had written them at
    // the top level.
    it('should report a "__proto__" key from JSON as unknown and not apply its contents', () => {
      const result = parseConfig(JSON.parse('{"policyUrl":"/p","__proto__":{"revision":"7"}}'));
      expect(result.errors).toEqual(['__proto__: unknown key']);
      expect(result.value).toEqual({ policyUrl: '/p' });
    });
  });

  describe('wrong types', () => {
    it.each([
      ['policyUrl', 5],
      ['cookiePolicyUrl', true],
      ['imprintUrl', {}],
      ['revision', true],
      ['consentMaxAgeDays', '30'],
      ['lang', 5],
      ['texts', []],
      ['mode', 1],
      ['respectDoNotTrack', 'yes'],
      ['respectGlobalPrivacyControl', 0],
      ['categories', 'analytics'],
      ['ai', 'yes'],
      ['googleConsentMode', 'yes'],
      ['consentLogUrl', 1],
      ['cookieName', 1],
      ['cookieDomain', []],
      ['ui', []],
    ])('should report top-level %s of the wrong type and drop it', (key, bad) => {
      const result = parseConfig({ policyUrl: '/ok', [key]: bad });
      if (key === 'policyUrl') {
        expect(result.value).toEqual({});
      } else {
        expect(result.value).toEqual({ policyUrl: '/ok' });
      }
      expect(paths(result.errors)).toEqual([key]);
    });

    it.each([
      ['position', 'top'],
      ['theme', 'blue'],
      ['floatingButton', 'no'],
    ])('should report ui.%s of the wrong type or value', (key, bad) => {
      const result = parseConfig({ ui: { position: 'bottom-left', [key]: bad } });
      expect(paths(result.errors)).toEqual([`ui.${key}`]);
      expect(result.value.ui).toEqual(key === 'position' ? {} : { position: 'bottom-left' });
    });

    it('should name the allowed values for enums', () => {
      expect(parseConfig({ mode: 'opt_in' }).errors).toEqual(['mode: must be one of "opt-in", "opt-out"']);
      expect(parseConfig({ ui: { position: 'top' } }).errors).toEqual([
        'ui.position: must be one of "bottom", "bottom-left", "bottom-right", "center"',
      ]);
      expect(parseConfig({ ui: { theme: 'blue' } }).errors).toEqual(['ui.theme: must be one of "light", "dark", "auto"']);
    });

    it.each([
      ['notice', 'yes'],
      ['title', ''],
      ['text', 1],
      ['providers', 'OpenAI'],
      ['chatSelector', '[['],
      ['contentSelector', '  '],
      ['learnMoreUrl', 'javascript:alert(1)'],
      ['humanReview', 'tel:123'],
      ['optOut', 1],
    ])('should report ai.%s of the wrong type or value', (key, bad) => {
      const result = parseConfig({ ai: { providers: ['A'], [key]: bad } });
      expect(paths(result.errors)).toEqual([`ai.${key}`]);
      expect(result.value.ai).toEqual(key === 'providers' ? {} : { providers: ['A'] });
    });

    it('should report an empty provider name by index', () => {
      expect(parseConfig({ ai: { providers: ['A', ''] } }).errors).toEqual(['ai.providers[1]: must be 1 to 100 characters']);
    });

    it.each([
      ['label', ''],
      ['label', 'x'.repeat(201)],
      ['description', 5],
      ['description', 'x'.repeat(2001)],
      ['required', 'true'],
      ['tracking', 1],
      ['cookies', '_ga'],
      ['storage', { key: 1 }],
      ['services', {}],
    ])('should report categories[i].%s = %j and drop that category only', (key, bad) => {
      const result = parseConfig({ categories: [{ id: 'a' }, { id: 'b', [key]: bad }, { id: 'c' }] });
      expect(paths(result.errors)).toEqual([`categories[1].${key}`]);
      expect(result.value.categories).toEqual([{ id: 'a' }, { id: 'c' }]);
    });

    it('should report a non-object category', () => {
      const result = parseConfig({ categories: [{ id: 'a' }, 'b'] });
      expect(paths(result.errors)).toEqual(['categories[1]']);
      expect(result.value.categories).toEqual([{ id: 'a' }]);
    });

    it.each([
      ['name', ''],
      ['provider', 5],
      ['purpose', false],
      ['cookies', 'x'],
    ])('should report services[i].%s of the wrong type', (key, bad) => {
      const result = parseConfig({ categories: [{ id: 'a', services: [{ name: 'S', [key]: bad }] }, { id: 'b' }] });
      expect(paths(result.errors)).toEqual([`categories[0].services[0].${key}`]);
      expect(result.value.categories).toEqual([{ id: 'b' }]);
    });

    it('should report a service cookie without a name or a duration', () => {
      const result = parseConfig({
        categories: [{ id: 'a', services: [{ name: 'S', cookies: [{ name: '', duration: '1d' }, { name: 'c' }] }] }],
      });
      expect(paths(result.errors)).toEqual(
        expect.arrayContaining(['categories[0].services[0].cookies[0].name', 'categories[0].services[0].cookies[1].duration']),
      );
    });

    it('should report cookieName and cookieDomain that do not fit', () => {
      const result = parseConfig({ cookieName: 'my consent', cookieDomain: 'localhost' });
      expect(result.errors).toEqual([
        'cookieName: must be 1 to 64 letters, digits, "_" or "-"',
        'cookieDomain: must be a domain name such as "example.com"',
      ]);
      expect(result.value).toEqual({});
    });

    it.each([
      [{ waitForUpdate: -1 }, 'googleConsentMode.waitForUpdate: must be a whole number from 0 to 60000'],
      [{ waitForUpdate: 60001 }, 'googleConsentMode.waitForUpdate: must be a whole number from 0 to 60000'],
      [{ region: ['de'] }, 'googleConsentMode.region[0]: must be an ISO 3166 code such as "DE" or "US-CA"'],
    ])('should report the googleConsentMode option %j by path and drop it', (bad, error) => {
      const result = parseConfig({ policyUrl: '/p', googleConsentMode: bad });
      expect(result.errors).toEqual([error]);
      expect(result.value.googleConsentMode).not.toHaveProperty(Object.keys(bad)[0]!, Object.values(bad)[0]);
    });

    // Bug (fixed): googleConsentMode is a union (boolean | options). When an option had the
    // wrong type, zod (which checked the config then) reported one `invalid_union` issue at
    // "googleConsentMode" with the message "Invalid input", so the owner was not told which
    // option was wrong (SPEC §2: "lists every problem by path"), and the whole object was dropped.
    it.each([
      [{ adsDataRedaction: 'yes' }, 'googleConsentMode.adsDataRedaction'],
      [{ map: { analytics: ['analytics'] } }, 'googleConsentMode.map.analytics[0]'],
    ])('should name the bad googleConsentMode option %j by path', (bad, path) => {
      const result = parseConfig({ policyUrl: '/p', googleConsentMode: bad });
      expect(paths(result.errors)).toEqual([path]);
      expect(result.value.policyUrl).toBe('/p');
    });

    // true/false are normalised to `{ enabled }` so that option problems keep their path.
    it('should accept googleConsentMode true and false', () => {
      expect(parseConfig({ googleConsentMode: false })).toEqual({ value: { googleConsentMode: { enabled: false } }, errors: [] });
      expect(parseConfig({ googleConsentMode: true })).toEqual({ value: { googleConsentMode: { enabled: true } }, errors: [] });
    });
  });

  describe('categories', () => {
    it('should report a bad category id with the exact message and keep the others', () => {
      const result = parseConfig({ categories: [{ id: 'necessary', required: true }, { id: 'analytics' }, { id: 'Marketing' }] });
      expect(result.errors).toEqual([`categories[2].id: ${ID_MESSAGE}`]);
      expect(result.value.categories).toEqual([{ id: 'necessary', required: true }, { id: 'analytics' }]);
    });

    it.each(['', '1abc', '_a', 'a b', 'a.b', 'ä', 'a'.repeat(41)])('should refuse the category id %j', (id) => {
      const result = parseConfig({ categories: [{ id }, { id: 'ok' }] });
      expect(result.errors).toEqual([`categories[0].id: ${ID_MESSAGE}`]);
      expect(result.value.categories).toEqual([{ id: 'ok' }]);
    });

    it.each(['a', 'a1', 'a_b', 'a-b', 'a'.repeat(40)])('should accept the category id %j', (id) => {
      expect(parseConfig({ categories: [{ id }] }).errors).toEqual([]);
    });

    it('should report a missing category id', () => {
      const result = parseConfig({ categories: [{ label: 'X' }, { id: 'ok' }] });
      expect(paths(result.errors)).toEqual(['categories[0].id']);
      expect(result.value.categories).toEqual([{ id: 'ok' }]);
    });

    it('should say which required key is missing, at every level, and drop that category', () => {
      const result = parseConfig({
        categories: [
          { label: 'X' },
          { id: 'a', services: [{ provider: 'P' }] },
          { id: 'b', services: [{ name: 'S', cookies: [{ name: 'c' }] }] },
          { id: 'ok' },
        ],
      });
      expect(result.errors).toEqual([
        'categories[0].id: is required',
        'categories[1].services[0].name: is required',
        'categories[2].services[0].cookies[0].duration: is required',
      ]);
      expect(result.value.categories).toEqual([{ id: 'ok' }]);
    });

    it('should report a required key given as undefined once, as missing', () => {
      expect(parseConfig({ categories: [{ id: undefined }, { id: 'ok' }] }).errors).toEqual(['categories[0].id: is required']);
    });

    it.each([
      ['a category', { categories: ['analytics', { id: 'ok' }] }, 'categories[0]: must be an object, not text'],
      ['a service', { categories: [{ id: 'a', services: [1] }, { id: 'ok' }] }, 'categories[0].services[0]: must be an object, not a number'],
      ['ui', { ui: [] }, 'ui: must be an object, not a list'],
      ['ai', { ai: null }, 'ai: must be an object, not null'],
      ['one language of texts', { texts: { de: 'Hallo' } }, 'texts.de: must be an object, not text'],
    ])('should name what was given instead of an object for %s', (_name, input, line) => {
      expect(parseConfig({ policyUrl: '/p', ...input }).errors).toEqual([line]);
    });

    it('should report a duplicate category id and keep the first one', () => {
      const result = parseConfig({ categories: [{ id: 'a', label: 'First' }, { id: 'b' }, { id: 'a', label: 'Second' }] });
      expect(result.errors).toEqual(['categories[2].id: "a" is listed twice']);
      expect(result.value.categories).toEqual([{ id: 'a', label: 'First' }, { id: 'b' }]);
    });

    // Bug: duplicates are looked for after invalid categories were removed, so the reported
    // index is the one in the pruned list, not in what the owner wrote.
    it('should report a duplicate by its index in the config as written, even after an invalid category', () => {
      const result = parseConfig({ categories: [{ id: 'Bad' }, { id: 'a' }, { id: 'a' }] });
      expect(result.errors).toEqual([`categories[0].id: ${ID_MESSAGE}`, 'categories[2].id: "a" is listed twice']);
      expect(result.value.categories).toEqual([{ id: 'a' }]);
    });

    it('should report an empty categories array and drop it', () => {
      const result = parseConfig({ policyUrl: '/p', categories: [] });
      expect(result.errors).toEqual(['categories: must list at least one category']);
      expect(result.value).toEqual({ policyUrl: '/p' });
    });

    it('should drop the categories key when every listed category is invalid', () => {
      const result = parseConfig({ policyUrl: '/p', categories: [{ id: 'X' }] });
      expect(result.errors[0]).toBe(`categories[0].id: ${ID_MESSAGE}`);
      expect(result.value).toEqual({ policyUrl: '/p' });
    });
  });

  describe('URLs', () => {
    const BAD_URLS = [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example/privacy',
      '  javascript:alert(1)',
      '\tjavascript:alert(1)',
      'java\nscript:alert(1)',
      'java\u0000script:alert(1)',
      '/privacy\u0007',
      '/\\evil.example',
      'https://',
      'ftp://example.com/p',
      'privacy.html',
      '',
      `https://example.com/${'a'.repeat(2048)}`,
    ];

    /** [name, config with the URL in that field, path, what remains once the URL is dropped] */
    const fields: [string, (url: string) => Record<string, unknown>, string, unknown][] = [
      ['policyUrl', (u) => ({ policyUrl: u }), 'policyUrl', {}],
      ['cookiePolicyUrl', (u) => ({ cookiePolicyUrl: u }), 'cookiePolicyUrl', {}],
      ['imprintUrl', (u) => ({ imprintUrl: u }), 'imprintUrl', {}],
      ['consentLogUrl', (u) => ({ consentLogUrl: u }), 'consentLogUrl', {}],
      ['ai.learnMoreUrl', (u) => ({ ai: { learnMoreUrl: u } }), 'ai.learnMoreUrl', { ai: {} }],
      [
        'services privacyUrl',
        (u) => ({ categories: [{ id: 'a', services: [{ name: 'S', privacyUrl: u }] }, { id: 'b' }] }),
        'categories[0].services[0].privacyUrl',
        { categories: [{ id: 'b' }] },
      ],
    ];

    describe.each(fields)('%s', (_name, build, path, remains) => {
      it.each(BAD_URLS)('should refuse %j', (url) => {
        const result = parseConfig(build(url));
        expect(result.errors).toEqual([`${path}: ${URL_MESSAGE}`]);
        expect(result.value).toEqual(remains);
      });

      it.each(['https://example.com/privacy', 'http://example.com', 'HTTPS://EXAMPLE.COM/p?x=1#y', '/privacy', '/'])(
        'should accept %j',
        (url) => {
          const result = parseConfig(build(url));
          expect(result.errors).toEqual([]);
          expect(JSON.stringify(result.value)).toContain(url);
        },
      );
    });

    it('should accept a mailto: address for ai.humanReview', () => {
      const result = parseConfig({ ai: { humanReview: 'mailto:review@example.com' } });
      expect(result).toEqual({ value: { ai: { humanReview: 'mailto:review@example.com' } }, errors: [] });
    });

    it('should accept an https URL and a root-relative path for ai.humanReview', () => {
      expect(parseConfig({ ai: { humanReview: 'https://example.com/review' } }).errors).toEqual([]);
      expect(parseConfig({ ai: { humanReview: '/review' } }).errors).toEqual([]);
    });

    it.each(['mailto:', 'mailto:a b@example.com', 'javascript:alert(1)', 'data:,x', ' mailto:a@example.com'])(
      'should refuse %j for ai.humanReview',
      (value) => {
        const result = parseConfig({ ai: { humanReview: value } });
        expect(result.errors).toEqual(['ai.humanReview: must be a mailto: address, an http(s) URL or a root-relative path']);
        expect(result.value).toEqual({ ai: {} });
      },
    );

    it('should refuse mailto: for policyUrl', () => {
      expect(paths(parseConfig({ policyUrl: 'mailto:dpo@example.com' }).errors)).toEqual(['policyUrl']);
    });
  });

  describe('consentMaxAgeDays', () => {
    const MESSAGE = 'consentMaxAgeDays: must be a whole number of days from 1 to 395 (13 months)';

    it.each([0, 396, 1.5, -1])('should refuse %s', (days) => {
      const result = parseConfig({ consentMaxAgeDays: days });
      expect(result.errors).toEqual([MESSAGE]);
      expect(result.value).toEqual({});
    });

    it.each([Number.NaN, Number.POSITIVE_INFINITY, '30', null])('should refuse %j', (days) => {
      const result = parseConfig({ consentMaxAgeDays: days });
      expect(paths(result.errors)).toEqual(['consentMaxAgeDays']);
      expect(result.value).toEqual({});
    });

    it.each([1, 182, 395])('should accept %s', (days) => {
      expect(parseConfig({ consentMaxAgeDays: days })).toEqual({ value: { consentMaxAgeDays: days }, errors: [] });
    });
  });

  describe('revision', () => {
    const MESSAGE = 'revision: must be a whole number or 1 to 40 letters, digits, ".", "_" or "-"';

    it.each([0, 3, '1', '2024-05-01', 'v2.1_b', 'x'.repeat(40)])('should accept %j', (revision) => {
      expect(parseConfig({ revision })).toEqual({ value: { revision }, errors: [] });
    });

    it.each([-1, 1.5, Number.NaN, '', 'a b', 'x'.repeat(41), 'v1/2', true, null, {}])('should refuse %j', (revision) => {
      const result = parseConfig({ revision });
      expect(result.errors).toEqual([MESSAGE]);
      expect(result.value).toEqual({});
    });
  });

  describe('lang', () => {
    it.each(['auto', 'de', 'de-AT', 'zh-Hant-TW', 'fil'])('should accept %j', (lang) => {
      expect(parseConfig({ lang }).errors).toEqual([]);
    });

    it.each(['', 'german', 'd', 'de_AT', 'de-', 'AUTO '])('should refuse %j', (lang) => {
      expect(parseConfig({ lang }).errors).toEqual(['lang: must be "auto" or a language code such as "de"']);
    });
  });

  describe('texts', () => {
    it('should accept overrides for known keys', () => {
      const texts = { de: { acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen' }, 'en-GB': { customize: 'Customise' } };
      expect(parseConfig({ texts })).toEqual({ value: { texts }, errors: [] });
    });

    it('should report an unknown text key by path and drop only that key', () => {
      const result = parseConfig({ texts: { de: { acceptAll: 'Alle akzeptieren', acceptALL: 'x' } } });
      expect(paths(result.errors)).toEqual(['texts.de.acceptALL']);
      expect(result.value).toEqual({ texts: { de: { acceptAll: 'Alle akzeptieren' } } });
    });

    // Bug (fixed): zod, which checked the config then, wrapped a record key failure in an
    // `invalid_key` issue whose message was "Invalid input", so the schema's own message for
    // unknown text keys never reached the owner.
    it('should explain that an unknown text key is not a text key', () => {
      const result = parseConfig({ texts: { de: { acceptALL: 'x' } } });
      expect(result.errors).toEqual(['texts.de.acceptALL: is not a text key (see the README for the list)']);
    });

    it('should report a non-string text and drop it', () => {
      const result = parseConfig({ texts: { de: { acceptAll: 5, rejectAll: 'Alle ablehnen' } } });
      expect(paths(result.errors)).toEqual(['texts.de.acceptAll']);
      expect(result.value).toEqual({ texts: { de: { rejectAll: 'Alle ablehnen' } } });
    });

    it('should report a text longer than 4000 characters', () => {
      const result = parseConfig({ texts: { en: { bannerText: 'x'.repeat(4001) } } });
      expect(result.errors).toEqual(['texts.en.bannerText: must be at most 4000 characters']);
    });

    it('should report a language key that is not a language code', () => {
      const result = parseConfig({ texts: { german: { acceptAll: 'x' }, de: { acceptAll: 'y' } } });
      expect(paths(result.errors)).toEqual(['texts.german']);
      expect(result.value).toEqual({ texts: { de: { acceptAll: 'y' } } });
    });

    it('should report a language entry that is not an object', () => {
      const result = parseConfig({ texts: { de: 'Alle akzeptieren' } });
      expect(paths(result.errors)).toEqual(['texts.de']);
    });
  });

  describe('cookie and storage patterns', () => {
    it.each(['/[/', '/(/', '/a(/i', 'a b', 'a;b', 'a=b', 'a,b', `x${'y'.repeat(300)}`])(
      'should refuse the pattern %j',
      (pattern) => {
        const result = parseConfig({ categories: [{ id: 'a', cookies: ['_ok', pattern] }, { id: 'b', storage: [pattern] }, { id: 'c' }] });
        expect(result.errors).toEqual([
          'categories[0].cookies[1]: must be a name, a "prefix*" or a "/regex/" that compiles',
          'categories[1].storage[0]: must be a name, a "prefix*" or a "/regex/" that compiles',
        ]);
        expect(result.value.categories).toEqual([{ id: 'c' }]);
      },
    );

    it.each(['_gid', '_ga*', '/^_hj.*$/', '/^ajs_/i', '__Host-x'])('should accept the pattern %j', (pattern) => {
      expect(parseConfig({ categories: [{ id: 'a', cookies: [pattern], storage: [pattern] }] }).errors).toEqual([]);
    });
  });

  describe('isValidPattern()', () => {
    it('should compile "/regex/" patterns and refuse those that do not compile', () => {
      expect(isValidPattern('/^_hj.*$/')).toBe(true);
      expect(isValidPattern('/[/')).toBe(false);
      expect(isValidPattern('/a)/i')).toBe(false);
    });

    it('should refuse names with whitespace, ";", "," or "="', () => {
      for (const p of ['a b', 'a\tb', 'a;b', 'a,b', 'a=b']) expect(isValidPattern(p), p).toBe(false);
    });
  });

  describe('valid parts survive', () => {
    it('should keep every valid field next to many invalid ones, and report each problem once', () => {
      const result = parseConfig({
        policyUrl: '/privacy',
        imprintUrl: 'javascript:alert(1)',
        revision: '3',
        consentMaxAgeDays: 0,
        mode: 'opt-out',
        categories: [{ id: 'necessary', required: true }, { id: 'Bad' }, { id: 'analytics', cookies: ['/[/'] }, { id: 'marketing' }],
        ui: { position: 'center', theme: 'neon' },
        typo: true,
      });
      expect(result.value).toEqual({
        policyUrl: '/privacy',
        revision: '3',
        mode: 'opt-out',
        categories: [{ id: 'necessary', required: true }, { id: 'marketing' }],
        ui: { position: 'center' },
      });
      expect([...paths(result.errors)].sort()).toEqual(
        ['categories[1].id', 'categories[2].cookies[0]', 'consentMaxAgeDays', 'imprintUrl', 'typo', 'ui.theme'].sort(),
      );
      expect(new Set(result.errors).size).toBe(result.errors.length);
    });
  });

  describe('exotic input never throws', () => {
    it('should report an object whose getter throws, without throwing', () => {
      const input = {
        get policyUrl(): string {
          throw new Error('boom');
        },
      };
      expect(() => parseConfig(input)).not.toThrow();
      const result = parseConfig(input);
      expect(result.value).toEqual({});
      expect(result.errors.length).toBeGreaterThan(0);
    });

    it('should not throw for a proxy whose ownKeys trap throws', () => {
      const input = new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('boom');
          },
        },
      );
      const result = parseConfig(input);
      expect(result.value).toEqual({});
      expect(result.errors.length).toBeGreaterThan(0);
    });

    // Bug: `isPlainObject(input)` runs Array.isArray outside the try block, and
    // Array.isArray throws a TypeError on a revoked proxy.
    it('should not throw for a revoked proxy', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      let result: ReturnType<typeof parseConfig> | undefined;
      expect(() => {
        result = parseConfig(proxy);
      }).not.toThrow();
      expect(result?.value).toEqual({});
      expect(result?.errors.length).toBeGreaterThan(0);
    });

    it('should not throw for a nested revoked proxy', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      const result = parseConfig({ policyUrl: '/p', ui: proxy });
      expect(result.errors.length).toBeGreaterThan(0);
    });

    // Bug (issue 7): a cycle was copied 20 levels deep, branching at every key that led back.
    it('should report a cyclic object once, at the key that leads back, and keep the rest', () => {
      const input: Record<string, unknown> = { policyUrl: '/p' };
      input.ui = input;
      const result = parseConfig(input);
      expect(result.value).toEqual({ policyUrl: '/p' });
      expect(result.errors).toEqual([`ui: ${CIRCULAR}`]);
    });

    // Bug: the schemas built so far were kept on a plain object, so a hidden
    // `Object.prototype.required` read as the schema of `required` and nothing validated.
    it('should return objects without a prototype at every level, and never the input objects', () => {
      const input = { policyUrl: '/p', ui: { theme: 'dark' }, categories: [{ id: 'a', services: [{ name: 'S', cookies: [{ name: 'c', duration: '1d' }] }] }] };
      const { value, errors } = parseConfig(input);
      expect(errors).toEqual([]);
      const service = value.categories![0]!.services![0]!;
      for (const o of [value, value.ui, value.categories![0], service, service.cookies![0]]) expect(Object.getPrototypeOf(o)).toBeNull();
      expect(value.ui).not.toBe(input.ui);
      expect(value.categories![0]).not.toBe(input.categories[0]);
    });

    it('should validate normally when config key names are hidden on Object.prototype', () => {
      const keys = ['required', 'id', 'policyUrl', 'categories', 'name', 'notice'];
      for (const k of keys) Object.defineProperty(Object.prototype, k, { value: true, configurable: true, writable: true });
      try {
        const result = parseConfig({ policyUrl: '/p', categories: [{ id: 'a', required: true, services: [{ name: 'S' }] }], ai: { notice: false } });
        expect(result.errors).toEqual([]);
        expect(result.value.categories).toEqual([{ id: 'a', required: true, services: [{ name: 'S' }] }]);
      } finally {
        for (const k of keys) delete (Object.prototype as Record<string, unknown>)[k];
      }
    });

    it('should not throw for symbols, bigints, class instances and deep nesting', () => {
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < 100; i++) deep = { ui: deep };
      for (const input of [
        { policyUrl: Symbol('x') },
        { revision: 10n },
        { categories: [new Date()] },
        { ai: new Map() },
        Object.create(null) as object,
        deep,
        { [Symbol('k')]: 1, policyUrl: '/p' },
      ]) {
        expect(() => parseConfig(input)).not.toThrow();
      }
    });
  });
});

// Issue 7: the page builds the config object, and may build it so that a naive deep copy
// never ends (a cycle through several keys branches at each of them) or takes exponential
// time (shared references). Work is counted through getters, never timed.
describe('parseConfig() on hostile structure', () => {
  /**
   * Counts a read. Past twice the bound it throws, so that a copy without the bound fails
   * the test (the throw ends that branch) instead of running for hours.
   */
  function tick(reads: { n: number }): void {
    if (++reads.n > 2 * MAX_VALUES) throw new Error('runaway copy');
  }

  /** An object whose every key is a getter that counts its reads. */
  function counted(shape: Record<string, () => unknown>, reads: { n: number }): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const [k, get] of Object.entries(shape)) {
      Object.defineProperty(o, k, { enumerable: true, get: () => (tick(reads), get()) });
    }
    return o;
  }

  it('the auditor\'s page (o.ai = o.ui = o.texts = o) reads each key once and reports each path once', () => {
    const reads = { n: 0 };
    const o: Record<string, unknown> = counted({ policyUrl: () => '/privacy', ai: () => o, ui: () => o, texts: () => o }, reads);
    const { config, errors } = readConfig({ global: o });
    expect(reads.n).toBe(4);
    expect(errors).toEqual(['ai', 'ui', 'texts'].map((k) => `window.CandorConfig.${k}: ${CIRCULAR}`));
    expect(config.policyUrl).toBe('/privacy');
    expect(config.degraded).toBe(true);
    expect(config.ai).toBeUndefined();
  });

  it('a cycle inside a list drops the list and is reported once, at the entry', () => {
    const category: Record<string, unknown> = { id: 'stats' };
    category.services = [category];
    const { value, errors } = parseConfig({ policyUrl: '/p', categories: [{ id: 'necessary' }, category] });
    expect(errors).toEqual([`categories[1].services[0]: ${CIRCULAR}`]);
    // the list that held it is gone whole, so no index moved
    expect(value.categories).toEqual([{ id: 'necessary' }, { id: 'stats' }]);
  });

  it('the same object used twice (not a cycle) is copied twice and is valid', () => {
    const cookies = ['_stats'];
    const { value, errors } = parseConfig({ policyUrl: '/p', categories: [{ id: 'a', cookies }, { id: 'b', cookies }] });
    expect(errors).toEqual([]);
    expect(value.categories).toEqual([{ id: 'a', cookies: ['_stats'] }, { id: 'b', cookies: ['_stats'] }]);
  });

  // Bug: sharing one object at each level doubled the copy's work per level (4^15 here).
  it('references shared at every level stop after a bounded number of reads, with one error', () => {
    const reads = { n: 0 };
    let node: unknown = { leaf: true };
    for (let i = 0; i < 15; i++) {
      const child = node;
      node = counted({ a: () => child, b: () => child, c: () => child, d: () => child }, reads);
    }
    const { errors } = parseConfig({ policyUrl: '/p', ui: node });
    expect(reads.n).toBeLessThanOrEqual(MAX_VALUES);
    // one line for the size; the rest are the schema's (`ui` has no key `a`), each once
    expect(errors.filter((e) => e.endsWith(TOO_LARGE))).toEqual([expect.stringMatching(/^ui(\.[abcd])+: /)]);
    expect(errors).toContain('ui.a: unknown key');
    expect(new Set(errors).size).toBe(errors.length);
  });

  it('a list of a million entries is refused at its path before any entry is read', () => {
    const reads = { n: 0 };
    const huge = new Proxy(new Array(1_000_000).fill('_x'), {
      get: (t, k) => (typeof k === 'string' && /^\d+$/.test(k) && reads.n++, Reflect.get(t, k)),
    });
    const { value, errors } = parseConfig({ policyUrl: '/p', categories: [{ id: 'necessary', cookies: huge }] });
    expect(reads.n).toBe(0);
    expect(errors).toEqual([`categories[0].cookies: ${TOO_LARGE}`]);
    expect(value.categories).toEqual([{ id: 'necessary' }]);
  });

  it('nesting deeper than 20 levels is reported once, at the 21st', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 1000; i++) deep = [deep];
    const { value, errors } = parseConfig({ policyUrl: '/p', ai: { providers: deep } });
    expect(errors).toEqual([`ai.providers${'[0]'.repeat(19)}: ${TOO_LARGE}`]);
    expect(value).toEqual({ policyUrl: '/p', ai: {} });
  });

  // Bug: each problem was checked against every line before it (`errors.includes`), so a
  // list of many invalid entries cost time quadratic in its length.
  it('thousands of invalid entries are each reported once, without rescanning earlier lines', () => {
    const n = 3000;
    const categories = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, bogus: 1 }));
    const includes = vi.spyOn(Array.prototype, 'includes');
    const indexOf = vi.spyOn(Array.prototype, 'indexOf');
    let errors: string[];
    try {
      ({ errors } = parseConfig({ policyUrl: '/p', categories }));
    } finally {
      vi.restoreAllMocks();
    }
    const scanned = [...includes.mock.contexts, ...indexOf.mock.contexts].reduce<number>((sum, self) => sum + ((self as unknown[]).length ?? 0), 0);
    expect(errors).toHaveLength(n + 1);
    expect(new Set(errors).size).toBe(n + 1);
    expect(errors[n]).toBe('categories: must list at least one category');
    // linear in n (a rescan per line would be about n * n / 2 = 4.5 million)
    expect(scanned).toBeLessThan(100 * n);
  });

  it('any tree of shared and cyclic references: never throws, each line once, bounded reads (fast-check)', () => {
    // A random graph of objects and lists whose edges may point anywhere, cycles included.
    const graph = fc.array(fc.tuple(fc.boolean(), fc.array(fc.nat(12), { maxLength: 6 })), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(graph, fc.constantFrom('ui', 'ai', 'texts', 'categories', 'other'), (nodes, key) => {
        const reads = { n: 0 };
        const built: unknown[] = [];
        nodes.forEach(([isList, edges]) => {
          const get = (j: number) => () => built[j % nodes.length];
          if (isList) {
            const list: unknown[] = [];
            edges.forEach((j, i) => Object.defineProperty(list, i, { enumerable: true, get: () => (tick(reads), get(j)()) }));
            built.push(list);
          } else {
            built.push(counted(Object.fromEntries(edges.map((j, i) => [`k${i}`, get(j)])), reads));
          }
        });
        const result = parseConfig({ policyUrl: '/p', [key]: built[0] });
        expect(new Set(result.errors).size).toBe(result.errors.length);
        expect(reads.n).toBeLessThanOrEqual(MAX_VALUES);
      }),
      { numRuns: 200 },
    );
  });
});

// Found in review of the change that made zod's output the validated copy itself: whatever a
// page does to its arrays or to Object.prototype, the copy holds only what was checked.
describe('parseConfig() against a page that shapes its own arrays or Object.prototype', () => {
  it('copies a list by index: its own `keys` and an enumerable `__proto__` add nothing', () => {
    const held = { id: 'analytics', required: true, defaultGranted: true, cookies: ['bad;pattern='] };
    const keys = function () {
      return [0, '__proto__', 'evil'][Symbol.iterator]();
    };
    const fns = { map: () => [held], keys, forEach: Array.prototype.forEach };
    const inner = Object.assign(Object.create(null), fns);
    const proto = Object.assign(Object.create(null), fns);
    proto['__proto__'] = inner;
    const list: unknown[] = [{ id: 'necessary' }];
    Object.defineProperty(list, '__proto__', { value: proto, enumerable: true });
    Object.assign(list, { keys, evil: () => held });
    const { config, errors } = readConfig({ global: { policyUrl: '/p', categories: list } });
    expect(errors).toEqual([]);
    expect(config.categories.map((c) => c.id)).toEqual(['necessary']);
    const { value } = parseConfig({ categories: list });
    expect(Object.getPrototypeOf(value.categories)).toBe(Array.prototype);
    expect(Object.keys(value.categories!)).toEqual(['0']);
  });

  it('stays bounded when a list\'s `keys` never ends', () => {
    const list: unknown[] = [{ id: 'a' }];
    (list as unknown as { keys: () => Iterator<number> }).keys = function* () {
      for (;;) yield 0;
    };
    expect(parseConfig({ categories: list }).value.categories).toEqual([{ id: 'a' }]);
  });

  // (zod, which did the checking before, skipped every check when its parse state read one of
  // these as true, so a polluted Object.prototype switched validation off.)
  it.each(['skipChecks', 'memo', 'aborted', 'required', 'optional'])('still checks everything when Object.prototype.%s is true', (key) => {
    Object.defineProperty(Object.prototype, key, { value: true, configurable: true, writable: true });
    try {
      const result = parseConfig({ policyUrl: 'javascript:alert(1)', ui: 'x', categories: [{ id: 5 }] });
      expect(result.value).toEqual({});
      expect(result.errors).toEqual([
        'policyUrl: must be an http(s) URL or a root-relative path (starting with "/")',
        'ui: must be an object, not text',
        'categories[0].id: must be text, not a number',
        'categories: must list at least one category',
      ]);
    } finally {
      delete (Object.prototype as Record<string, unknown>)[key];
    }
    expect(parseConfig({ policyUrl: '/p' })).toEqual({ value: { policyUrl: '/p' }, errors: [] });
  });

  // Found in review of the change that replaced zod: these broke the checks themselves.
  it('fails closed when the page replaced a built-in the checks use (Array.prototype.push, the array iterator)', () => {
    const bad = { policyUrl: 'javascript:alert(1)', categories: [{ id: 'analytics', required: 'yes' }] };
    const { push } = Array.prototype;
    const iterator = Array.prototype[Symbol.iterator];
    let noPush: ReturnType<typeof parseConfig>;
    let noIterator: ReturnType<typeof parseConfig>;
    try {
      Array.prototype.push = function () {
        return this.length;
      };
      noPush = parseConfig(bad);
    } finally {
      Array.prototype.push = push;
    }
    try {
      Array.prototype[Symbol.iterator] = function* () {} as never;
      noIterator = parseConfig(bad);
    } finally {
      Array.prototype[Symbol.iterator] = iterator;
    }
    expect(noPush).toEqual({ value: {}, errors: ['(config): could not be validated on this page'] });
    expect(noIterator.value).toEqual({});
    expect(noIterator.errors).toContain('(config): could not be validated on this page');
  });

  it('keeps error paths its own when Object.prototype.path is set', () => {
    Object.defineProperty(Object.prototype, 'path', { value: ['X'], configurable: true, writable: true, enumerable: true });
    let result: ReturnType<typeof parseConfig>;
    try {
      result = parseConfig({ policyUrl: '/p', bogus: 1, ui: { extra: 2 }, texts: { en: { nope: 'x' } } });
    } finally {
      delete (Object.prototype as Record<string, unknown>).path;
    }
    expect(result.errors).toEqual(['bogus: unknown key', 'ui.extra: unknown key', 'texts.en.nope: is not a text key (see the README for the list)']);
    expect(result.value.policyUrl).toBe('/p');
  });

  it('gives `googleConsentMode: true` back as an object without a prototype', () => {
    for (const on of [true, false]) {
      const gcm = parseConfig({ googleConsentMode: on }).value.googleConsentMode;
      expect(gcm).toEqual({ enabled: on });
      expect(Object.getPrototypeOf(gcm)).toBeNull();
    }
  });
});
