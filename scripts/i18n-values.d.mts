/** Types for scripts/i18n-values.mjs (plain ESM, used by vite.config.ts and a unit test). */
export function readTexts(source: string, name: string): Record<string, string>;
export function textsAsList(en: Record<string, string>, texts: Record<string, string>, lang: string): string;
export function i18nValues(srcDir: string, langs: string[]): { name: string; enforce: 'pre'; load(id: string): string | null };
