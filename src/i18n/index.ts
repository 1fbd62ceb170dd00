import { en, type Texts } from './en';

/**
 * The built-in languages. Only English is inside `candor.js`; each other one is a chunk,
 * `candor-i18n-<lang>.js` next to it, fetched on pages in that language (see load.ts), so
 * a visitor downloads one language, not six.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it'];

/**
 * Chooses the language: an explicit `lang`, or for `auto` the page's `<html lang>`, then
 * the browser's languages, then English. A regional code falls back to its base language
 * (`de-AT` → `de`). Languages the site owner wrote `texts` for count as available.
 */
export function pickLanguage(
  setting: string,
  hints: { htmlLang?: string | null; navigatorLanguages?: readonly string[] },
  extra: readonly string[] = [],
): string {
  const available = new Set([...LANGUAGES, ...extra.map((l) => l.toLowerCase())]);
  const match = (code: unknown): string | undefined => {
    // A page can give navigator.languages any value (issue 7): only text counts.
    if (typeof code !== 'string') return undefined;
    const lower = code.toLowerCase();
    if (available.has(lower)) return lower;
    const base = lower.split('-')[0] ?? '';
    return available.has(base) ? base : undefined;
  };
  if (setting !== 'auto') return match(setting) ?? 'en';
  // `concat` takes a list's entries and wraps anything else: a plain `'de'` counts as ['de'].
  return match(hints.htmlLang) ?? ([] as unknown[]).concat(hints.navigatorLanguages).map(match).find(Boolean) ?? 'en';
}

/**
 * English, overlaid by a translation (when already loaded), overlaid by the site owner's
 * texts for that language.
 */
export function textsFor(lang: string, overrides: Record<string, Partial<Texts>> = {}, translation?: Partial<Texts>): Texts {
  const own = Object.keys(overrides).find((k) => k.toLowerCase() === lang);
  return { ...en, ...translation, ...(own ? overrides[own] : undefined) };
}
