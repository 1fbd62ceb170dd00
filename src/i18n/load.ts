import type { Win } from '../util/win';
import type { ResolvedConfig } from '../config/resolve';
import type { Texts } from './en';
import { applyTranslation, ownerTexts, pickTexts } from './localize';

declare const __CANDOR_I18N_SRI__: Record<string, string> | undefined;
/**
 * SRI hashes of `dist/i18n/<lang>.json`, computed by scripts/build.mjs and baked into the
 * script-tag bundle. A page that pins candor.js with `integrity` thereby pins the language
 * files too: a changed file fails the check and the UI falls back to English. The ES module
 * build has none (bundler users pass translations through `texts`).
 */
const SRI: Record<string, string> = typeof __CANDOR_I18N_SRI__ === 'object' && __CANDOR_I18N_SRI__ ? __CANDOR_I18N_SRI__ : {};

/** How long the banner waits for its language before showing in English. */
export const LANGUAGE_TIMEOUT_MS = 3000;

/**
 * The URL of a language file: `i18n/<lang>.json` in the directory of candor.js itself, never
 * another origin or path (SPEC §1). Null when the script's own URL is unknown.
 */
export function languageUrl(scriptSrc: string | null | undefined, lang: string): string | null {
  if (!scriptSrc) return null;
  try {
    return new URL(`i18n/${lang}.json`, scriptSrc).href;
  } catch {
    return null;
  }
}

/** Fetches and checks one translation; resolves null on any failure or after the timeout. */
export function fetchTexts(win: Win, url: string, integrity: string | undefined, timeoutMs = LANGUAGE_TIMEOUT_MS): Promise<Partial<Texts> | null> {
  // JSON, not a script: a language file can only ever change words, never run code.
  return Promise.race([
    Promise.resolve()
      .then(() => win.fetch(url, { credentials: 'same-origin', integrity }))
      .then((r) => (r.ok ? r.json() : null)).then(pickTexts),
    new Promise<null>((resolve) => win.setTimeout(resolve, timeoutMs, null)),
  ]).catch(() => null);
}

/**
 * Makes `config.texts` match `config.lang` before the UI shows: English needs nothing; a
 * built-in language is fetched from candor.js's directory.
 * If that is impossible or fails, the UI speaks English and says so through `lang`
 * (WCAG 3.1.2), unless the owner wrote some texts for the language. Returns undefined when
 * there is nothing to wait for, so English renders synchronously.
 */
export function prepareTexts(win: Win, config: ResolvedConfig, scriptSrc: string | null | undefined): Promise<void> | undefined {
  const { lang } = config;
  if (lang === 'en') return undefined;
  const url = SRI[lang] ? languageUrl(scriptSrc, lang) : null;
  const fallback = () => {
    if (!Object.keys(ownerTexts(config.texts)).length) config.lang = 'en';
  };
  if (!url) return void fallback();
  return fetchTexts(win, url, SRI[lang]).then((t) => (t ? applyTranslation(config, t) : fallback()));
}

