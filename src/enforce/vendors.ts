import type { GoogleConsentModeConfig } from '../config/resolve';
import type { Win } from '../util/win';
import type { ConsentState } from './consent-state';

type Bag = Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

/** Tells the tags on the page the consent state: `default` once at start, then `update`. */
export type TellVendors = (command: 'default' | 'update', state: ConsentState) => void;

/**
 * Google Consent Mode v2, Microsoft UET, Microsoft Clarity and the Meta pixel, told in
 * their own documented call shapes (COMPLIANCE D, E). Every call is guarded: a page that
 * defines one of these globals oddly never breaks Candor or the rest.
 */
export function createVendorBridge(win: Win, gcm: GoogleConsentModeConfig): TellVendors {
  const w = win as unknown as Bag;
  // Where the start's commands go: the front of a dataLayer that page code already queued
  // commands on but no Google tag has read yet (see below); else the end.
  let at = -1;
  // Exactly what Google's snippet defines, `function gtag(){dataLayer.push(arguments)}`:
  // gtag.js processes `Arguments` objects and ignores plain arrays pushed to the dataLayer.
  const gtag = function (..._args: unknown[]) {
    const dl = (w.dataLayer ??= []) as unknown[];
    // biome-ignore lint: the Arguments object is the point
    if (at >= 0) dl.splice(at++, 0, arguments);
    // biome-ignore lint: the Arguments object is the point
    else dl.push(arguments);
  };
  const call = (name: string, ...args: unknown[]) => {
    try {
      const f = w[name];
      if (typeof f === 'function') (f as Fn)(...args);
    } catch {
      /* a vendor's own failure is not ours to surface */
    }
  };
  return (command, state) => {
    if (gcm.enabled) {
      try {
        if (command === 'default') {
          // Candor loaded with `defer` or `async` runs after the page's inline Google snippet
          // (`gtag('js')`, `gtag('config')`, GTM's `gtm.js` event). While those still wait in
          // a plain array (gtag.js and GTM replace `push` when they load), the default and
          // the stored choice go in front of them, where Consent Mode needs them (G-1). A
          // Google tag that already read the dataLayer was too early: say so.
          const dl = w.dataLayer as unknown[] | undefined;
          if (Array.isArray(dl) && dl.length) {
            if (dl.push === Array.prototype.push) {
              at = 0;
              queueMicrotask(() => (at = -1));
            } else console.error("[candor] a Google tag read the dataLayer before Candor's Consent Mode default: load candor.js before it");
          }
          gtag('consent', 'default', {
            ...state,
            ...(gcm.waitForUpdate !== undefined && { wait_for_update: gcm.waitForUpdate }),
            ...(gcm.region && { region: gcm.region }),
          });
          if (gcm.adsDataRedaction) gtag('set', 'ads_data_redaction', true);
          if (gcm.urlPassthrough) gtag('set', 'url_passthrough', true);
        } else gtag('consent', 'update', state);
      } catch {
        /* a dataLayer without push */
      }
    }
    const ad = state.ad_storage;
    // UET: Microsoft's own snippet starts `window.uetq = window.uetq || []`, and the default
    // must be queued before the tag loads (V-1), so the queue is created like the dataLayer.
    try {
      ((w.uetq ??= []) as { push: Fn }).push('consent', command, { ad_storage: ad });
    } catch {
      /* not a queue */
    }
    // Clarity and Meta only when present: defining `fbq` first would make Meta's snippet
    // return early and never load the pixel.
    call('clarity', 'consentv2', { ad_Storage: ad, analytics_Storage: state.analytics_storage });
    call('fbq', 'consent', ad === 'granted' ? 'grant' : 'revoke');
  };
}
