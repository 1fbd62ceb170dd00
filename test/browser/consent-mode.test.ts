import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENIED, newPage, sitePage, TestServer, ui } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

// Vendor stubs as their snippets define them, loaded before Candor; they only record calls.
const VENDORS = `<script>
  window.calls = { clarity: [], fbq: [] };
  window.clarity = function () { window.calls.clarity.push(Array.from(arguments)); };
  window.fbq = function () { window.calls.fbq.push(Array.from(arguments)); };
</script>`;
// Stands in for a Google tag placed right after Candor: records what it finds queued.
const GOOGLE_TAG = `<script>
  window.seenByTag = (window.dataLayer || []).map(function (a) { return Object.prototype.toString.call(a) + ' ' + a[0] + ' ' + a[1]; });
</script>`;
const tag = `<script src="/dist/candor.js"></script>${GOOGLE_TAG}`;

type Entry = { kind: string; args: unknown[] };
const dataLayer = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer?: IArguments[] }).dataLayer ?? []).map((a) => ({
      kind: Object.prototype.toString.call(a),
      args: JSON.parse(JSON.stringify(Array.from(a))) as unknown[],
    })),
  ) as Promise<Entry[]>;
const updates = async (page: Page) => (await dataLayer(page)).filter((e) => e.args[0] === 'consent' && e.args[1] === 'update');
const vendorCalls = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { calls: { clarity: unknown[][]; fbq: unknown[][] }; uetq: unknown[] };
    return { clarity: w.calls.clarity, fbq: w.calls.fbq, uetq: w.uetq };
  });

const GRANTED = Object.fromEntries(Object.keys(DENIED).map((k) => [k, 'granted']));

describe('Google Consent Mode v2 (SPEC §4, COMPLIANCE D)', () => {
  it('queues the default synchronously, as an Arguments object, before the Google tag; one update per decision', async () => {
    const url = server.page('/gcm.html', sitePage({ config: { policyUrl: '/privacy' }, head: VENDORS, tag }));
    const { page, context } = await newPage();
    await page.goto(url);
    expect(await page.evaluate(() => (window as unknown as { seenByTag: string[] }).seenByTag)).toEqual(['[object Arguments] consent default']);
    expect(await dataLayer(page)).toEqual([{ kind: '[object Arguments]', args: ['consent', 'default', DENIED] }]);
    expect(await vendorCalls(page)).toEqual({
      clarity: [['consentv2', { ad_Storage: 'denied', analytics_Storage: 'denied' }]],
      fbq: [['consent', 'revoke']],
      uetq: ['consent', 'default', { ad_storage: 'denied' }],
    });

    await page.locator(ui.action('accept')).click();
    expect(await updates(page)).toEqual([{ kind: '[object Arguments]', args: ['consent', 'update', GRANTED] }]);
    const afterAccept = await vendorCalls(page);
    expect(afterAccept.uetq.slice(3)).toEqual(['consent', 'update', { ad_storage: 'granted' }]);
    expect(afterAccept.clarity.at(-1)).toEqual(['consentv2', { ad_Storage: 'granted', analytics_Storage: 'granted' }]);
    expect(afterAccept.fbq).toEqual([['consent', 'revoke'], ['consent', 'grant']]);

    // withdrawal is a decision too: exactly one more update
    await page.evaluate(() => window.Candor!.withdraw());
    const u = await updates(page);
    expect(u).toHaveLength(2);
    expect(u[1]!.args[2]).toEqual(DENIED);
    expect((await vendorCalls(page)).fbq.at(-1)).toEqual(['consent', 'revoke']);
    await context.close();
  });

  it('maps categories to keys per SPEC §4 (analytics only → analytics_storage only)', async () => {
    const url = server.page('/gcm-partial.html', sitePage({ config: { policyUrl: '/privacy' }, head: VENDORS }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => window.Candor!.setConsent({ analytics: true }));
    expect(await updates(page)).toEqual([{ kind: '[object Arguments]', args: ['consent', 'update', { ...DENIED, analytics_storage: 'granted' }] }]);
    expect((await vendorCalls(page)).clarity.at(-1)).toEqual(['consentv2', { ad_Storage: 'denied', analytics_Storage: 'granted' }]);
    await context.close();
  });

  it('on a return visit, applies the stored choice as exactly one update right after the default, before the Google tag', async () => {
    const url = server.page('/gcm-return.html', sitePage({ config: { policyUrl: '/privacy' }, tag }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => window.Candor!.setConsent({ marketing: true }));
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { seenByTag: string[] }).seenByTag)).toEqual([
      '[object Arguments] consent default',
      '[object Arguments] consent update',
    ]);
    const dl = await dataLayer(page);
    expect(dl.map((e) => e.args)).toEqual([
      ['consent', 'default', DENIED],
      ['consent', 'update', { ...DENIED, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
    ]);
    await context.close();
  });

  it('a stored refusal is restored as one update too (it is a decision, COMPLIANCE G-3)', async () => {
    const url = server.page('/gcm-refused.html', sitePage({ config: { policyUrl: '/privacy' } }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('reject')).click();
    await page.reload();
    expect((await dataLayer(page)).map((e) => e.args)).toEqual([
      ['consent', 'default', DENIED],
      ['consent', 'update', DENIED],
    ]);
    await context.close();
  });

  it('wait_for_update, region, ads_data_redaction, url_passthrough and the map are configurable; an existing dataLayer is kept', async () => {
    const config = {
      policyUrl: '/privacy',
      googleConsentMode: {
        waitForUpdate: 500,
        region: ['DE', 'US-CA'],
        adsDataRedaction: true,
        urlPassthrough: true,
        map: { preferences: ['functionality_storage'], analytics: ['analytics_storage', 'personalization_storage'] },
      },
    };
    const head = `<script>window.dataLayer = [{ event: 'gtm.js' }];</script>`;
    const url = server.page('/gcm-options.html', sitePage({ config, head }));
    const { page, context } = await newPage();
    await page.goto(url);
    const dl = await page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer.map((a) => JSON.parse(JSON.stringify(Object.prototype.toString.call(a) === '[object Arguments]' ? Array.from(a as IArguments) : a))));
    // (GTM's snippet ran first but GTM has not read the queue: the default goes in front of
    // its gtm.js event, where Consent Mode needs it)
    expect(dl).toEqual([
      ['consent', 'default', { ...DENIED, wait_for_update: 500, region: ['DE', 'US-CA'] }],
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true],
      { event: 'gtm.js' },
    ]);
    await page.evaluate(() => window.Candor!.setConsent({ analytics: true }));
    expect((await updates(page))[0]!.args[2]).toEqual({ ...DENIED, analytics_storage: 'granted', personalization_storage: 'granted' });
    await context.close();
  });

  // Found in review: with the README's `defer` snippet, Candor runs after the page's inline
  // Google snippet, so the queue read js, config, then the default (G-1).
  it('loaded with defer after an inline Google snippet: the default and the stored choice go in front of its commands', async () => {
    const gtagSnippet = `<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-TEST');</script>`;
    const url = server.page('/gcm-defer.html', sitePage({ config: { policyUrl: '/privacy' }, tag: `<script src="/dist/candor.js" defer></script>${gtagSnippet}` }));
    const { page, context, console: lines } = await newPage();
    await page.goto(url);
    const order = async () => (await dataLayer(page)).map((e) => (e.args[0] === 'js' ? 'js' : `${e.args[0]} ${e.args[1]}`));
    expect(await order()).toEqual(['consent default', 'js', 'config G-TEST']);
    await page.locator(ui.action('accept')).click();
    expect(await order()).toEqual(['consent default', 'js', 'config G-TEST', 'consent update']);
    // the return visit: default and the stored choice, then the page's commands
    await page.reload();
    await page.waitForLoadState('load');
    expect(await order()).toEqual(['consent default', 'consent update', 'js', 'config G-TEST']);
    expect(lines.filter((l) => l.text.startsWith('[candor]'))).toEqual([]);
    await context.close();
  });

  it('a Google tag that read the dataLayer before Candor: one [candor] error says to load Candor first', async () => {
    // What gtag.js does when it loads: it reads the queue and replaces push.
    const loaded = `<script>window.dataLayer = [['js'], ['config', 'G-TEST']]; dataLayer.push = function () { return Array.prototype.push.apply(this, arguments); };</script>`;
    const url = server.page('/gcm-late.html', sitePage({ config: { policyUrl: '/privacy' }, head: loaded }));
    const { page, context, console: lines } = await newPage();
    await page.goto(url);
    await page.locator(ui.banner).waitFor();
    expect(lines.filter((l) => l.text.startsWith('[candor]')).map((l) => l.text)).toEqual([
      "[candor] a Google tag read the dataLayer before Candor's Consent Mode default: load candor.js before it",
    ]);
    // still queued (at the end), so the tag's next hits see it
    expect((await dataLayer(page)).at(-1)!.args.slice(0, 2)).toEqual(['consent', 'default']);
    await context.close();
  });

  it('googleConsentMode: false pushes nothing to Google', async () => {
    const url = server.page('/gcm-off.html', sitePage({ config: { policyUrl: '/privacy', googleConsentMode: false } }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('accept')).click();
    expect(await page.evaluate(() => (window as unknown as { dataLayer?: unknown }).dataLayer)).toBeUndefined();
    await context.close();
  });

  it('a decision made in another tab gives exactly one update in this one', async () => {
    const url = server.page('/gcm-tabs.html', sitePage({ config: { policyUrl: '/privacy' } }));
    const { page, context } = await newPage();
    await page.goto(url);
    const other = await context.newPage();
    await other.goto(url);
    await other.locator(ui.action('accept')).click();
    await expect.poll(async () => (await updates(page)).length).toBe(1);
    await page.waitForTimeout(200);
    expect(await updates(page)).toEqual([{ kind: '[object Arguments]', args: ['consent', 'update', GRANTED] }]);
    await context.close();
  });
});
