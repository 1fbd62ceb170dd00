import type { ConsentRecord } from './record';
import type { Win } from '../util/win';

/**
 * Sends a saved record to the site's `consentLogUrl` as proof of consent (GDPR Art. 7(1)).
 * The body is JSON sent as `text/plain`: a CORS-safelisted type, so a cross-origin log
 * endpoint needs no preflight, and `sendBeacon` accepts it in every browser. Fire and
 * forget: a failure here never blocks or bothers the visitor.
 */
export function sendConsentLog(win: Win, url: string, rec: ConsentRecord): void {
  try {
    const body = JSON.stringify({
      id: rec.id,
      revision: rec.revision,
      givenAt: rec.givenAt,
      expiresAt: rec.expiresAt,
      categories: rec.categories,
      source: rec.source,
      textsHash: rec.textsHash,
      aiAcknowledgedAt: rec.aiAcknowledgedAt,
      // Origin and path only: a query string can carry personal data.
      url: win.location.origin + win.location.pathname,
    });
    const nav = win.navigator;
    if (typeof nav.sendBeacon === 'function' && nav.sendBeacon(url, body)) return;
    win
      .fetch(url, { method: 'POST', body, keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'text/plain;charset=UTF-8' } })
      .catch(() => {});
  } catch {
    // logging is best effort by design
  }
}
