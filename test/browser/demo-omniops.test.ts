import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, TestServer, ui } from './harness';
import {
  analyticsRuns,
  candorErrors,
  consentCommands,
  cookieNames,
  DNT,
  expectOnlyEssential,
  GPC,
  newPageWith,
  openChat,
  settled,
  storageKeys,
} from './demo-helpers';

// OmniOps's privacy policy, promise by promise (demo/README.md has the table).
const PAGE = '/demo/sites/omniops/index.html';
const ESSENTIAL = ['candor_consent', 'oo_chat', 'oo_session'];
let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

describe('OmniOps demo site', () => {
  it('analytics only with consent; withdrawing removes every analytics cookie and storage key the script wrote', async () => {
    const { page, context, console: lines, pageErrors } = await newPage();
    await page.goto(server.url(PAGE));
    await page.locator(ui.banner).waitFor();
    await settled(page);
    // Nothing optional before a choice: no analytics run, cookie, storage key or hit.
    expect(await analyticsRuns(page)).toBe(0);
    expect(await cookieNames(context)).toEqual([]);
    expect(await storageKeys(page)).toEqual([]);
    expect(server.hitsTo('/track')).toEqual([]);
    // The banner says what this site does (no advertising), not the generic text.
    const banner = await page.locator(ui.banner).innerText();
    expect(banner).toContain('We do not sell or share your data for advertising');
    expect(banner).not.toContain('relevant ads');

    await page.locator(ui.action('accept')).click();
    await expect.poll(() => analyticsRuns(page)).toBe(1);
    expect(await cookieNames(context)).toEqual(['_ga', '_ga_D3M0', '_gid', 'candor_consent']);
    expect(await storageKeys(page)).toEqual(['oo_analytics_queue']);
    expect(server.hitsTo('/track/collect')).toHaveLength(1);

    // Withdraw in the preference center, opened from the footer's "Cookie settings" link.
    const changes = page.evaluate(() => new Promise((r) => document.addEventListener('candor:change', (e) => r((e as CustomEvent).detail.revoked), { once: true })));
    await page.locator('footer [data-candor-open]').click();
    await page.locator('input[data-category="analytics"]').uncheck();
    await page.locator(ui.action('save')).click();
    expect(await changes).toEqual(['analytics']);
    // Removal code is the cleanup chunk (prefetched when the preference center opened).
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent']);
    await expect.poll(() => storageKeys(page)).toEqual([]);
    // ... and on the next page view the analytics script stays on hold.
    await page.reload();
    await settled(page);
    expect(await analyticsRuns(page)).toBe(0);
    expect(await cookieNames(context)).toEqual(['candor_consent']);
    expect(candorErrors(lines)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('Do Not Track: no question, only essential cookies exist, and the preference center says why', async () => {
    const { page, context } = await newPageWith(DNT);
    await page.goto(server.url(PAGE));
    await settled(page);
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ given: true, source: 'dnt', categories: { analytics: false } });
    await openChat(page, '#support'); // the chat's own essential cookie
    expect(await analyticsRuns(page)).toBe(0);
    expect(await cookieNames(context)).toEqual(['candor_consent', 'oo_chat']);
    await expectOnlyEssential(context, ESSENTIAL);
    expect(await storageKeys(page)).toEqual([]);
    await page.evaluate(() => window.Candor!.showPreferences());
    await page.locator(ui.preferences).getByText('Your browser asks not to be tracked').waitFor();
    await context.close();
  });

  it('the AI chat says it is an AI, names Anthropic, OpenAI and Google, offers human review, and stays after any cookie choice', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    const notice = await openChat(page, '#support');
    const text = await notice.innerText();
    expect(text).toContain('You are chatting with an AI system, not a human.');
    expect(text).toContain('AI providers: Anthropic (Claude), OpenAI (GPT), Google (Gemini)');
    await expect(notice.locator('a', { hasText: 'Learn more' }).getAttribute('href')).resolves.toBe('/demo/sites/omniops/privacy.html#ai');
    await expect(notice.locator('a', { hasText: 'Ask for a human to review' }).getAttribute('href')).resolves.toBe('mailto:hello@omniops.co.uk');
    await page.locator(ui.action('reject')).click();
    await expect(notice.isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('opting out of AI processing (the policy\'s right to object) makes the chat hand over to a person', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    expect(await page.evaluate(() => window.Candor!.hasConsent('ai'))).toBe(true);
    await page.locator(ui.action('customize')).click();
    await page.locator('input[data-category="ai"]').uncheck();
    await page.locator(ui.action('save')).click();
    expect(await page.evaluate(() => window.Candor!.hasConsent('ai'))).toBe(false);
    await openChat(page, '#support');
    await page.locator('#support input').fill('Where is my order?');
    await page.locator('#support form button').click();
    await expect(page.locator('#support .msg.bot').innerText()).resolves.toContain('a person will answer at hello@omniops.co.uk');
    await context.close();
  });

  it('the cookie list shows names and durations in the preference center', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    await page.locator(ui.action('customize')).click();
    const summaries = page.locator(`${ui.preferences} [data-candor="services"] summary`);
    await summaries.first().waitFor();
    for (let i = 0; i < (await summaries.count()); i++) await summaries.nth(i).click();
    const rows = await page.locator(`${ui.preferences} table.cookies tbody tr`).evaluateAll((trs) =>
      // each cell's value, without the column name shown beside it on narrow screens (aria-hidden)
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.lastChild?.textContent)),
    );
    const byName = Object.fromEntries(rows.map((r) => [r[0], r[3]]));
    expect(byName).toMatchObject({ oo_chat: 'Session', candor_consent: '6 months', _ga: '2 years', '_ga_*': '2 years', _gid: '24 hours' });
    await context.close();
  });

  it('no sale or sharing: Accept all grants analytics only, Google advertising keys stay denied; GPC opts out without a question', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    expect(Object.keys(await page.evaluate(() => window.Candor!.getConsent().categories)).sort()).toEqual(['ai', 'analytics', 'necessary']);
    await page.locator(ui.action('accept')).click();
    const [command, state] = (await consentCommands(page)).at(-1)!;
    expect(command).toBe('update');
    expect(state).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
    await context.close();

    const gpc = await newPageWith(GPC);
    await gpc.page.goto(server.url(PAGE));
    await settled(gpc.page);
    expect(await gpc.page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'gpc', categories: { analytics: false } });
    await expect(gpc.page.locator(ui.banner).count()).resolves.toBe(0);
    await gpc.page.locator('[data-candor="fab-signal"]').getByText('Opt-out preference signal honored').waitFor();
    expect(await analyticsRuns(gpc.page)).toBe(0);
    expect(await cookieNames(gpc.context)).toEqual(['candor_consent']);
    await gpc.context.close();
  });
});
