import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentCookie, newPage, sitePage, TestServer, ui } from './harness';

/** The consent cookie's attributes and the proof-of-consent log (SPEC §3). */
let server: TestServer;
let tls: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
  tls = await new TestServer({ tls: true }).start();
});
afterAll(async () => {
  await server?.close();
  await tls?.close();
});

describe('the candor_consent cookie', () => {
  for (const [scheme, secure] of [
    ['https', true],
    ['http', false],
  ] as const) {
    it(`is ${secure ? '' : 'not '}Secure on ${scheme} pages, SameSite=Lax, Path=/`, async () => {
      const site = scheme === 'https' ? tls : server;
      const url = site.page('/secure.html', sitePage({ config: { policyUrl: '/privacy' } }));
      expect(url.startsWith(`${scheme}://`)).toBe(true);
      const { page, context, pageErrors } = await newPage({ ignoreHTTPSErrors: true });
      await page.goto(url);
      await page.locator(ui.action('accept')).click();
      await expect.poll(async () => (await consentCookie(context))?.secure).toBe(secure);
      expect(await consentCookie(context)).toMatchObject({ sameSite: 'Lax', path: '/', httpOnly: false, record: { s: 'banner' } });
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});

describe('consentLogUrl without a working sendBeacon', () => {
  // fetch is wrapped, not replaced: the request still goes out, and the page records how.
  const recordFetch = `window.__fetches = [];
    const realFetch = window.fetch;
    window.fetch = function (url, init) {
      window.__fetches.push({ url: String(url), method: init && init.method, keepalive: init && init.keepalive });
      return realFetch.apply(this, arguments);
    };`;
  for (const [name, stub, beacons] of [
    ['sendBeacon refuses (returns false)', `window.__beacons = 0; Navigator.prototype.sendBeacon = function () { window.__beacons++; return false; };`, 1],
    ['no sendBeacon at all', `delete Navigator.prototype.sendBeacon; window.__beacons = 0;`, 0],
  ] as const) {
    it(`${name}: the record is POSTed with fetch(…, { keepalive: true })`, async () => {
      const path = `/log/fallback-${beacons}`;
      const url = server.page(`/log-fallback-${beacons}.html`, sitePage({ config: { policyUrl: '/privacy', consentLogUrl: path } }));
      const { page, context, pageErrors } = await newPage();
      await page.addInitScript(stub + recordFetch);
      await page.goto(url);
      await page.locator(ui.action('reject')).click();
      await expect.poll(() => server.hitsTo(path).length).toBe(1);
      const hit = server.hitsTo(path)[0]!;
      expect(hit.method).toBe('POST');
      expect(hit.headers['content-type']).toBe('text/plain;charset=UTF-8');
      const c = await page.evaluate(() => window.Candor!.getConsent());
      expect(JSON.parse(hit.body)).toEqual({
        id: c.id,
        revision: '1',
        givenAt: c.givenAt,
        expiresAt: c.expiresAt,
        categories: c.categories,
        source: 'banner',
        textsHash: expect.stringMatching(/^[0-9a-z]{1,16}$/),
        aiAcknowledgedAt: null,
        url: server.url(`/log-fallback-${beacons}.html`),
      });
      const sent = await page.evaluate(() => {
        const w = window as unknown as { __fetches: { url: string }[]; __beacons: number };
        return { fetches: w.__fetches.filter((f) => f.url.includes('/log/')), beacons: w.__beacons };
      });
      expect(sent).toEqual({ fetches: [{ url: path, method: 'POST', keepalive: true }], beacons });
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});
