/**
 * The script-tag entry (`dist/candor.js`): reads the config from the page, starts Candor
 * once and exposes `window.Candor`. Works plain, `async` or `defer`, in `<head>` or at the
 * end of `<body>`; a second copy on the same page does nothing but warn.
 */
import type { Win } from '../util/win';
import { startCandor } from '../api/create-candor';
import { readConfig } from '../config/read-config';

const LOADED = '__candorLoaded';

// The global binding page code sees as bare `Candor`: a page's `let`/`const Candor` lives
// there and hides `window.Candor` from its scripts.
declare const Candor: unknown;

function boot(win: Win & { [LOADED]?: boolean }): void {
  if (win[LOADED]) {
    console.warn('[candor] the Candor script is on this page twice; the second copy does nothing.');
    return;
  }
  win[LOADED] = true;
  const doc = win.document;
  // currentScript is set while a classic script runs, async and defer included.
  const tag = (doc.currentScript as HTMLScriptElement | null) ?? doc.querySelector<HTMLScriptElement>('script[src*="candor"]');
  let json: string | null = null;
  let dataset: Record<string, string | undefined> = {};
  let htmlLang: string | null = null;
  let languages: readonly string[] = [];
  try {
    json = doc.getElementById('candor-config')?.textContent ?? null;
    dataset = tag ? { ...tag.dataset } : {};
    htmlLang = doc.documentElement.getAttribute('lang');
    languages = win.navigator.languages ?? [];
  } catch {
    /* read what we can; validation reports the rest */
  }
  const result = readConfig({ global: win.CandorConfig, json, dataset }, { htmlLang, navigatorLanguages: languages });
  startCandor(
    result,
    win,
    (api) => {
      const existing = win.Candor;
      try {
        win.Candor = api;
      } catch {
        /* checked below */
      }
      // One warning, for the one thing that went wrong.
      if (win.Candor !== api) console.warn('[candor] window.Candor cannot be set on this page; use the candor:* events instead.');
      else if ((typeof Candor === 'undefined' ? api : Candor) !== api) {
        console.warn('[candor] a page script declares its own `Candor` (let/const/class), which hides Candor\'s API: use window.Candor.');
      } else if (existing !== undefined) console.warn('[candor] window.Candor was already defined by the page; Candor replaces it.');
    },
  );
}

try {
  boot(window);
} catch (e) {
  // Candor must never break the page it runs on.
  console.error('[candor] could not start:', e);
}
