import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { CandorContext, SavedDecision } from '../../src/api/create-candor';
import { createCandor, startCandor } from '../../src/api/create-candor';
import type { CandorApi, CandorConfig } from '../../src/api/types';
import { formatPath, parseConfig } from '../../src/config/parse';
import { readConfig } from '../../src/config/read-config';
import { resolveConfig } from '../../src/config/resolve';
import { configSchema, type Issue } from '../../src/config/schema';
import { createConsentStore } from '../../src/core/consent-store';
import { isSafeUrl } from '../../src/util/url';

/*
 * Issue 7: whatever config a page hands over, parsing never throws, each problem is named
 * by its path in one console.error, and nothing beyond required categories is granted.
 */

// Enforcement is where a decision's `cleanup` is used: capture what it is given.
const seen = vi.hoisted(() => ({ contexts: [] as CandorContext[] }));
vi.mock('../../src/enforce', () => ({
  startEnforcement: (ctx: CandorContext) => {
    seen.contexts.push(ctx);
    return () => {};
  },
}));

const instances: CandorApi[] = [];
let errorSpy: MockInstance<typeof console.error>;

function clearCookies(): void {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

beforeEach(() => {
  clearCookies();
  seen.contexts.length = 0;
  errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  for (const api of instances.splice(0)) api.destroy();
  vi.restoreAllMocks();
  clearCookies();
  document.body.innerHTML = '';
});

const candorErrors = () => errorSpy.mock.calls.filter((args) => String(args[0]).startsWith('[candor]')).map((a) => String(a[0]));

/** Runs Candor on one config and destroys it at once: what it granted before any choice. */
function grantedBeforeChoice(config: unknown): { granted: string[]; errors: string[]; required: string[]; degraded: boolean } {
  clearCookies();
  errorSpy.mockClear();
  const api = createCandor(config as CandorConfig, window);
  const snapshot = api.getConsent();
  const errors = candorErrors();
  api.destroy();
  const resolved = readConfig({ global: config }, { htmlLang: 'en' });
  const required = resolved.config.categories.filter((c) => c.required).map((c) => c.id);
  const granted = Object.keys(snapshot.categories).filter((id) => api.hasConsent(id) || snapshot.categories[id]);
  return { granted, errors, required, degraded: resolved.config.degraded };
}

// ---- generators ---------------------------------------------------------------------------

const junk = fc.oneof(
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true, withObjectString: true }),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const urlish = fc.oneof(
  fc.constantFrom('/privacy', 'https://example.com/p', 'javascript:alert(1)', ' /privacy', '//evil.example', '/\\evil', 'data:,x', 'JAVASCRIPT:x'),
  junk,
);
const categoryId = fc.oneof(fc.constantFrom('necessary', 'preferences', 'analytics', 'marketing', 'custom', 'ai', 'constructor', 'Bad Id', ''), fc.string({ maxLength: 8 }));
const category = fc.record(
  {
    id: categoryId,
    label: fc.oneof(fc.string({ maxLength: 20 }), junk),
    description: junk,
    required: fc.oneof(fc.boolean(), junk),
    tracking: fc.oneof(fc.boolean(), junk),
    cookies: fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), junk),
    services: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.string({ maxLength: 10 }), junk), privacyUrl: urlish }, { requiredKeys: [] }), { maxLength: 2 }), junk),
  },
  { requiredKeys: ['id'] },
);
const configLike = fc.record(
  {
    policyUrl: urlish,
    cookiePolicyUrl: urlish,
    mode: fc.oneof(fc.constantFrom('opt-in', 'opt-out', 'OPT-OUT', 'optout', '', 'opt-out '), junk),
    revision: fc.oneof(fc.constantFrom('1', 2, '2026-01'), junk),
    consentMaxAgeDays: fc.oneof(fc.integer({ min: -5, max: 500 }), junk),
    categories: fc.oneof(fc.array(category, { maxLength: 5 }), junk),
    ai: fc.oneof(fc.record({ optOut: fc.oneof(fc.boolean(), junk), notice: fc.oneof(fc.boolean(), junk), providers: junk, learnMoreUrl: urlish }, { requiredKeys: [] }), junk),
    texts: fc.oneof(fc.record({ en: fc.dictionary(fc.constantFrom('acceptAll', 'rejectAll', 'nope'), junk) }), junk),
    ui: fc.oneof(fc.record({ position: junk, theme: fc.constantFrom('dark', 'x'), floatingButton: junk }, { requiredKeys: [] }), junk),
    googleConsentMode: fc.oneof(fc.boolean(), junk),
    respectDoNotTrack: junk,
    cookieName: fc.oneof(fc.constantFrom('candor_consent', 'my-consent', 'bad name'), junk),
  },
  { requiredKeys: [] },
);
const anyConfig = fc.oneof(configLike, fc.anything({ maxDepth: 3, withNullPrototype: true }), fc.object({ maxDepth: 3 }));

// ---- properties ---------------------------------------------------------------------------

describe('config from anywhere (fast-check)', () => {
  it('parseConfig never throws and always returns a value the schema accepts', () => {
    fc.assert(
      fc.property(anyConfig, (input) => {
        const result = parseConfig(input);
        const issues: Issue[] = [];
        configSchema()(result.value, [], issues);
        expect(issues).toEqual([]);
        for (const line of result.errors) expect(line).toMatch(/^[^\n]+?: \S/);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('readConfig never throws, from window.CandorConfig, #candor-config text and data-* attributes', () => {
    fc.assert(
      fc.property(anyConfig, fc.oneof(fc.string(), fc.json(), fc.constant(null)), fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })), (global, json, dataset) => {
        const { config, errors } = readConfig({ global, json, dataset }, { htmlLang: 'en' });
        // every problem makes the config degraded: it fails closed
        expect(config.degraded).toBe(errors.length > 0);
        expect(config.categories.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('through createCandor: one [candor] console.error if anything is wrong, none otherwise; nothing granted beyond required before a choice', () => {
    fc.assert(
      fc.property(anyConfig, (config) => {
        const { granted, errors, required, degraded } = grantedBeforeChoice(config);
        const expected = readConfig({ global: config }, { htmlLang: 'en' }).errors;
        expect(errors).toHaveLength(expected.length ? 1 : 0);
        for (const line of expected) expect(errors[0]).toContain(`  - ${line}`);
        // Only a valid opt-out config, or the AI objection right (ai.optOut), grants more.
        const raw = config as Record<string, unknown> | null;
        const optOut = !degraded && typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'mode') && raw.mode === 'opt-out';
        const aiOptOut = !degraded && typeof raw?.ai === 'object' && (raw.ai as Record<string, unknown> | null)?.optOut === true;
        if (!optOut) {
          expect(granted.filter((id) => !required.includes(id) && !(id === 'ai' && aiOptOut))).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  // Bug (issue 7): a config whose keys lead back to itself froze the page: the copy
  // branched at every such key, 20 levels deep (3^20 objects here).
  it('a config that contains itself (o.ai = o.ui = o.texts = o): one [candor] error naming each key, nothing granted', () => {
    const o: Record<string, unknown> = { policyUrl: '/privacy' };
    o.ai = o;
    o.ui = o;
    o.texts = o;
    const { granted, errors, required } = grantedBeforeChoice(o);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[candor\] invalid config[^]*\n {2}- window\.CandorConfig\.ai: is circular\n {2}- window\.CandorConfig\.ui: is circular\n {2}- window\.CandorConfig\.texts: is circular$/);
    expect(granted).toEqual(required);
  });

  it('a config with a list of a million entries: one [candor] error naming the list, nothing granted', () => {
    const { granted, errors, required } = grantedBeforeChoice({ policyUrl: '/privacy', ai: { providers: new Array(1_000_000).fill('P') } });
    expect(errors).toEqual([expect.stringMatching(/\n {2}- window\.CandorConfig\.ai\.providers: is too large or too deep$/)]);
    expect(granted).toEqual(required);
  });

  it('a garbage mode is reported by its path and grants nothing', () => {
    fc.assert(
      fc.property(junk.filter((m) => m !== 'opt-in' && m !== 'opt-out' && m !== undefined), (mode) => {
        const { granted, errors, required } = grantedBeforeChoice({ policyUrl: '/privacy', mode });
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain('  - mode: ');
        expect(granted).toEqual(required);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  // One wrong value at a known place in a valid config is reported at exactly that path.
  const VALID = {
    policyUrl: '/privacy',
    revision: '3',
    consentMaxAgeDays: 90,
    mode: 'opt-in',
    respectDoNotTrack: true,
    categories: [
      { id: 'necessary', required: true },
      { id: 'analytics', label: 'Stats', description: 'Counts', cookies: ['_ga*'], services: [{ name: 'GA', privacyUrl: 'https://example.com/p' }] },
    ],
    ai: { notice: true, providers: ['OpenAI'], learnMoreUrl: '/ai' },
    texts: { en: { acceptAll: 'OK' } },
    ui: { position: 'bottom', theme: 'dark', floatingButton: true },
    googleConsentMode: { enabled: true, waitForUpdate: 500 },
    cookieName: 'consent',
  };
  const PATHS: (string | number)[][] = [
    ['policyUrl'],
    ['revision'],
    ['consentMaxAgeDays'],
    ['mode'],
    ['respectDoNotTrack'],
    ['categories', 1, 'id'],
    ['categories', 1, 'label'],
    ['categories', 1, 'description'],
    ['categories', 1, 'required'],
    ['categories', 1, 'cookies', 0],
    ['categories', 1, 'services', 0, 'name'],
    ['categories', 1, 'services', 0, 'privacyUrl'],
    ['ai', 'notice'],
    ['ai', 'providers', 0],
    ['ai', 'learnMoreUrl'],
    ['texts', 'en', 'acceptAll'],
    ['ui', 'position'],
    ['ui', 'floatingButton'],
    ['googleConsentMode', 'waitForUpdate'],
    ['cookieName'],
  ];
  const wrong = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.constant({ x: 1 }),
    fc.constantFrom('javascript:alert(1)', '', 'Not Valid!', 'x'.repeat(5000), '//evil.example'),
  );

  it('a mutation of a valid config: exactly one console.error naming the mutated path; the rest still counts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), wrong, (path, value) => {
        const config = structuredClone(VALID) as Record<string, unknown>;
        let parent = config as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path[path.length - 1]!] = value;
        fc.pre(parseConfig(config).errors.length > 0); // the value happened to be valid there
        const { errors, granted, required } = grantedBeforeChoice(config);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain(`  - ${formatPath(path)}: `);
        expect(granted).toEqual(required);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('URLs', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    ' /privacy',
    '\u0001/privacy',
    '\u00a0javascript:x',
    '//evil.example',
    '\\\\evil.example',
    // WHATWG URL: in special schemes "\" is a path separator, so "/\evil" is "//evil"
    '/\\evil.example',
    '/\t/evil.example',
    'https:evil.example',
  ])('%j is refused', (url) => {
    expect(isSafeUrl(url)).toBe(false);
    expect(parseConfig({ policyUrl: url }).value.policyUrl).toBeUndefined();
  });

  it('only http(s) URLs and root-relative paths pass, whatever the string (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `/${s}`)), (s) => {
        if (!isSafeUrl(s)) return;
        // what a browser would make of it as a link on https://site.example/page
        const resolved = new URL(s, 'https://site.example/page');
        expect(['http:', 'https:']).toContain(resolved.protocol);
        if (s.startsWith('/')) expect(resolved.host).toBe('site.example');
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});

describe('a polluted Object.prototype grants nothing', () => {
  /** Runs fn with non-enumerable properties on Object.prototype, as a page's bug could put them. */
  function withPollution(values: Record<string, unknown>, fn: () => void): void {
    for (const [k, v] of Object.entries(values)) Object.defineProperty(Object.prototype, k, { value: v, writable: true, configurable: true });
    try {
      fn();
    } finally {
      for (const k of Object.keys(values)) delete (Object.prototype as Record<string, unknown>)[k];
    }
  }

  // Bug: resolveConfig read `c.required ?? …` and `input.mode ?? …` through the prototype
  // chain, so Object.prototype.required made every category required (granted).
  it('Object.prototype.required / mode / tracking are not read as config', () => {
    withPollution({ required: true, mode: 'opt-out', tracking: false, defaultGranted: true }, () => {
      const { config } = readConfig({ global: { policyUrl: '/privacy' } });
      expect(config.mode).toBe('opt-in');
      expect(config.categories.map((c) => [c.id, c.required])).toEqual([
        ['necessary', true],
        ['preferences', false],
        ['analytics', false],
        ['marketing', false],
      ]);
      expect(resolveConfig({}).categories.filter((c) => c.required).map((c) => c.id)).toEqual(['necessary']);
    });
  });

  // Bug: the store read `rec.categories[id]` and `categories[id]` through the prototype chain.
  it('Object.prototype.analytics fills neither a stored record nor hasConsent()', () => {
    const { config } = readConfig({ global: { policyUrl: '/privacy' } });
    withPollution({ analytics: true, unknown_cat: true }, () => {
      const store = createConsentStore({
        categories: config.categories,
        revision: '1',
        mode: 'opt-in',
        maxAgeDays: 30,
        signal: null,
        degraded: false,
        textsHash: 'x',
        now: () => 1_000,
        newId: () => 'abcdefgh1234',
      });
      store.restore({ id: 'abcdefgh1234', revision: '1', givenAt: 500, expiresAt: 9_000, categories: { necessary: true }, source: 'banner', textsHash: 'x', aiAcknowledgedAt: null });
      expect(store.has('analytics')).toBe(false);
      expect(store.has('unknown_cat')).toBe(false);
      expect(store.consent.peek().categories.analytics).toBe(false);
    });
  });

  // Bug: KNOWN_CATEGORIES["constructor"] is Object, so a category named "constructor" got
  // an undefined label (looked up as a built-in one).
  it('a category named "constructor" is the owner\'s own category, labelled by its id', () => {
    const { config, errors } = readConfig({ global: { policyUrl: '/privacy', categories: [{ id: 'necessary', required: true }, { id: 'constructor' }] } });
    expect(errors).toEqual([]);
    expect(config.categories[1]).toMatchObject({ id: 'constructor', label: 'constructor', required: false, tracking: false });
  });
});

describe('several tabs: the decision side of withdraw', () => {
  it('withdrawing in one instance reaches the other with fromOtherTab and cleanup for every revoked category', () => {
    const a = createCandor({ policyUrl: '/privacy' }, window);
    const b = createCandor({ policyUrl: '/privacy' }, window);
    instances.push(a, b);
    const [, ctxB] = seen.contexts;
    const decisions: SavedDecision[] = [];
    ctxB!.onDecision((d) => decisions.push(d));
    a.acceptAll();
    window.dispatchEvent(new Event('focus'));
    expect(b.hasConsent('marketing')).toBe(true);
    a.withdraw();
    window.dispatchEvent(new Event('focus'));
    expect(b.hasConsent('marketing')).toBe(false);
    expect(decisions.map((d) => ({ from: d.fromOtherTab, granted: d.granted, revoked: d.revoked, cleanup: d.cleanup }))).toEqual([
      { from: true, granted: ['preferences', 'analytics', 'marketing'], revoked: [], cleanup: [] },
      { from: true, granted: [], revoked: ['preferences', 'analytics', 'marketing'], cleanup: ['preferences', 'analytics', 'marketing'] },
    ]);
  });

  /** The consent record as the cookie holds it (JSON text). */
  const cookie = () => decodeURIComponent(document.cookie.match(/candor_consent=([^;]*)/)?.[1] ?? '');

  // A tab on another revision of the config (review of the first version, which made up a
  // given record): the withdrawal narrows what this tab grants, in memory only.
  it('another revision withdraws: this tab narrows, records no choice, writes nothing, and later asks again', () => {
    // Tab B (revision 2) has no choice yet; tab A (revision 1) accepted earlier.
    const b = createCandor({ policyUrl: '/privacy', revision: '2', ai: { chatSelector: '#chat' } }, window);
    const a = createCandor({ policyUrl: '/privacy', revision: '1' }, window);
    instances.push(a, b);
    const decisionsB: SavedDecision[] = [];
    seen.contexts[0]!.onDecision((d) => decisionsB.push(d));
    a.acceptAll();
    window.dispatchEvent(new Event('focus'));
    // a revision-1 grant grants nothing in B
    expect(b.getConsent()).toMatchObject({ given: false, categories: { analytics: false } });
    a.withdraw();
    window.dispatchEvent(new Event('focus'));
    // nothing was granted in B, so nothing to narrow: no decision, no made-up record
    expect(b.getConsent()).toMatchObject({ given: false, id: null, source: null });
    expect(decisionsB).toEqual([]);
    // B's visitor acknowledges the AI notice: for this page view; the cookie keeps A's record
    // (writing would replace a choice with none), and no refusal is made up
    const before = cookie();
    b.acknowledgeAi();
    expect(b.getConsent()).toMatchObject({ given: false, source: null });
    expect(b.getConsent().aiAcknowledgedAt).not.toBeNull();
    expect(cookie()).toBe(before);
    expect(JSON.parse(before)).toMatchObject({ r: '1', c: { analytics: 0 } });
    // and a new page view on revision 2 asks again
    const next = createCandor({ policyUrl: '/privacy', revision: '2' }, window);
    instances.push(next);
    expect(next.getConsent().given).toBe(false);
  });

  it('a narrowed tab keeps its own record, writes nothing, and a real choice there ends the narrowing', () => {
    const a = createCandor({ policyUrl: '/privacy', revision: '1', ai: { chatSelector: '#chat' } }, window);
    const b = createCandor({ policyUrl: '/privacy', revision: '2' }, window);
    instances.push(a, b);
    const decisionsA: SavedDecision[] = [];
    seen.contexts[0]!.onDecision((d) => decisionsA.push(d));
    a.acceptAll();
    const own = a.getConsent();
    b.rejectAll();
    window.dispatchEvent(new Event('focus'));
    // A stops everything, and removes what was withdrawn (a choice made elsewhere withdrew it)
    expect(a.getConsent()).toMatchObject({ given: true, id: own.id, source: own.source, givenAt: own.givenAt, revision: '1' });
    expect(a.hasConsent('analytics')).toBe(false);
    expect(decisionsA.at(-1)).toMatchObject({ fromOtherTab: true, granted: [], revoked: ['preferences', 'analytics', 'marketing'], cleanup: ['preferences', 'analytics', 'marketing'] });
    // B's record stays in the cookie: A's AI acknowledgement holds for A's page view only
    a.acknowledgeAi();
    expect(JSON.parse(cookie())).toMatchObject({ r: '2', c: { analytics: 0 } });
    expect(a.getConsent().aiAcknowledgedAt).not.toBeNull();
    // a choice made in A is a real choice: it is saved, and A grants what it says
    a.setConsent({ analytics: true });
    expect(a.hasConsent('analytics')).toBe(true);
    expect(a.hasConsent('marketing')).toBe(false);
    expect(JSON.parse(cookie())).toMatchObject({ r: '1', c: { analytics: 1, marketing: 0 } });
  });

  it('a deleted record narrows a tab that read it, without removing anything (no one withdrew)', () => {
    const first = createCandor({ policyUrl: '/privacy' }, window);
    first.acceptAll();
    first.destroy();
    // this page view read the record at start (and wrote nothing)
    const a = createCandor({ policyUrl: '/privacy' }, window);
    instances.push(a);
    const decisions: SavedDecision[] = [];
    seen.contexts.at(-1)!.onDecision((d) => decisions.push(d));
    expect(a.hasConsent('analytics')).toBe(true);
    document.cookie = 'candor_consent=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    window.dispatchEvent(new Event('focus'));
    expect(a.hasConsent('analytics')).toBe(false);
    expect(decisions.map((d) => ({ revoked: d.revoked, cleanup: d.cleanup }))).toEqual([{ revoked: ['preferences', 'analytics', 'marketing'], cleanup: [] }]);
  });

  it('a tab with a broken config still stops when another tab withdraws, and grants nothing from it', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const a = createCandor({ policyUrl: '/privacy', ui: { theme: 'neon' } } as unknown as CandorConfig, window);
    const b = createCandor({ policyUrl: '/privacy' }, window);
    instances.push(a, b);
    expect(errors).toHaveBeenCalledTimes(1);
    a.acceptAll();
    expect(a.hasConsent('analytics')).toBe(true);
    b.acceptAll();
    b.withdraw();
    window.dispatchEvent(new Event('focus'));
    expect(a.hasConsent('analytics')).toBe(false);
    b.acceptAll();
    window.dispatchEvent(new Event('focus'));
    expect(a.hasConsent('analytics')).toBe(false);
  });

  // Bug: the last cookie value seen was not updated on this page's own writes, so the next
  // focus re-announced the page's own choice as one from another tab.
  it('a page does not hear its own choice back as one from another tab', () => {
    const a = createCandor({ policyUrl: '/privacy' }, window);
    instances.push(a);
    const decisions: SavedDecision[] = [];
    seen.contexts[0]!.onDecision((d) => decisions.push(d));
    a.acceptAll();
    window.dispatchEvent(new Event('focus'));
    expect(decisions.map((d) => d.fromOtherTab)).toEqual([false]);
  });
});

// Candor does not hand its nonce to the page's gated scripts: any markup injected as
// <script type="text/plain" data-category> would then run under a nonce CSP (a script
// gadget). Its own chunks do carry it, so they load under such a CSP.
describe('CSP nonce', () => {
  it('startCandor reads the nonce of its own <script> (the IDL property, which CSP does not hide) for its chunks', () => {
    const tag = document.createElement('script');
    tag.nonce = 'abc123';
    document.head.append(tag);
    Object.defineProperty(document, 'currentScript', { configurable: true, get: () => tag });
    try {
      const api = startCandor(readConfig({ global: { policyUrl: '/privacy' } }), window);
      instances.push(api);
      expect(seen.contexts[0]?.script.nonce).toBe('abc123');
    } finally {
      delete (document as { currentScript?: unknown }).currentScript;
      tag.remove();
    }
  });
});
