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
    // The record as it is (ConsentRecord holds only what SPEC §3 lists), and where it was
    // given: origin and path only, as a query string can carry personal data.
    const body = JSON.stringify({ ...rec, url: win.location.origin + win.location.pathname });
    const nav = win.navigator;
    if (typeof nav.sendBeacon === 'function' && nav.sendBeacon(url, body)) return;
    win
      .fetch(url, { method: 'POST', body, keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'text/plain;charset=UTF-8' } })
      .catch(() => {});
  } catch {
    // logging is best effort by design
  }
}
