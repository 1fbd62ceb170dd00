import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, TestServer, ui } from './harness';
import { analyticsRuns, candorErrors, consentCommands, cookieNames, openChat, settled, storageKeys } from './demo-helpers';

// NovoAIGen's privacy policy: analytics and monitoring tools, no sale of data, AI systems.
const PAGE = '/demo/sites/novoaigen/index.html';
let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

describe('NovoAIGen demo site', () => {
  it('monitoring runs on every visit yet stores nothing; analytics waits for consent and is deleted on withdrawal', async () => {
    const { page, context, console: lines, pageErrors } = await newPage();
    await page.goto(server.url(PAGE));
    await page.locator(ui.banner).waitFor();
    await settled(page);
    expect(await page.evaluate(() => typeof (window as unknown as { demoMonitoring?: object }).demoMonitoring)).toBe('object');
    expect(await analyticsRuns(page)).toBe(0);
    expect(await cookieNames(context)).toEqual([]);
    expect(await storageKeys(page)).toEqual([]);
    expect(await page.locator(ui.banner).innerText()).toContain('We never sell your data');

    await page.locator(ui.action('accept')).click();
    await expect.poll(() => analyticsRuns(page)).toBe(1);
    expect(await cookieNames(context)).toEqual(['_ga', '_ga_D3M0', '_gid', 'candor_consent']);
    await page.evaluate(() => window.Candor!.withdraw());
    // Removal code is the cleanup chunk, fetched on the first withdrawal.
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent']);
    expect(candorErrors(lines)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // The policy: personal information is never sold. Nothing on the page could sell it: there is
  // no marketing category to grant, and Accept all leaves Google's advertising keys denied.
  it('never sells: no marketing category exists, and Accept all grants no advertising storage', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    expect(Object.keys(await page.evaluate(() => window.Candor!.getConsent().categories)).sort()).toEqual(['analytics', 'necessary']);
    await page.locator(ui.action('accept')).click();
    expect(await page.evaluate(() => window.Candor!.hasConsent('marketing'))).toBe(false);
    const [command, state] = (await consentCommands(page)).at(-1)!;
    expect(command).toBe('update');
    expect(state).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
    await context.close();
  });

  it('the demo agent carries its AI notice (no provider is named, because the policy names none)', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url(PAGE));
    const notice = await openChat(page, '#agent-demo');
    const text = await notice.innerText();
    expect(text).toContain('You are chatting with an AI system, not a human.');
    expect(text).not.toContain('AI providers');
    await expect(notice.locator('a', { hasText: 'Learn more' }).getAttribute('href')).resolves.toBe('/demo/sites/novoaigen/privacy.html#ai');
    await context.close();
  });
});
