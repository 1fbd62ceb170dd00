import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, TestServer, ui } from './harness';
import { adsRuns, analyticsRuns, candorErrors, cookieNames, GPC, newPageWith, openChat, settled, storageKeys } from './demo-helpers';

// Aramin Technology's privacy policy: cookies, local storage, pixels and device identifiers;
// optional analytics and marketing subject to consent depending on location; AI features.
// index.html is what every visitor gets; us.html is what the server sends US visitors.
const EU = '/demo/sites/aramin/index.html';
const US = '/demo/sites/aramin/us.html';
const OPTIONAL_COOKIES = ['_fbp', '_ga', '_ga_D3M0', '_gcl_au', '_gid'];
let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

describe('Aramin Technology demo site', () => {
  it('opt-in: no pixel, tag, cookie, storage key or device id before consent; withdrawal deletes them all', async () => {
    const { page, context, console: lines, pageErrors } = await newPage();
    await page.goto(server.url(EU));
    await page.locator(ui.banner).waitFor();
    await settled(page);
    expect([await analyticsRuns(page), await adsRuns(page)]).toEqual([0, 0]);
    expect(server.hitsTo('/track/pixel.gif')).toEqual([]);
    expect(await cookieNames(context)).toEqual([]);
    expect(await storageKeys(page)).toEqual([]);

    await page.locator(ui.action('accept')).click();
    await expect.poll(() => adsRuns(page)).toBe(1);
    await expect.poll(() => server.hitsTo('/track/pixel.gif').length).toBe(1);
    expect(await analyticsRuns(page)).toBe(1);
    expect(await cookieNames(context)).toEqual([...OPTIONAL_COOKIES, 'candor_consent'].sort());
    expect(await storageKeys(page)).toEqual(['ar_ad_device_id', 'ar_analytics_events']);

    await page.evaluate(() => window.Candor!.withdraw());
    // Removal code is the cleanup chunk, fetched on the first withdrawal.
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent']);
    await expect.poll(() => storageKeys(page)).toEqual([]);
    expect(candorErrors(lines)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('US page: optional parts run until "Do Not Sell or Share", which stops and deletes them', async () => {
    const { page, context, console: lines } = await newPage();
    await page.goto(server.url(US));
    await expect.poll(() => adsRuns(page)).toBe(1);
    await expect.poll(() => analyticsRuns(page)).toBe(1);
    expect(await storageKeys(page)).toEqual(['ar_ad_device_id', 'ar_analytics_events']);

    await page.locator(ui.action('do-not-sell')).click();
    expect(await page.evaluate(() => window.Candor!.getConsent().categories)).toMatchObject({ analytics: false, marketing: false });
    // Removal code is the cleanup chunk, fetched on the first withdrawal.
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent']);
    await expect.poll(() => storageKeys(page)).toEqual([]);
    await page.reload();
    await settled(page);
    expect([await analyticsRuns(page), await adsRuns(page)]).toEqual([0, 0]);
    expect(candorErrors(lines)).toEqual([]);
    await context.close();
  });

  it('US page with Global Privacy Control: opted out without a question, nothing optional runs', async () => {
    const { page, context } = await newPageWith(GPC);
    await page.goto(server.url(US));
    await settled(page);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'gpc', categories: { analytics: false, marketing: false } });
    expect([await analyticsRuns(page), await adsRuns(page)]).toEqual([0, 0]);
    expect(await cookieNames(context)).toEqual(['candor_consent']);
    await page.locator('[data-candor="fab-signal"]').getByText('Opt-out preference signal honored').waitFor();
    await context.close();
  });

  it('the assistant carries its AI notice', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(EU));
    const notice = await openChat(page, '#assistant-chat');
    expect(await notice.innerText()).toContain('You are chatting with an AI system, not a human.');
    await context.close();
  });
});
