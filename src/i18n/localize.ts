import type { ResolvedConfig } from '../config/resolve';
import type { TextKey, Texts } from './en';

/**
 * Applies a translation under the site owner's overrides: English < translation < owner.
 * Category labels and descriptions still equal to the English defaults are translated too;
 * ones the owner wrote are kept. Mutates `config` on purpose: the UI and the AI notices read
 * the same config object, and the translation arrives after they were created. English is
 * passed in (candor.js has it) so that each language chunk does not carry a second copy; for
 * the same reason a chunk's translation is a list of the strings in the order of the English
 * keys (scripts/i18n-values.mjs), named here.
 */
export function applyTranslation(config: ResolvedConfig, given: Partial<Texts> | readonly string[], en: Texts): void {
  const keys = Object.keys(en) as TextKey[];
  const translation: Partial<Texts> = Array.isArray(given) ? Object.fromEntries(keys.map((k, i) => [k, (given as readonly string[])[i]])) : (given as Partial<Texts>);
  // The owner's own strings for this page: those that differ from English.
  const own = Object.fromEntries(keys.filter((k) => config.texts[k] !== en[k]).map((k) => [k, config.texts[k]]));
  const texts: Texts = { ...en, ...translation, ...own };
  for (const c of config.categories) {
    for (const [field, suffix] of [
      ['label', 'Label'],
      ['description', 'Description'],
    ] as const) {
      const key = `${c.id}${suffix}` as TextKey;
      if (Object.hasOwn(en, key) && c[field] === en[key]) c[field] = texts[key];
    }
  }
  config.texts = texts;
}
