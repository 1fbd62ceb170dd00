import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTexts, textsAsList } from '../../scripts/i18n-values.mjs';
import { resolveConfig } from '../../src/config/resolve';
import { de } from '../../src/i18n/de';
import { en } from '../../src/i18n/en';
import { es } from '../../src/i18n/es';
import { fr } from '../../src/i18n/fr';
import { LANGUAGES, pickLanguage } from '../../src/i18n';
import { it as itText } from '../../src/i18n/it';
import { applyTranslation } from '../../src/i18n/localize';
import { nl } from '../../src/i18n/nl';

const ALL = { de, fr, nl, es, it: itText };

describe('built-in translations', () => {
  it('cover exactly the languages SPEC §2 lists', () => {
    expect(LANGUAGES.sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl']);
  });
  for (const [lang, texts] of Object.entries(ALL)) {
    it(`${lang} has exactly the keys of en, every one a non-empty string`, () => {
      expect(Object.keys(texts).sort()).toEqual(Object.keys(en).sort());
      for (const v of Object.values(texts)) expect(typeof v === 'string' && v.trim().length > 0).toBe(true);
    });
    it(`${lang} translates the button labels rather than copying English`, () => {
      for (const k of ['acceptAll', 'rejectAll', 'customize', 'saveChoices', 'privacySettings', 'bannerText'] as const) {
        expect(texts[k]).not.toBe(en[k]);
      }
      // Equal prominence starts with equal wording: no label more than twice another's length.
      const lens = [texts.acceptAll, texts.rejectAll].map((s) => s.length);
      expect(Math.max(...lens) / Math.min(...lens)).toBeLessThan(2);
    });
  }
});

describe('pickLanguage()', () => {
  it('finds a built-in language from <html lang>, a region, or the browser', () => {
    expect(pickLanguage('auto', { htmlLang: 'de-AT' })).toBe('de');
    expect(pickLanguage('auto', { htmlLang: 'pt', navigatorLanguages: ['pt-BR', 'nl-BE'] })).toBe('nl');
    expect(pickLanguage('auto', { htmlLang: 'ja' })).toBe('en');
    expect(pickLanguage('IT', {})).toBe('it');
  });

  // Bug (issue 7): a page that set navigator.languages to a string or to a list with
  // non-strings made `.map`/`.toLowerCase` throw, and Candor did not start at all.
  it('takes only the text entries of whatever navigator.languages is', () => {
    const odd = (v: unknown) => pickLanguage('auto', { navigatorLanguages: v as string[] });
    expect(odd('de')).toBe('de');
    expect(odd([1, null, {}, undefined])).toBe('en');
    expect(odd([1, { toLowerCase: () => 'de' }, 'fr-CA'])).toBe('fr');
    expect(odd(undefined)).toBe('en');
    expect(odd(null)).toBe('en');
    expect(odd(42)).toBe('en');
  });
});

describe('applyTranslation()', () => {
  it('translates texts and default category labels but keeps what the site owner wrote', () => {
    const config = resolveConfig(
      {
        policyUrl: '/p',
        lang: 'de',
        texts: { de: { rejectAll: 'Nein danke' } },
        categories: [{ id: 'necessary' }, { id: 'analytics' }, { id: 'marketing', label: 'Werbung' }],
      },
      {},
    );
    expect(config.texts.acceptAll).toBe('Accept all');
    applyTranslation(config, de, en);
    expect(config.texts.acceptAll).toBe('Alle akzeptieren');
    expect(config.texts.rejectAll).toBe('Nein danke');
    expect(config.categories.map((c) => c.label)).toEqual(['Notwendig', 'Statistik', 'Werbung']);
    expect(config.categories[1]!.description).toBe(de.analyticsDescription);
  });
});

describe('language chunks as lists (scripts/i18n-values.mjs)', () => {
  const source = (lang: string) => readFileSync(`src/i18n/${lang}.ts`, 'utf8');

  it('reads each texts module as the object the app imports', () => {
    expect(readTexts(source('en'), 'en')).toEqual(en);
    for (const [lang, texts] of Object.entries(ALL)) expect(readTexts(source(lang), lang)).toEqual(texts);
  });

  it('writes the values in the order of the English keys, and the chunk applies them as the object', () => {
    for (const [lang, texts] of Object.entries(ALL)) {
      const module = textsAsList(en, texts, lang);
      const list = JSON.parse(module.slice(module.indexOf('=') + 1, module.lastIndexOf(';'))) as string[];
      expect(list).toEqual(Object.keys(en).map((k) => texts[k as keyof typeof texts]));
      const fromList = resolveConfig({ policyUrl: '/p', lang, texts: { [lang]: { rejectAll: 'Own' } } }, {});
      const fromObject = resolveConfig({ policyUrl: '/p', lang, texts: { [lang]: { rejectAll: 'Own' } } }, {});
      applyTranslation(fromList, list, en);
      applyTranslation(fromObject, texts, en);
      expect(fromList.texts).toEqual(fromObject.texts);
      expect(fromList.categories).toEqual(fromObject.categories);
      expect(fromList.texts.acceptAll).toBe(texts.acceptAll);
      expect(fromList.texts.rejectAll).toBe('Own');
    }
  });

  it('refuses a language whose keys are not exactly the English ones', () => {
    const { aiBadge: _dropped, ...short } = fr;
    expect(() => textsAsList(en, short, 'fr')).toThrow(/missing: aiBadge; unknown: none/);
    expect(() => textsAsList(en, { ...fr, extraKey: 'x' }, 'fr')).toThrow(/missing: none; unknown: extraKey/);
  });
});
