import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, TestServer, ui } from './harness';
import { candorErrors, consentCommands, cookieNames, openChat, settled, storageKeys } from './demo-helpers';

// Ainomiq's privacy policy: essential cookies only (so no consent question), AI customer
// service disclosed. demo/README.md has the promise → config → test table.
const PAGE = '/demo/sites/ainomiq/index.html';
let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

describe('Ainomiq demo site', () => {
  it('asks no consent question: a dismissable notice with the policy link, no Accept/Reject, and it stays dismissed', async () => {
    const { page, context, console: lines, pageErrors } = await newPage();
    await page.goto(server.url(PAGE));
    const notice = page.locator(ui.notice);
    await notice.waitFor();
    await settled(page);
    expect(await notice.innerText()).toContain('This site uses only cookies that are needed for it to work.');
    await expect(notice.locator('a', { hasText: 'Privacy policy' }).getAttribute('href')).resolves.toBe('/demo/sites/ainomiq/privacy.html');
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    for (const a of ['accept', 'reject', 'customize']) await expect(page.locator(ui.action(a)).count()).resolves.toBe(0);
    expect(await page.evaluate(() => window.Candor!.getConsent().categories)).toEqual({ necessary: true });
    expect(await cookieNames(context)).toEqual([]);

    await notice.locator(ui.action('ok')).click();
    await expect(page.locator(ui.notice).count()).resolves.toBe(0);
    await page.reload();
    await settled(page);
    await expect(page.locator(ui.notice).count()).resolves.toBe(0);
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    expect(candorErrors(lines)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('places no tracking, advertising or social cookie: only essential cookies, every Google key but security denied', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    await page.locator(ui.notice).waitFor();
    // The config defines required categories only (no analytics, marketing or preferences to
    // switch on), and Candor sees exactly those.
    const configured = await page.evaluate(() => JSON.parse(document.getElementById('candor-config')!.textContent!) as { categories: { id: string }[] });
    expect(configured.categories.map((c) => c.id)).toEqual(['necessary']);
    expect(Object.keys(await page.evaluate(() => window.Candor!.getConsent().categories))).toEqual(['necessary']);
    await openChat(page, '#help');
    // Even a page script granting "everything" cannot switch on a category that does not exist.
    await page.evaluate(() => window.Candor!.acceptAll());
    expect(await page.evaluate(() => ['analytics', 'marketing', 'preferences'].map((c) => window.Candor!.hasConsent(c)))).toEqual([false, false, false]);
    expect(await cookieNames(context)).toEqual(['candor_consent']);
    expect(await storageKeys(page)).toEqual([]);
    const [, state] = (await consentCommands(page)).at(-1)!;
    expect(Object.entries(state).filter(([, v]) => v === 'granted').map(([k]) => k)).toEqual(['security_storage']);
    // The preference center (from the floating button) lists one switch, on and locked.
    await page.locator(ui.fab).click();
    await page.locator(ui.preferences).waitFor();
    const switches = page.locator(`${ui.preferences} input[data-category]`);
    await expect(switches.count()).resolves.toBe(1);
    await expect(switches.first().isChecked()).resolves.toBe(true);
    await expect(switches.first().isDisabled()).resolves.toBe(true);
    await context.close();
  });

  it('discloses the AI support assistant in the chat, with Anthropic and OpenAI', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    const notice = await openChat(page, '#help');
    const text = await notice.innerText();
    expect(text).toContain('You are chatting with an AI system, not a human.');
    expect(text).toContain('AI providers: Anthropic, OpenAI');
    await expect(notice.locator('a', { hasText: 'Learn more' }).getAttribute('href')).resolves.toBe('/demo/sites/ainomiq/privacy.html#ai');
    // Dismissing the cookie notice never hides the AI notice.
    await page.locator(ui.action('ok')).first().click();
    await expect(notice.isVisible()).resolves.toBe(true);
    await context.close();
  });
});
