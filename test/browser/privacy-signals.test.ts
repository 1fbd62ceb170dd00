import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentCookie, cookieNames, newPage, sitePage, TestServer, ui } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
  server.page('/track/a.js', `window.analyticsRan=(window.analyticsRan||0)+1;document.cookie='_ga=GA1.1.9; path=/';`, {
    'content-type': 'text/javascript',
  });
});
afterAll(() => server?.close());

const BODY = '<main><h1>Shop</h1></main><script type="text/plain" data-category="analytics" src="/track/a.js"></script>';
const analyticsRan = (page: Page) => page.evaluate(() => (window as unknown as { analyticsRan?: number }).analyticsRan ?? 0);

async function withSignal(script: string) {
  const p = await newPage();
  await p.context.addInitScript(script);
  return p;
}
const GPC = `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });`;

describe('Global Privacy Control and Do Not Track (SPEC §4, COMPLIANCE S-1..S-3)', () => {
  it('GPC: tracking categories are denied without asking, the source is gpc, nothing runs, the UI says it is honored', async () => {
    const url = server.page('/gpc.html', sitePage({ config: { policyUrl: '/privacy' }, body: BODY }));
    const { page, context, pageErrors } = await withSignal(GPC);
    await page.goto(url);
    await page.waitForLoadState('load');
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c).toMatchObject({ given: true, source: 'gpc' });
    expect(c.categories).toMatchObject({ analytics: false, marketing: false });
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    expect(await analyticsRan(page)).toBe(0);
    expect(await cookieNames(context)).toEqual(['candor_consent']);
    const dl = await page.evaluate(() => (window as unknown as { dataLayer: IArguments[] }).dataLayer.map((a) => [a[1], a[2].analytics_storage]));
    expect(dl).toEqual([['default', 'denied'], ['update', 'denied']]);

    // ... and the visitor can still opt in explicitly (COMPLIANCE S-2)
    await page.evaluate(() => window.Candor!.showPreferences());
    await page.locator(ui.preferences).getByText('Opt-out preference signal honored').waitFor();
    await page.locator('input[data-category="analytics"]').check();
    await page.locator(ui.action('save')).click();
    await expect.poll(() => analyticsRan(page)).toBe(1);
    expect(await page.evaluate(() => window.Candor!.getConsent().source)).toBe('preferences');
    // the explicit choice outlives the signal on the next page view
    await page.reload();
    await expect.poll(() => analyticsRan(page)).toBe(1);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'preferences', categories: { analytics: true } });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('with a stored choice in opt-in mode the signals are read after the gated scripts ran, before any choice ahead of them', async () => {
    // The page view's first look at navigator costs ~0.1 ms: a stored opt-in choice does not
    // depend on the signals, so its gated scripts do not wait for it. The GPC note still gets
    // the signal as it was at Candor's start.
    const body = '<main><h1>Shop</h1></main><script type="text/plain" data-category="analytics">window.__order.push("gated")</script>';
    // (Candor deferred, as the README's snippet has it: the gated scripts run during its start)
    const url = server.page('/signal-order.html', sitePage({ config: { policyUrl: '/privacy' }, body, tag: '<script defer src="/dist/candor.js"></script>' }));
    const { page, context, pageErrors } = await withSignal(`window.__order = [];
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get() { window.__order.push('gpc'); return false; }, configurable: true });`);
    const order = () => page.evaluate(() => (window as unknown as { __order: string[] }).__order);
    await page.goto(url);
    await page.locator(ui.banner).waitFor();
    // no choice yet: the signal can refuse tracking categories, so it is read at start
    expect((await order())[0]).toBe('gpc');
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.reload();
    await expect.poll(async () => (await order()).includes('gated')).toBe(true);
    const after = await order();
    expect(after.indexOf('gpc')).toBeGreaterThan(after.indexOf('gated'));
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the signal is the one in force at Candor\'s start: a page script that changes navigator afterwards changes nothing', async () => {
    server.page('/late-gpc.js', `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });`, {
      'content-type': 'text/javascript',
    });
    const tag = '<script defer src="/dist/candor.js"></script><script defer src="/late-gpc.js"></script>';
    const url = server.page('/late-gpc.html', sitePage({ config: { policyUrl: '/privacy' }, body: BODY, tag }));
    const { page, context, pageErrors } = await newPage();
    await page.goto(url);
    await page.locator(ui.banner).waitFor();
    await page.evaluate(() => window.Candor!.rejectAll());
    await page.reload();
    // Every tracking category is off, so with GPC in force the button would say it is
    // honoured; the page only claimed GPC after Candor had started.
    await page.locator(ui.fab).waitFor();
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (navigator as unknown as { globalPrivacyControl: boolean }).globalPrivacyControl)).toBe(true);
    await expect(page.locator('[data-candor="fab-signal"]').count()).resolves.toBe(0);
    expect(await page.evaluate(() => window.Candor!.getConsent().source)).toBe('api');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  for (const [name, script] of [
    ['navigator.doNotTrack = "1"', `Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });`],
    ['window.doNotTrack = "yes"', `Object.defineProperty(window, 'doNotTrack', { value: 'yes', configurable: true });`],
  ] as const) {
    it(`DNT (${name}): tracking denied with source dnt, and the preference center says why`, async () => {
      const url = server.page(`/dnt-${name.length}.html`, sitePage({ config: { policyUrl: '/privacy' }, body: BODY }));
      const { page, context } = await withSignal(script);
      await page.goto(url);
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ given: true, source: 'dnt', categories: { analytics: false } });
      expect(await analyticsRan(page)).toBe(0);
      await page.evaluate(() => window.Candor!.showPreferences());
      await page.locator(ui.preferences).getByText('Your browser asks not to be tracked').waitFor();
      await context.close();
    });
  }

  it('respectGlobalPrivacyControl: false asks as usual', async () => {
    const url = server.page('/gpc-off.html', sitePage({ config: { policyUrl: '/privacy', respectGlobalPrivacyControl: false }, body: BODY }));
    const { page, context } = await withSignal(GPC);
    await page.goto(url);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ given: false, source: null });
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    await context.close();
  });
});

describe('mode: "opt-out" (SPEC §2)', () => {
  it('runs tracking until the visitor opts out, then deletes its cookies and tells Google', async () => {
    const url = server.page('/optout.html', sitePage({ config: { policyUrl: '/privacy', mode: 'opt-out' }, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect.poll(() => analyticsRan(page)).toBe(1);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ given: false, categories: { analytics: true, marketing: true } });
    expect(await cookieNames(context)).toEqual(['_ga']);
    // the state in force is told to Google at once: default, then the opt-out-mode grant
    const dl = await page.evaluate(() => (window as unknown as { dataLayer: IArguments[] }).dataLayer.map((a) => [a[1], a[2].ad_storage]));
    expect(dl).toEqual([['default', 'denied'], ['update', 'granted']]);

    await page.evaluate(() => window.Candor!.rejectAll());
    // Removal code is the cleanup chunk, fetched on the first withdrawal.
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent']);
    const last = await page.evaluate(() => {
      const dl = (window as unknown as { dataLayer: IArguments[] }).dataLayer;
      return [dl.length, dl.at(-1)![1], dl.at(-1)![2].analytics_storage];
    });
    expect(last).toEqual([3, 'update', 'denied']);
    await page.reload();
    await page.waitForLoadState('load');
    expect(await analyticsRan(page)).toBe(0);
    await context.close();
  });

  // Found in review: after OK, opting out took opening the preference center (the floating
  // button is "Privacy settings"). The site's own footer link opts out in one click.
  it('a page link marked data-candor-do-not-sell opts out in one click, whenever it is clicked', async () => {
    const body = `${BODY}<footer><a href="/dns" id="dns" data-candor-do-not-sell>Do Not Sell or Share My Personal Information</a></footer>`;
    const url = server.page('/optout-link.html', sitePage({ config: { policyUrl: '/privacy', mode: 'opt-out' }, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('ok')).click();
    expect(await page.evaluate(() => window.Candor!.hasConsent('marketing'))).toBe(true);
    await page.locator('#dns').click();
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ categories: { analytics: false, marketing: false } });
    // the link did not navigate, and the opt-out was announced
    expect(new URL(page.url()).pathname).toBe('/optout-link.html');
    await expect.poll(() => page.locator('[role="status"]').textContent()).not.toBe('');
    // a data-candor-open control inside a do-not-sell area opens the preference center only
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.setAttribute('data-candor-do-not-sell', '');
      box.innerHTML = '<button id="settings" data-candor-open>Settings</button>';
      document.body.append(box);
    });
    await page.locator('#settings').click();
    await page.locator(ui.preferences).waitFor();
    expect(await page.evaluate(() => window.Candor!.hasConsent('marketing'))).toBe(true);
    await context.close();
  });

  // Found in review: without any UI (no policyUrl), a data-candor-open inside the opt-out link
  // took the click and nothing was opted out.
  it('without UI, the opt-out link works even around a data-candor-open element', async () => {
    const body = `${BODY}<a href="#dns" data-candor-do-not-sell><span id="inner" data-candor-open>Do Not Sell or Share My Personal Information</span></a>`;
    const url = server.page('/optout-noui.html', sitePage({ config: { mode: 'opt-out' }, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.waitForFunction(() => !!window.Candor);
    await page.locator('#inner').click();
    expect(await page.evaluate(() => window.Candor!.getConsent().categories)).toMatchObject({ analytics: false, marketing: false });
    expect(new URL(page.url()).hash).toBe('');
    await context.close();
  });

  it('GPC opts out automatically: nothing runs', async () => {
    const url = server.page('/optout-gpc.html', sitePage({ config: { policyUrl: '/privacy', mode: 'opt-out' }, body: BODY }));
    const { page, context } = await withSignal(GPC);
    await page.goto(url);
    await page.waitForLoadState('load');
    await page.waitForTimeout(100);
    expect(await analyticsRan(page)).toBe(0);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'gpc', categories: { analytics: false, marketing: false } });
    expect(await cookieNames(context)).toEqual(['candor_consent']);
    await context.close();
  });
});

// Found in review: GPC counted only before any choice, so a visitor who had clicked OK in
// opt-out mode (the defaults: selling or sharing on) and then turned GPC on was never opted
// out, while the widget said the signal was honoured (CCPA regs §7025(c)(3), (c)(6)).
describe('GPC after a stored choice', () => {
  it('opt-out mode: GPC overrides a stored OK (no opt-in), and says so; an explicit opt-in stands, and is not called honoured', async () => {
    const url = server.page('/optout-later-gpc.html', sitePage({ config: { policyUrl: '/privacy', mode: 'opt-out' }, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('ok')).click();
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'banner', categories: { analytics: true, marketing: true } });
    await page.evaluate(() => (document.cookie = '_ga=GA1.1.1; path=/'));
    // The visitor turns GPC on.
    await context.addInitScript(GPC);
    await page.reload();
    await page.waitForLoadState('load');
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'gpc', categories: { analytics: false, marketing: false } });
    expect(await analyticsRan(page)).toBe(0);
    // what the overridden OK had let in goes, as after any withdrawal (found in review: the
    // decision at start reached no removal)
    await expect.poll(() => cookieNames(context)).toEqual(['candor_consent']);
    await expect(page.locator('[data-candor="fab-signal"]').textContent()).resolves.toBe('Opt-out preference signal honored');
    // An explicit opt-in in the preference center, with GPC on, stands across reloads ...
    await page.evaluate(() => window.Candor!.setConsent({ analytics: true }));
    await page.reload();
    await page.waitForLoadState('load');
    await expect.poll(() => analyticsRan(page)).toBe(1);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'api', categories: { analytics: true } });
    // ... and the signal is not said to be honoured, anywhere.
    await page.locator(ui.fab).waitFor();
    await expect(page.locator('[data-candor="fab-signal"]').count()).resolves.toBe(0);
    await page.locator(ui.fab).click();
    await page.locator(ui.preferences).waitFor();
    await expect(page.locator(`${ui.preferences} [data-candor="signal"]`).count()).resolves.toBe(0);
    await context.close();
  });

  // Found in review: the words lived only beside the floating button, so a site that turned
  // the button off never showed them to GPC visitors (who get no banner either).
  it('with ui.floatingButton: false, "Opt-out preference signal honored" still shows, alone', async () => {
    const url = server.page('/gpc-no-fab.html', sitePage({ config: { policyUrl: '/privacy', ui: { floatingButton: false } }, body: BODY }));
    const { page, context } = await withSignal(GPC);
    await page.goto(url);
    await page.locator('[data-candor="fab-signal"]').waitFor();
    await expect(page.locator('[data-candor="fab-signal"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-candor="fab-signal"]').textContent()).resolves.toBe('Opt-out preference signal honored');
    await expect(page.locator(ui.fab).count()).resolves.toBe(0);
    // an opt-in made through the site's own control: no longer honoured, no longer said (found
    // in review: the words stayed)
    await page.evaluate(() => window.Candor!.acceptAll());
    await expect.poll(() => page.locator('[data-candor="fab-signal"]').count()).toBe(0);
    await context.close();
    // without the signal, nothing at all
    const plain = await newPage();
    await plain.page.goto(url);
    await plain.page.locator(ui.action('reject')).click();
    await plain.page.waitForTimeout(100);
    await expect(plain.page.locator('candor-widget .fab-wrap').count()).resolves.toBe(0);
    await plain.context.close();
  });

  it('opt-in mode: a stored Accept stands under GPC (consent given, SPEC §4), and the signal is not said to be honoured', async () => {
    const url = server.page('/optin-later-gpc.html', sitePage({ config: { policyUrl: '/privacy' }, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('accept')).click();
    await context.addInitScript(GPC);
    await page.reload();
    await page.locator(ui.fab).waitFor();
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ source: 'banner', categories: { analytics: true } });
    await expect(page.locator('[data-candor="fab-signal"]').count()).resolves.toBe(0);
    await context.close();
  });
});

describe('the automatic DNT/GPC refusal', () => {
  const dataLayer = (page: Page) => page.evaluate(() => (window as unknown as { dataLayer: IArguments[] }).dataLayer.map((a) => a[1]));

  for (const mode of ['opt-in', 'opt-out'] as const) {
    // Bug: the refusal was saved (and its events fired) before window.Candor was set and
    // before candor:ready.
    it(`${mode}: page code hears candor:ready first, then candor:consent, and can use window.Candor in both`, async () => {
      const listen = `<script>
        window.heard = [];
        for (const n of ['ready', 'consent', 'change'])
          document.addEventListener('candor:' + n, (e) => heard.push([n, e.detail.source, window.Candor ? window.Candor.getConsent().source : 'no window.Candor']));
      </script>`;
      const url = server.page(`/gpc-events-${mode}.html`, sitePage({ config: { policyUrl: '/privacy', mode }, head: listen, body: BODY }));
      const { page, context, pageErrors } = await withSignal(GPC);
      await page.goto(url);
      await page.waitForLoadState('load');
      // No `change`: with the signal in force nothing was granted before the refusal either.
      expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([
        ['ready', 'gpc', 'gpc'],
        ['consent', 'gpc', 'gpc'],
      ]);
      // Consent Mode heard the refusal once, before any Google tag: default, then one update.
      expect(await dataLayer(page)).toEqual(['default', 'update']);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  // Bug: a broken config does not read the stored choice (fail closed), so the refusal took
  // "no choice yet" for granted and overwrote the visitor's explicit opt-in for good.
  it('with a broken config holds for that page view only: the stored opt-in survives, unlogged, and is back once the config is fixed', async () => {
    const good = { policyUrl: '/privacy', consentLogUrl: '/log/gpc-broken' };
    const goodUrl = server.page('/gpc-good.html', sitePage({ config: good, body: BODY }));
    const brokenUrl = server.page('/gpc-broken.html', sitePage({ config: { ...good, revison: '2' }, body: BODY }));
    const logged = () => server.hitsTo('/log/gpc-broken').map((h) => (JSON.parse(h.body) as { source: string }).source).sort();
    const { page, context, pageErrors } = await withSignal(GPC);
    await page.goto(goodUrl);
    // the visitor opts in explicitly despite GPC (COMPLIANCE S-2)
    await page.evaluate(() => window.Candor!.acceptAll());
    const chosen = await page.evaluate(() => window.Candor!.getConsent());
    expect(chosen).toMatchObject({ source: 'api', categories: { analytics: true } });
    await expect.poll(() => analyticsRan(page)).toBe(1);
    await expect.poll(logged).toEqual(['api', 'gpc']);
    const stored = (await consentCookie(context))!.value;

    await page.goto(brokenUrl);
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => window.Candor!.getConsent())).toMatchObject({ given: true, source: 'gpc', categories: { analytics: false } });
    expect(await analyticsRan(page)).toBe(0);
    expect((await consentCookie(context))!.value).toBe(stored);

    await page.goto(goodUrl);
    expect(await page.evaluate(() => window.Candor!.getConsent())).toEqual(chosen);
    await expect.poll(() => analyticsRan(page)).toBe(1);
    // Nothing was logged for the broken page view: the next entry is the next choice.
    await page.evaluate(() => window.Candor!.setConsent({ marketing: false }));
    await expect.poll(() => logged().length).toBeGreaterThanOrEqual(3);
    expect(logged()).toEqual(['api', 'api', 'gpc']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
