/**
 * The script-tag entry (`dist/candor.js`): reads the config from the page, starts Candor
 * once and exposes `window.Candor`. Works plain, `async` or `defer`, in `<head>` or at the
 * end of `<body>`; a second copy on the same page does nothing but warn.
 */
import type { Win } from '../util/win';
import { startCandor } from '../api/create-candor';
import { DATA_KEYS, readConfig } from '../config/read-config';
import type { GoogleConsentModeConfig } from '../config/resolve';
import { consentModeState } from '../enforce/consent-state';
import { createVendorBridge } from '../enforce/vendors';

// A symbol, not a name: an element with `id` or `name` "__candorLoaded" is a property of
// window too (HTML named access), and must not switch Candor off (issue 7).
const LOADED = Symbol.for('candor');

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
  try {
    // The JSON element only (SPEC §2): any other element with that id can be page content,
    // such as a visitor's comment, and must not configure Candor (issue 7).
    json = doc.querySelector('script[type="application/json"]#candor-config')?.textContent ?? null;
    // Only the keys Candor reads: a copy of the whole `dataset` costs Chromium more (it
    // lists every attribute first).
    const data = tag?.dataset;
    if (data) for (const key of DATA_KEYS) dataset[key] = data[key];
    htmlLang = doc.documentElement.getAttribute('lang');
  } catch {
    /* read what we can; validation reports the rest */
  }
  const result = readConfig({ global: win.CandorConfig, json, dataset }, {
    htmlLang,
    // Read only when `<html lang>` does not settle the language: asking for it cost a
    // return visit ~0.5 ms (4x CPU: 2 ms) on a page that says its language. Any value a
    // page gave it; pickLanguage keeps only the text entries (issue 7).
    get navigatorLanguages() {
      try {
        return win.navigator.languages;
      } catch {
        return [];
      }
    },
  });
  startCandor(result, win, {
    tag,
    cookies,
    expose(api) {
      // One warning, for the one thing that went wrong. Every read is inside the try: a
      // page's getter on window.Candor that throws must not stop the start (issue 7).
      let warning = 'window.Candor cannot be set on this page: use the candor:* events.';
      try {
        const existing = win.Candor;
        win.Candor = api;
        if (win.Candor === api) {
          warning =
            (typeof Candor === 'undefined' ? api : Candor) !== api
              ? 'a page `let`/`const`/`class Candor` hides the API: use window.Candor.'
              : existing !== undefined
                ? 'window.Candor was already defined by the page: replaced.'
                : '';
        }
      } catch {
        /* the first warning stands */
      }
      if (warning) console.warn(`[candor] ${warning}`);
    },
  });
}

// currentScript is set while a classic script runs (async and defer included), not after,
// and is null for a module or a script in a shadow root. The fallback wants `candor.js` in
// the URL, not just "candor": a page script such as `candor-analytics.js` (gated, maybe)
// must not have its data-* read as config or its URL used for the chunks (issue 7).
const tag = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="candor.js"]');
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
    // Candor must never break the page it runs on, and must fail closed: Google's tags,
    // UET, Clarity and Meta are still told "denied" (COMPLIANCE G-1), the default Candor
    // would have queued before any choice.
    console.error('[candor] could not start:', e);
    try {
      createVendorBridge(window, { enabled: true } as GoogleConsentModeConfig)('default', consentModeState({}, [], Boolean));
    } catch {
      /* nothing more can be done */
    }
  }
});
