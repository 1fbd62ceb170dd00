import { en, type Texts } from './en';

/** Built-in translations, by language code. English is the base every other merges onto. */
export const BUILT_IN: Record<string, Partial<Texts>> = { en };

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
  const available = new Set([...Object.keys(BUILT_IN), ...extra.map((l) => l.toLowerCase())]);
  const match = (code: string | null | undefined): string | undefined => {
    if (!code) return undefined;
    const lower = code.toLowerCase();
    if (available.has(lower)) return lower;
    const base = lower.split('-')[0] ?? '';
    return available.has(base) ? base : undefined;
  };
  if (setting !== 'auto') return match(setting) ?? 'en';
  return match(hints.htmlLang) ?? (hints.navigatorLanguages ?? []).map(match).find(Boolean) ?? 'en';
}

/** English, overlaid by the built-in translation, overlaid by the site owner's texts. */
export function textsFor(lang: string, overrides: Record<string, Partial<Texts>> = {}): Texts {
  const own = Object.keys(overrides).find((k) => k.toLowerCase() === lang);
  return { ...en, ...BUILT_IN[lang], ...(own ? overrides[own] : undefined) };
}
