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

function boot(win: Win & { [LOADED]?: boolean }, tag: HTMLScriptElement | null, cookies: string | undefined): void {
  if (win[LOADED]) {
    console.warn('[candor] the Candor script is on this page twice; the second copy does nothing.');
    return;
  }
  win[LOADED] = true;
  const doc = win.document;
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
  startCandor(result, win, {
    tag,
    cookies,
    expose(api) {
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
  });
}

// currentScript is set while a classic script runs (async and defer included), not after.
const tag = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="candor"]');
// Started from a microtask: it runs as soon as this script has run, before the parser or any
// other script goes on (HTML "clean up after running script"), so Consent Mode's default is
// still queued before any tag after Candor. But this file's top-level code is then off the
// stack: in Chromium (with the DevTools protocol attached, at least: that is how the bench
// drives it) a `document.cookie` read records where it was called from, and with this whole
// file on the stack that meant re-parsing all of it (V8 keeps no source positions for code
// that has not needed them): ~10 ms of a first visit here, ~1 ms now.
queueMicrotask(() => {
  try {
    // The page's one cookie read at start, from this small function: that costs about a
    // millisecond, against several from deep inside the start (each frame on the stack
    // needs its source positions). Candor's record is taken from this string.
    let cookies: string | undefined;
    try {
      cookies = document.cookie;
    } catch {
      /* sandboxed: the record store copes */
    }
    boot(window, tag, cookies);
  } catch (e) {
    // Candor must never break the page it runs on.
    console.error('[candor] could not start:', e);
  }
});
