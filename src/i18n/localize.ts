import type { ResolvedConfig } from '../config/resolve';
import { en, type TextKey, type Texts } from './en';

const KEYS = Object.keys(en) as TextKey[];

/**
 * Keeps only string values of known keys from a fetched translation file: it is data from
 * the network, so nothing in it may add keys, carry markup-bearing objects or grow without
 * bound (texts are rendered as text, never as HTML).
 */
export function pickTexts(data: unknown): Partial<Texts> | null {
  if (typeof data !== 'object' || data === null) return null;
  const out: Partial<Texts> = {};
  for (const k of KEYS) {
    const v = (data as Record<string, unknown>)[k];
    if (typeof v === 'string' && v.length <= 4000) out[k] = v;
  }
  return Object.keys(out).length ? out : null;
}

/** The strings the site owner set for the page's language: those that differ from English. */
export function ownerTexts(texts: Texts): Partial<Texts> {
  return Object.fromEntries(KEYS.filter((k) => texts[k] !== en[k]).map((k) => [k, texts[k]]));
}

/**
 * Applies a loaded translation under the site owner's overrides: English < translation <
 * owner. Category labels and descriptions still equal to the English defaults are translated
 * too; ones the owner wrote are kept. Mutates `config` on purpose: the UI and the AI notices
 * read the same config object, and the translation arrives after they were created.
 */
export function applyTranslation(config: ResolvedConfig, translation: Partial<Texts>): void {
  const texts: Texts = { ...en, ...translation, ...ownerTexts(config.texts) };
  for (const c of config.categories) {
    for (const [field, suffix] of [
      ['label', 'Label'],
      ['description', 'Description'],
    ] as const) {
      const key = `${c.id}${suffix}` as TextKey;
      if (key in en && c[field] === en[key]) c[field] = texts[key];
    }
  }
  config.texts = texts;
}
