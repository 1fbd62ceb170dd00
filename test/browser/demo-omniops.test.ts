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
  it('analytics only with consent; withdrawing removes every analytics cookie and storage key the script wrote, not the session cookie', async () => {
    const { page, context, console: lines, pageErrors } = await newPage();
    await page.goto(server.url(PAGE));
    await page.locator(ui.banner).waitFor();
    await settled(page);
    // Nothing optional before a choice: no analytics run, cookie, storage key or hit; only the
    // essential session cookie the page sets on every view.
    expect(await analyticsRuns(page)).toBe(0);
    expect(await cookieNames(context)).toEqual(['oo_session']);
    expect(await storageKeys(page)).toEqual([]);
    expect(server.hitsTo('/track')).toEqual([]);
    // The banner says what this site does (no advertising), not the generic text.
    const banner = await page.locator(ui.banner).innerText();
    expect(banner).toContain('We do not sell or share your data for advertising');
    expect(banner).not.toContain('relevant ads');

    await page.locator(ui.action('accept')).click();
    await expect.poll(() => analyticsRuns(page)).toBe(1);
    expect(await cookieNames(context)).toEqual(['_ga', '_ga_D3M0', '_gid', 'candor_consent', 'oo_session']);
    expect(await storageKeys(page)).toEqual(['oo_analytics_queue']);
    expect(server.hitsTo('/track/collect')).toHaveLength(1);

    // Withdraw in the preference center, opened from the footer's "Cookie settings" link.
    const changes = page.evaluate(() => new Promise((r) => document.addEventListener('candor:change', (e) => r((e as CustomEvent).detail.revoked), { once: true })));
    await page.locator('footer [data-candor-open]').click();
    await page.locator('input[data-category="analytics"]').uncheck();
    await page.locator(ui.action('save')).click();
    expect(await changes).toEqual(['analytics']);
    // Removal code is the cleanup chunk (prefetched when the preference center opened).
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent', 'oo_session']);
    await expect.poll(() => storageKeys(page)).toEqual([]);
    // ... and on the next page view the analytics script stays on hold.
    await page.reload();
    await settled(page);
    expect(await analyticsRuns(page)).toBe(0);
    expect(await cookieNames(context)).toEqual(['candor_consent', 'oo_session']);
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
    expect(await cookieNames(context)).toEqual(['candor_consent', 'oo_chat', 'oo_session']);
    await expectOnlyEssential(context, ESSENTIAL);
    expect(await storageKeys(page)).toEqual([]);
    await page.evaluate(() => window.Candor!.showPreferences());
    await page.locator(ui.preferences).getByText('Your browser asks not to be tracked').waitFor();
    await context.close();
  });

  // A deliberate difference from the policy's "essential only under DNT" (demo/README.md):
  // DNT is a general signal, and an explicit, informed choice in the preference center
  // overrides it (SPEC §4, COMPLIANCE S-2). The floating button is the way back in.
  it('Do Not Track, then an explicit opt-in from the floating button\'s preference center: analytics runs', async () => {
    const { page, context } = await newPageWith(DNT);
    await page.goto(server.url(PAGE));
    await settled(page);
    expect(await page.evaluate(() => window.Candor!.hasConsent('analytics'))).toBe(false);
    expect(await analyticsRuns(page)).toBe(0);

    await page.locator(ui.fab).click();
    const analytics = page.locator(`${ui.preferences} input[data-category="analytics"]`);
    await expect(analytics.isChecked()).resolves.toBe(false);
    await analytics.check();
    await page.locator(ui.action('save')).click();
    await expect.poll(() => analyticsRuns(page)).toBe(1);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'preferences', categories: { analytics: true } });
    expect(await cookieNames(context)).toEqual(['_ga', '_ga_D3M0', '_gid', 'candor_consent', 'oo_session']);
    // The choice is kept: the next page view runs analytics without asking again.
    await page.reload();
    await expect.poll(() => analyticsRuns(page)).toBe(1);
    await context.close();
  });

  it('the AI chat says it is an AI, states its limits, names Anthropic, OpenAI and Google, offers human review, and stays after any cookie choice', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    const notice = await openChat(page, '#support');
    const text = await notice.innerText();
    expect(text).toContain('You are chatting with an AI system, not a human.');
    // The policy's limitations a visitor needs before relying on an answer, in the site's words.
    expect(text).toContain('Its answers can be wrong or out of date, so check anything that matters');
    expect(text).toContain('it cannot give medical, legal or financial advice');
    expect(text).toContain('Your messages may be answered by any of the AI providers listed below.');
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

  // Decided product behaviour (demo/README.md): Reject all refuses everything optional, AI
  // processing included, as withdraw() does; a visitor who wants the AI chat but no analytics
  // uses Customize.
  it('Reject all also switches AI processing off, so the chat hands over to a person; Customize keeps it', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    expect(await page.evaluate(() => window.Candor!.hasConsent('ai'))).toBe(true);
    await page.locator(ui.action('reject')).click();
    expect(await page.evaluate(() => window.Candor!.getConsent().categories)).toEqual({ necessary: true, analytics: false, ai: false });
    await openChat(page, '#support');
    await page.locator('#support input').fill('Where is my order?');
    await page.locator('#support form button').click();
    await expect(page.locator('#support .msg.bot').innerText()).resolves.toContain('a person will answer at hello@omniops.co.uk');
    // Essential cookies are not a choice: the session and chat cookies stay.
    expect(await cookieNames(context)).toEqual(['candor_consent', 'oo_chat', 'oo_session']);
    await context.close();

    const other = await newPage();
    await other.page.goto(server.url(PAGE));
    await other.page.locator(ui.action('customize')).click();
    await other.page.locator(ui.action('save')).click();
    expect(await other.page.evaluate(() => window.Candor!.getConsent().categories)).toEqual({ necessary: true, analytics: false, ai: true });
    await other.context.close();
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
    expect(byName).toMatchObject({ oo_session: 'Session', oo_chat: 'Session', candor_consent: '6 months', _ga: '2 years', '_ga_*': '2 years', _gid: '24 hours' });
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
    expect(await cookieNames(gpc.context)).toEqual(['candor_consent', 'oo_session']);
    await gpc.context.close();
  });
});
