import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, TestServer, ui } from './harness';

// demo/playground.html: candor:* events and Candor.getConsent() live, a button per API method.
let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const logged = (page: import('playwright-core').Page) => page.locator('#log li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-event')));

describe('events playground', () => {
  it('logs candor:ready at load, then candor:consent and candor:change when Accept all is clicked, and shows the new consent', async () => {
    const { page, context, pageErrors } = await newPage();
    await page.goto(server.url('/demo/playground.html'));
    await page.locator(ui.banner).waitFor();
    expect(await logged(page)).toEqual(['candor:ready']);
    expect(JSON.parse(await page.locator('#state').innerText())).toMatchObject({ given: false });

    await page.locator(ui.action('accept')).click();
    await expect.poll(() => logged(page)).toEqual(['candor:change', 'candor:consent', 'candor:ready']);
    const change = await page.locator('#log li[data-event="candor:change"]').innerText();
    expect(change).toContain('"granted":["preferences","analytics","marketing"]');
    expect(JSON.parse(await page.locator('#state').innerText())).toMatchObject({ given: true, source: 'banner', categories: { analytics: true } });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the API buttons call Candor: withdraw() revokes analytics and the AI opt-out category and shows the banner; acknowledgeAi() logs candor:ai-acknowledged', async () => {
    const { page, context } = await newPage();
    await page.goto(server.url('/demo/playground.html'));
    await page.locator('[data-call="setConsent"][data-arg=\'{"analytics":true}\']').click();
    await expect.poll(() => page.locator('#log li[data-event="candor:change"]').innerText()).toContain('"granted":["analytics"]');
    await page.locator('[data-call="hasConsent"]').click();
    await expect(page.locator('#log li[data-event="call"]').first().innerText()).resolves.toContain("hasConsent(\"analytics\") → true");
    await page.locator('[data-call="withdraw"]').click();
    await expect.poll(() => page.locator('#log li[data-event="candor:change"]').first().innerText()).toContain('"revoked":["analytics","ai"]');
    await page.locator(ui.banner).waitFor();
    await page.locator('[data-call="acknowledgeAi"]').click();
    await page.locator('#log li[data-event="candor:ai-acknowledged"]').waitFor();
    expect(JSON.parse(await page.locator('#state').innerText()).aiAcknowledgedAt).toEqual(expect.any(Number));
    await context.close();
  });
});
