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

  // Regression: with `grid-template-columns: 1fr 1fr` the event log's long JSON lines widened
  // their column, and #state started at x=1596 in a 1400px window after the first event.
  it('keeps the getConsent() panel and the log inside a 1400px window after several events', async () => {
    const { page, context } = await newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url('/demo/playground.html'));
    await page.locator(ui.action('accept')).click();
    for (const call of ['withdraw', 'rejectAll', 'acceptAll']) await page.locator(`[data-call="${call}"]`).click();
    await page.locator('[data-call="setConsent"][data-arg=\'{"marketing":false}\']').click();
    await expect.poll(async () => (await logged(page)).length).toBeGreaterThanOrEqual(9);
    for (const selector of ['#state', '#log']) {
      const box = (await page.locator(selector).boundingBox())!;
      expect(box.x, selector).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, selector).toBeLessThanOrEqual(1400);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);
    await context.close();
  });
});
