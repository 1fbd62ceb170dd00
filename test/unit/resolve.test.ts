import { describe, expect, it } from 'vitest';
import { ANALYTICS_PATTERNS, MARKETING_PATTERNS, removalPatterns } from '../../src/config/default-categories';
import { DEFAULT_CONSENT_MODE_MAP, resolveConfig } from '../../src/config/resolve';
import { en } from '../../src/i18n/en';
import { pickLanguage, textsFor } from '../../src/i18n';

const byId = (config: ReturnType<typeof resolveConfig>, id: string) => {
  const found = config.categories.find((c) => c.id === id);
  if (!found) throw new Error(`no category ${id}`);
  return found;
};

describe('resolveConfig()', () => {
  describe('defaults', () => {
    it('should fill in every top-level default', () => {
      const config = resolveConfig({ policyUrl: '/privacy' });
      expect(config).toMatchObject({
        policyUrl: '/privacy',
        revision: '1',
        consentMaxAgeDays: 182,
        lang: 'en',
        mode: 'opt-in',
        respectDoNotTrack: true,
        respectGlobalPrivacyControl: true,
        cookieName: 'candor_consent',
        ui: { position: 'bottom', theme: 'auto', floatingButton: true },
        degraded: false,
      });
      expect(config.ai).toBeUndefined();
      expect(config.cookiePolicyUrl).toBeUndefined();
      expect(config.consentLogUrl).toBeUndefined();
      expect(config.texts).toEqual(en);
    });

    it('should mark the config degraded only when asked to', () => {
      expect(resolveConfig({}).degraded).toBe(false);
      expect(resolveConfig({}, {}, true).degraded).toBe(true);
    });

    it('should turn a numeric revision into a string', () => {
      expect(resolveConfig({ revision: 7 }).revision).toBe('7');
      expect(resolveConfig({ revision: 0 }).revision).toBe('0');
    });

    it('should use the four default categories in order', () => {
      const config = resolveConfig({});
      expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'preferences', 'analytics', 'marketing']);
    });

    it('should make necessary required and not tracking, with English label and description', () => {
      expect(byId(resolveConfig({}), 'necessary')).toMatchObject({
        required: true,
        tracking: false,
        defaultGranted: false,
        label: 'Necessary',
        description: en.necessaryDescription,
        cookies: [],
        storage: [],
        services: [],
      });
    });

    it('should make preferences optional and not tracking', () => {
      expect(byId(resolveConfig({}), 'preferences')).toMatchObject({ required: false, tracking: false, label: 'Preferences' });
    });

    it('should make analytics and marketing tracking categories with the common vendor patterns', () => {
      const config = resolveConfig({});
      const analytics = byId(config, 'analytics');
      const marketing = byId(config, 'marketing');
      expect(analytics).toMatchObject({ required: false, tracking: true, label: 'Analytics' });
      expect(marketing).toMatchObject({ required: false, tracking: true, label: 'Marketing' });
      // The vendor patterns are added where cookies are removed (the cleanup chunk).
      const analyticsNames = removalPatterns('analytics', analytics.cookies);
      const marketingNames = removalPatterns('marketing', marketing.cookies);
      for (const p of ['_ga', '_ga_*', '_gid', '_hj*', '_pk_*', '_clck', 'ajs_*']) {
        expect(analyticsNames).toContain(p);
        expect(removalPatterns('analytics', analytics.storage)).toContain(p);
      }
      for (const p of ['_fbp', '_fbc', '_gcl_*', '_uet*', '_ttp', 'li_fat_id']) {
        expect(marketingNames).toContain(p);
      }
      expect(analyticsNames).toEqual(ANALYTICS_PATTERNS);
      expect(marketingNames).toEqual(MARKETING_PATTERNS);
      expect(analyticsNames).not.toContain('_fbp');
      expect(marketingNames).not.toContain('_ga');
    });

    it('should give an unknown category its id as label, an empty description and no flags', () => {
      const config = resolveConfig({ categories: [{ id: 'chat' }] });
      expect(config.categories).toEqual([
        {
          id: 'chat',
          label: 'chat',
          description: '',
          required: false,
          tracking: false,
          defaultGranted: false,
          cookies: [],
          storage: [],
          services: [],
        },
      ]);
    });

    it('should use only the categories the owner listed', () => {
      const config = resolveConfig({ categories: [{ id: 'necessary' }, { id: 'analytics' }] });
      expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'analytics']);
      expect(byId(config, 'necessary').required).toBe(true);
      expect(byId(config, 'analytics').tracking).toBe(true);
    });

    it('should let the owner override label, description, required and tracking', () => {
      const config = resolveConfig({
        categories: [
          { id: 'necessary', required: false, label: 'Essentials' },
          { id: 'analytics', tracking: false, description: 'Counting only' },
          { id: 'chat', required: true, tracking: true },
        ],
      });
      expect(byId(config, 'necessary')).toMatchObject({ required: false, label: 'Essentials' });
      expect(byId(config, 'analytics')).toMatchObject({ tracking: false, description: 'Counting only', label: 'Analytics' });
      expect(byId(config, 'chat')).toMatchObject({ required: true, tracking: true });
    });

    it('should add the owner patterns to the known ones, without duplicates', () => {
      const config = resolveConfig({
        categories: [{ id: 'analytics', cookies: ['my_stats', '_ga', '/^x_/'], storage: ['stats_key'] }, { id: 'custom', cookies: ['c*'] }],
      });
      const analytics = byId(config, 'analytics');
      expect(removalPatterns('analytics', analytics.cookies)).toEqual([...ANALYTICS_PATTERNS, 'my_stats', '/^x_/']);
      expect(removalPatterns('analytics', analytics.storage)).toEqual([...ANALYTICS_PATTERNS, 'stats_key']);
      expect(removalPatterns('custom', byId(config, 'custom').cookies)).toEqual(['c*']);
      expect(removalPatterns('custom', byId(config, 'custom').storage)).toEqual([]);
      // a category named like an Object.prototype key gets no vendor patterns
      expect(removalPatterns('constructor', [])).toEqual([]);
    });

    it('should give every service a cookie list', () => {
      const config = resolveConfig({
        categories: [{ id: 'analytics', services: [{ name: 'GA' }, { name: 'Matomo', cookies: [{ name: '_pk_id', duration: '13 months' }] }] }],
      });
      expect(byId(config, 'analytics').services).toEqual([
        { name: 'GA', cookies: [] },
        { name: 'Matomo', cookies: [{ name: '_pk_id', duration: '13 months' }] },
      ]);
    });

    it('should resolve the ui options the owner set and default the rest', () => {
      expect(resolveConfig({ ui: { theme: 'dark' } }).ui).toEqual({ position: 'bottom', theme: 'dark', floatingButton: true });
    });
  });

  describe('ai', () => {
    it('should leave ai undefined when it is not configured', () => {
      expect(resolveConfig({ policyUrl: '/p' }).ai).toBeUndefined();
    });

    it('should fill in the ai defaults when ai is present', () => {
      expect(resolveConfig({ policyUrl: '/privacy', ai: {} }).ai).toEqual({
        notice: true,
        title: undefined,
        text: undefined,
        providers: [],
        chatSelector: undefined,
        contentSelector: '[data-ai-generated]',
        learnMoreUrl: '/privacy',
        humanReview: undefined,
        optOut: false,
      });
    });

    it('should default learnMoreUrl to policyUrl and keep an explicit one', () => {
      expect(resolveConfig({ policyUrl: '/privacy', ai: {} }).ai?.learnMoreUrl).toBe('/privacy');
      expect(resolveConfig({ policyUrl: '/privacy', ai: { learnMoreUrl: '/ai' } }).ai?.learnMoreUrl).toBe('/ai');
    });

    it('should not add an ai category without optOut', () => {
      const config = resolveConfig({ ai: { notice: true } });
      expect(config.categories.some((c) => c.id === 'ai')).toBe(false);
    });

    it('should add an ai category, granted by default and not tracking, when optOut is on', () => {
      const config = resolveConfig({ ai: { optOut: true } });
      expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'preferences', 'analytics', 'marketing', 'ai']);
      expect(byId(config, 'ai')).toEqual({
        id: 'ai',
        label: en.aiLabel,
        description: en.aiDescription,
        required: false,
        tracking: false,
        defaultGranted: true,
        cookies: [],
        storage: [],
        services: [],
      });
    });

    it('should not add a second ai category when the owner listed one', () => {
      const config = resolveConfig({ categories: [{ id: 'necessary' }, { id: 'ai', label: 'Mine' }], ai: { optOut: true } });
      expect(config.categories.filter((c) => c.id === 'ai')).toHaveLength(1);
      expect(byId(config, 'ai').label).toBe('Mine');
    });

    it('should leave every other category not granted by default', () => {
      const config = resolveConfig({ ai: { optOut: true } });
      expect(config.categories.filter((c) => c.defaultGranted).map((c) => c.id)).toEqual(['ai']);
    });
  });

  describe('googleConsentMode', () => {
    it('should be enabled with the default map when absent or true', () => {
      for (const gcm of [undefined, true]) {
        expect(resolveConfig({ googleConsentMode: gcm }).googleConsentMode).toEqual({
          enabled: true,
          waitForUpdate: undefined,
          region: undefined,
          adsDataRedaction: false,
          urlPassthrough: false,
          map: DEFAULT_CONSENT_MODE_MAP,
        });
      }
    });

    it('should use the SPEC §4 default map', () => {
      expect(DEFAULT_CONSENT_MODE_MAP).toEqual({
        analytics: ['analytics_storage'],
        marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
        preferences: ['functionality_storage', 'personalization_storage'],
      });
    });

    it('should be disabled when false', () => {
      expect(resolveConfig({ googleConsentMode: false }).googleConsentMode.enabled).toBe(false);
    });

    it('should be enabled with the options of an object, its map merged over the default map', () => {
      const gcm = resolveConfig({
        googleConsentMode: {
          waitForUpdate: 500,
          region: ['DE'],
          adsDataRedaction: true,
          urlPassthrough: true,
          map: { analytics: ['analytics_storage', 'personalization_storage'], stats: ['analytics_storage'] },
        },
      }).googleConsentMode;
      expect(gcm).toEqual({
        enabled: true,
        waitForUpdate: 500,
        region: ['DE'],
        adsDataRedaction: true,
        urlPassthrough: true,
        map: {
          analytics: ['analytics_storage', 'personalization_storage'],
          marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
          preferences: ['functionality_storage', 'personalization_storage'],
          stats: ['analytics_storage'],
        },
      });
    });

    it('should not share the default map between configs', () => {
      const a = resolveConfig({});
      a.googleConsentMode.map.extra = ['ad_storage'];
      expect(resolveConfig({}).googleConsentMode.map).not.toHaveProperty('extra');
      expect(DEFAULT_CONSENT_MODE_MAP).not.toHaveProperty('extra');
    });
  });

  describe('language and texts', () => {
    it('should use English by default', () => {
      const config = resolveConfig({});
      expect(config.lang).toBe('en');
      expect(config.texts.acceptAll).toBe('Accept all');
      expect(config.texts.rejectAll).toBe('Reject all');
      expect(config.texts.customize).toBe('Customize');
      expect(config.texts.saveChoices).toBe('Save choices');
      expect(config.texts.privacySettings).toBe('Privacy settings');
    });

    it('should apply English text overrides', () => {
      const config = resolveConfig({ texts: { en: { acceptAll: 'Allow all' } } });
      expect(config.texts.acceptAll).toBe('Allow all');
      expect(config.texts.rejectAll).toBe('Reject all');
    });

    it('should use a language the owner wrote texts for, with English for the missing strings', () => {
      const config = resolveConfig({ lang: 'de', texts: { de: { acceptAll: 'Alle akzeptieren' } } });
      expect(config.lang).toBe('de');
      expect(config.texts.acceptAll).toBe('Alle akzeptieren');
      expect(config.texts.rejectAll).toBe('Reject all');
    });

    it('should ignore texts of another language', () => {
      const config = resolveConfig({ lang: 'en', texts: { de: { acceptAll: 'Alle akzeptieren' } } });
      expect(config.texts.acceptAll).toBe('Accept all');
    });

    it('should pick the language from the hints when lang is auto', () => {
      const config = resolveConfig({ texts: { fr: { acceptAll: 'Tout accepter' } } }, { navigatorLanguages: ['fr-CA', 'en'] });
      expect(config.lang).toBe('fr');
      expect(config.texts.acceptAll).toBe('Tout accepter');
    });

    it('should use texts written for a regional code', () => {
      const config = resolveConfig({ texts: { 'de-AT': { acceptAll: 'Passt' } } }, { htmlLang: 'de-AT' });
      expect(config.texts.acceptAll).toBe('Passt');
    });

    it('should take the label and description of known categories from the texts', () => {
      const config = resolveConfig({ texts: { en: { analyticsLabel: 'Statistics', aiLabel: 'AI chat' } }, ai: { optOut: true } });
      expect(byId(config, 'analytics').label).toBe('Statistics');
      expect(byId(config, 'ai').label).toBe('AI chat');
    });
  });
});

describe('pickLanguage()', () => {
  it('should return an explicit available language', () => {
    expect(pickLanguage('en', { htmlLang: 'de' })).toBe('en');
    expect(pickLanguage('de', { htmlLang: 'fr' }, ['de'])).toBe('de');
  });

  it('should fall back to English for an explicit language that is not available', () => {
    expect(pickLanguage('xx', {}, ['de'])).toBe('en');
  });

  it('should fall back from a regional explicit language to its base language', () => {
    expect(pickLanguage('de-CH', {}, ['de'])).toBe('de');
  });

  it('should use <html lang> first when auto', () => {
    expect(pickLanguage('auto', { htmlLang: 'fr', navigatorLanguages: ['de'] }, ['de', 'fr'])).toBe('fr');
  });

  it('should use navigator.languages in order when <html lang> is missing or unavailable', () => {
    expect(pickLanguage('auto', { htmlLang: null, navigatorLanguages: ['xx', 'nl', 'de'] }, ['de', 'nl'])).toBe('nl');
    expect(pickLanguage('auto', { htmlLang: 'xx', navigatorLanguages: ['de'] }, ['de'])).toBe('de');
    expect(pickLanguage('auto', { htmlLang: '', navigatorLanguages: ['de'] }, ['de'])).toBe('de');
  });

  it('should fall back to English when nothing matches', () => {
    expect(pickLanguage('auto', {})).toBe('en');
    expect(pickLanguage('auto', { htmlLang: 'ja', navigatorLanguages: ['zh-CN', 'ko'] })).toBe('en');
  });

  // de became a built-in language (issue 3), so the fallback is checked with one that is not.
  it('should fall back from pt-BR to pt only when pt is available', () => {
    expect(pickLanguage('auto', { htmlLang: 'pt-BR' }, ['pt'])).toBe('pt');
    expect(pickLanguage('auto', { htmlLang: 'pt-BR' }, ['sv'])).toBe('en');
    expect(pickLanguage('auto', { htmlLang: 'pt-BR', navigatorLanguages: ['sv-SE'] }, ['sv'])).toBe('sv');
    expect(pickLanguage('auto', { htmlLang: 'de-AT' }, [])).toBe('de');
  });

  it('should prefer an exact regional match over the base language', () => {
    expect(pickLanguage('auto', { htmlLang: 'de-AT' }, ['de', 'de-AT'])).toBe('de-at');
  });

  it('should match case-insensitively', () => {
    expect(pickLanguage('auto', { htmlLang: 'EN-us' })).toBe('en');
    expect(pickLanguage('DE', {}, ['de'])).toBe('de');
    expect(pickLanguage('auto', { htmlLang: 'de' }, ['DE'])).toBe('de');
  });

  it('should count a language that has only owner texts as available', () => {
    expect(pickLanguage('auto', { navigatorLanguages: ['pt-BR'] }, ['pt'])).toBe('pt');
    expect(pickLanguage('auto', { navigatorLanguages: ['pt-BR'] })).toBe('en');
  });
});

describe('textsFor()', () => {
  it('should return English for English with no overrides', () => {
    expect(textsFor('en')).toEqual(en);
  });

  it('should overlay the owner texts of that language only', () => {
    const texts = textsFor('de', { de: { acceptAll: 'Alle akzeptieren' }, fr: { rejectAll: 'Tout refuser' } });
    expect(texts.acceptAll).toBe('Alle akzeptieren');
    expect(texts.rejectAll).toBe('Reject all');
  });

  it('should find owner texts whose key differs in case', () => {
    expect(textsFor('de-at', { 'de-AT': { ok: 'Passt' } }).ok).toBe('Passt');
  });

  it('should not change the English base object', () => {
    textsFor('en', { en: { ok: 'Fine' } });
    expect(en.ok).toBe('OK');
  });
});
