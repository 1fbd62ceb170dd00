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
  it('opt-in: no pixel, tag, cookie, storage key or device id before consent; withdrawal deletes them all but the essential session cookie', async () => {
    const { page, context, console: lines, pageErrors } = await newPage();
    await page.goto(server.url(EU));
    await page.locator(ui.banner).waitFor();
    await settled(page);
    expect([await analyticsRuns(page), await adsRuns(page)]).toEqual([0, 0]);
    expect(server.hitsTo('/track/pixel.gif')).toEqual([]);
    expect(await cookieNames(context)).toEqual([]);
    expect(await storageKeys(page)).toEqual([]);
    // The assistant's session cookie is on the essential list: it needs no consent.
    await openChat(page, '#assistant-chat');
    expect(await cookieNames(context)).toEqual(['ar_session']);

    await page.locator(ui.action('accept')).click();
    await expect.poll(() => adsRuns(page)).toBe(1);
    await expect.poll(() => server.hitsTo('/track/pixel.gif').length).toBe(1);
    expect(await analyticsRuns(page)).toBe(1);
    expect(await cookieNames(context)).toEqual([...OPTIONAL_COOKIES, 'ar_session', 'candor_consent'].sort());
    expect(await storageKeys(page)).toEqual(['ar_ad_device_id', 'ar_analytics_events']);

    await page.evaluate(() => window.Candor!.withdraw());
    // Removal code is the cleanup chunk, fetched on the first withdrawal.
    await expect.poll(() => cookieNames(context)).toEqual(['ar_session', 'candor_consent']);
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

  // privacy.html says GPC is honoured everywhere, so the opt-in page honours it too.
  it('EU page with Global Privacy Control: analytics and marketing refused without a question, the signal shown', async () => {
    const { page, context } = await newPageWith(GPC);
    const pixelHits = server.hitsTo('/track/pixel.gif').length; // the server is shared by this file's tests
    await page.goto(server.url(EU));
    await settled(page);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ given: true, source: 'gpc', categories: { analytics: false, marketing: false } });
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    expect([await analyticsRuns(page), await adsRuns(page)]).toEqual([0, 0]);
    expect(server.hitsTo('/track/pixel.gif')).toHaveLength(pixelHits);
    expect(await cookieNames(context)).toEqual(['candor_consent']);
    expect(await storageKeys(page)).toEqual([]);
    await page.locator('[data-candor="fab-signal"]').getByText('Opt-out preference signal honored').waitFor();
    await context.close();
  });

  it('the theme is remembered only with "preferences" consent, also when given after the choice, and withdrawal deletes it', async () => {
    const theme = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    const stored = (page: import('playwright-core').Page) => page.evaluate(() => localStorage.getItem('ar_theme'));
    // Without consent: the page turns dark for this view, nothing is stored.
    const refused = await newPage();
    await refused.page.goto(server.url(EU));
    await refused.page.locator(ui.action('reject')).click();
    await refused.page.locator('#theme').selectOption('dark');
    expect(await theme(refused.page)).toBe('dark');
    await expect(refused.page.locator('#theme-status').innerText()).resolves.toContain('this visit only');
    expect(await storageKeys(refused.page)).toEqual([]);
    await refused.page.reload();
    expect(await theme(refused.page)).toBe('light');
    await refused.context.close();

    // Chosen before any answer, then preferences allowed (candor:change): kept from then on.
    const { page, context } = await newPage();
    await page.goto(server.url(EU));
    await page.locator('#theme').selectOption('dark');
    expect(await stored(page)).toBeNull();
    await page.locator(ui.action('customize')).click();
    await page.locator(`${ui.preferences} input[data-category="preferences"]`).check();
    await page.locator(ui.action('save')).click();
    await expect.poll(() => stored(page)).toBe('dark');
    await page.reload();
    expect(await theme(page)).toBe('dark');
    await expect(page.locator('#theme').inputValue()).resolves.toBe('dark');
    // With consent a new choice is stored at once.
    await page.locator('#theme').selectOption('light');
    expect(await stored(page)).toBe('light');
    await expect(page.locator('#theme-status').innerText()).resolves.toContain('Remembered');

    await page.evaluate(() => window.Candor!.withdraw());
    await expect.poll(() => storageKeys(page)).toEqual([]);
    await context.close();
  });

  it('the assistant carries its AI notice, which says third-party model providers produce the answers', async () => {
    for (const path of [EU, US]) {
      const { page, context } = await newPage();
      await page.goto(server.url(path));
      const notice = await openChat(page, '#assistant-chat');
      const text = await notice.innerText();
      expect(text).toContain('You are chatting with an AI system, not a human.');
      expect(text).toContain('it sends what you write to AI models run by third-party providers');
      await context.close();
    }
  });
});
