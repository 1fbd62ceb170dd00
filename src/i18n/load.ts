import type { CandorContext } from '../api/create-candor';
import type { ChunkName } from '../chunks/registry';
import { en, type TextKey } from './en';
import { LANGUAGES } from './index';

/** How long the banner waits for its language before showing in English. */
export const LANGUAGE_TIMEOUT_MS = 3000;

/**
 * Makes `config.texts` match `config.lang` before the UI shows. English needs nothing; a
 * built-in language is the chunk `candor-i18n-<lang>.js` from candor.js's own directory
 * (its texts and the code that applies them, pinned by SRI like every chunk). If that is
 * impossible, fails or takes too long, the UI speaks English and says so through `lang`
 * (WCAG 3.1.2), unless the owner wrote some texts for the language. Returns undefined when
 * there is nothing to wait for, so English renders synchronously.
 */
export function prepareTexts(ctx: CandorContext): Promise<void> | undefined {
  const { config, win } = ctx;
  const { lang } = config;
  if (lang === 'en') return undefined;
  const fallback = () => {
    if (!(Object.keys(en) as TextKey[]).some((k) => config.texts[k] !== en[k])) config.lang = 'en';
  };
  if (!LANGUAGES.includes(lang)) return void fallback();
  // A file that comes after the UI gave up waiting is not applied: the page view stays in the
  // language it was shown in (texts, `lang` and the texts hash of a choice agree).
  let late = false;
  return Promise.race([
    ctx.loadChunk(`i18n-${lang}` as ChunkName & `i18n-${string}`).then((m) => late || m.applyTranslation(config, m.texts, en)),
    new Promise<never>((_, reject) => win.setTimeout(() => reject((late = true)), LANGUAGE_TIMEOUT_MS)),
  ]).then(() => {}, fallback);
}
