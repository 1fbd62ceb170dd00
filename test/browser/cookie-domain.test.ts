import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, sitePage, TestServer } from './harness';

// Chromium maps *.example.test to 127.0.0.1 (scripts/chromium.mjs): two sibling hosts of one
// site, as with `cookieDomain` on a real one.
const A = 'a.shop.example.test';
const B = 'b.shop.example.test';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
  server.page('/host-only.html', sitePage({ config: { policyUrl: '/privacy' } }));
  server.page('/shared.html', sitePage({ config: { policyUrl: '/privacy', cookieDomain: 'shop.example.test' } }));
});
afterAll(() => server?.close());

const consent = (page: Page) => page.evaluate(() => window.Candor!.getConsent());
/** Every `candor_consent` cookie the browser holds, as `domain: analytics choice`. */
const copies = async (context: BrowserContext) =>
  (await context.cookies())
    .filter((c) => c.name === 'candor_consent')
    .map((c) => `${c.domain}: ${(JSON.parse(decodeURIComponent(c.value)) as { c: Record<string, number> }).c.analytics}`)
    .sort();

describe('cookieDomain shares one choice across subdomains (SPEC §2)', () => {
  it('a choice made on one subdomain is the choice on its sibling, both ways', async () => {
    const { page, context, pageErrors } = await newPage();
    await page.goto(server.url('/shared.html', A));
    await page.evaluate(() => window.Candor!.acceptAll());
    const chosen = await consent(page);
    await expect.poll(() => copies(context)).toEqual(['.shop.example.test: 1']);

    await page.goto(server.url('/shared.html', B));
    expect(await consent(page)).toEqual(chosen);
    await page.evaluate(() => window.Candor!.setConsent({ analytics: false }));
    await page.goto(server.url('/shared.html', A));
    expect(await consent(page)).toMatchObject({ id: chosen.id, source: 'api', categories: { analytics: false } });
    await expect.poll(() => copies(context)).toEqual(['.shop.example.test: 0']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Bug: the first `candor_consent` in document.cookie was read, and a host-only cookie from
  // before `cookieDomain` was set comes first (older, RFC 6265 §5.4), so every later choice,
  // written on the shared domain, was never read back.
  it('a site that adds cookieDomain later: the next choice wins over the host-only cookies visitors already have', async () => {
    const { page, context, pageErrors } = await newPage();
    // Before: one host-only choice on each host, analytics accepted.
    for (const host of [A, B]) {
      await page.goto(server.url('/host-only.html', host));
      await page.evaluate(() => window.Candor!.acceptAll());
    }
    await expect.poll(() => copies(context)).toEqual([`${A}: 1`, `${B}: 1`]);

    // After: the old choice still counts until the visitor makes a new one ...
    await page.goto(server.url('/shared.html', A));
    expect(await consent(page)).toMatchObject({ given: true, categories: { analytics: true } });
    await page.evaluate(() => window.Candor!.rejectAll());
    // ... which replaces this host's host-only copy by the shared one,
    await expect.poll(() => copies(context)).toEqual(['.shop.example.test: 0', `${B}: 1`]);
    await page.reload();
    expect(await consent(page)).toMatchObject({ source: 'api', categories: { analytics: false } });
    // and is the choice on the sibling too, whose own host-only copy is older.
    await page.goto(server.url('/shared.html', B));
    expect(await consent(page)).toMatchObject({ source: 'api', categories: { analytics: false } });
    // B's next write drops B's stale copy too.
    await page.evaluate(() => window.Candor!.setConsent({ marketing: true }));
    await expect.poll(() => copies(context)).toEqual(['.shop.example.test: 0']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Found in review: without cookieDomain a host read the first copy in document.cookie, and
  // a sibling's copy on the parent domain (older, so listed first) hid every later choice
  // made here: a refusal on this host never stuck.
  it('a host without cookieDomain and a sibling that shares its choice: the latest choice is read, whichever host made it', async () => {
    const { page, context, pageErrors } = await newPage();
    // B shares an acceptance on shop.example.test.
    await page.goto(server.url('/shared.html', B));
    await page.evaluate(() => window.Candor!.acceptAll());
    // A (host-only) sees it, and refuses: the refusal sticks across reloads.
    await page.goto(server.url('/host-only.html', A));
    expect(await consent(page)).toMatchObject({ given: true, categories: { analytics: true } });
    await page.evaluate(() => window.Candor!.rejectAll());
    await expect.poll(() => copies(context)).toEqual(['.shop.example.test: 1', `${A}: 0`]);
    await page.reload();
    expect(await consent(page)).toMatchObject({ categories: { analytics: false } });
    // A later choice on B is, again, the latest.
    await page.waitForTimeout(5);
    await page.goto(server.url('/shared.html', B));
    await page.evaluate(() => window.Candor!.setConsent({ analytics: true, marketing: false }));
    await page.goto(server.url('/host-only.html', A));
    expect(await consent(page)).toMatchObject({ categories: { analytics: true, marketing: false } });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
