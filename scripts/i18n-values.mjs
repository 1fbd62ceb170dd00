// A build step for the language chunks (dist/candor-i18n-<lang>.js): a language's texts go in
// as a plain list of strings, in the order of the English keys, instead of an object. The key
// names are in candor.js already (its English texts), and each chunk would otherwise carry
// all ~45 of them again: ~280 B gzip of every page view in another language. The chunk's
// applyTranslation() puts the names back (src/i18n/localize.ts).
import { readFileSync } from 'node:fs';

/**
 * The object literal of `export const <name> = { … };` (with or without a type) in a texts
 * module, evaluated: the modules hold string literals only.
 */
export function readTexts(source, name) {
  const start = new RegExp(`export const ${name}(?::\\s*\\w+)?\\s*=\\s*\\{`).exec(source);
  if (!start) throw new Error(`i18n-values: no "export const ${name} = {" found`);
  const from = start.index + start[0].length - 1;
  const end = source.indexOf('\n};', from);
  if (end < 0) throw new Error(`i18n-values: the texts of "${name}" do not end with "};" on a line of its own`);
  return Function(`"use strict"; return (${source.slice(from, end + 2)});`)();
}

/** The module `export const <lang> = [ … ]`: the values of `texts` in the order of `en`'s keys. */
export function textsAsList(en, texts, lang) {
  const keys = Object.keys(en);
  const missing = keys.filter((k) => typeof texts[k] !== 'string');
  const extra = Object.keys(texts).filter((k) => !Object.hasOwn(en, k));
  if (missing.length || extra.length) {
    throw new Error(`i18n-values: ${lang} must have exactly the English keys (missing: ${missing.join(', ') || 'none'}; unknown: ${extra.join(', ') || 'none'})`);
  }
  return `export const ${lang} = ${JSON.stringify(keys.map((k) => texts[k]))};\n`;
}

/** Vite plugin: loads `src/i18n/<lang>.ts` (one of `langs`) as its list of values. */
export function i18nValues(srcDir, langs) {
  const file = (lang) => `${srcDir}/i18n/${lang}.ts`;
  return {
    name: 'candor-i18n-values',
    enforce: 'pre',
    load(id) {
      const lang = langs.find((l) => id === file(l));
      if (!lang) return null;
      const en = readTexts(readFileSync(file('en'), 'utf8'), 'en');
      return textsAsList(en, readTexts(readFileSync(id, 'utf8'), lang), lang);
    },
  };
}
