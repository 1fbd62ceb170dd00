import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en';
import { MAX_RAW_LENGTH } from '../../src/storage/record';
import { consentCookie, cookieNames, DENIED, newPage, recordOfLength, sitePage, TestServer, ui } from './harness';

/*
 * Issue 7: hostile config, cookies, environments and pages never break the host page and
 * never grant consent. Every test runs in real Chromium and asserts that nothing was thrown
 * into the page (`pageerror`).
 */

// Several pages per test, on a 2-core machine shared with other test runs.
vi.setConfig({ testTimeout: 90_000 });

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const CONFIG = { policyUrl: '/privacy' };
const NON_REQUIRED = ['preferences', 'analytics', 'marketing'] as const;
const DAY = 86_400_000;

let pageCount = 0;

/** Opens a page (fresh context) after running `init` before any page script. */
async function open(
  html: string,
  { init, headers, context: existing }: { init?: string; headers?: Record<string, string>; context?: BrowserContext } = {},
) {
  const path = `/r${++pageCount}.html`;
  const url = server.page(path, html, headers);
  const opened = existing ? await pageIn(existing) : await newPage();
  if (init) await opened.page.addInitScript(init);
  await opened.page.goto(url);
  return { ...opened, url, warnings: () => opened.console.filter((l) => l.type === 'warning').map((l) => l.text) };
}

async function pageIn(context: BrowserContext) {
  const page = await context.newPage();
  const consoleLines: { type: string; text: string }[] = [];
  const pageErrors: Error[] = [];
  page.on('console', (m) => consoleLines.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => pageErrors.push(e));
  return { context, page, console: consoleLines, pageErrors };
}

const consent = (page: Page) => page.evaluate(() => window.Candor!.getConsent());
const granted = (page: Page) =>
  page.evaluate((ids) => ids.filter((id) => window.Candor!.hasConsent(id)), [...NON_REQUIRED, 'toString', 'constructor', 'custom', '__proto__']);
const candorLines = (lines: { type: string; text: string }[], type: string) =>
  lines.filter((l) => l.type === type && l.text.startsWith('[candor]')).map((l) => l.text);

describe('texts are text, never HTML', () => {
  const XSS = '<img src=x onerror="window.__xss=1"><svg onload="window.__xss=2"></svg>';

  it('an <img onerror> payload in every text key, label, service, cookie and AI field renders as text', async () => {
    const texts = Object.fromEntries(Object.keys(en).map((k) => [k, `${k} ${XSS}`]));
    const config = {
      policyUrl: '/privacy',
      cookiePolicyUrl: '/cookies',
      imprintUrl: '/imprint',
      texts: { en: texts },
      categories: [
        { id: 'necessary', required: true, label: `N ${XSS}`, description: `ND ${XSS}` },
        {
          id: 'analytics',
          label: `A ${XSS}`,
          description: `AD ${XSS}`,
          services: [
            {
              name: `S ${XSS}`,
              provider: `P ${XSS}`,
              purpose: `U ${XSS}`,
              privacyUrl: '/s',
              cookies: [{ name: `_c${XSS}`.slice(0, 190), duration: `D ${XSS}`, description: `CD ${XSS}` }],
            },
          ],
        },
      ],
      ai: { notice: true, title: `T ${XSS}`, text: `X ${XSS}`, providers: [`Prov ${XSS}`.slice(0, 100)] },
    };
    const { page, context, pageErrors, console: lines } = await open(sitePage({ config }));
    // the config itself is valid: this is rendering, not validation
    expect(candorLines(lines, 'error')).toEqual([]);
    await page.locator(ui.banner).waitFor();
    const bannerText = await page.locator(ui.banner).textContent();
    expect(bannerText).toContain(`bannerTitle ${XSS}`);
    expect(bannerText).toContain(`T ${XSS}`);
    expect(bannerText).toContain(`Prov <img`);
    await page.locator(ui.action('customize')).click();
    await page.locator(ui.preferences).waitFor();
    const prefsText = await page.locator(ui.preferences).textContent();
    expect(prefsText).toContain(`A ${XSS}`);
    expect(prefsText).toContain(`AD ${XSS}`);
    // give a failed image load time to fire its onerror
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => {
      const root = document.querySelector('candor-widget')!.shadowRoot!;
      return {
        xss: (window as { __xss?: number }).__xss,
        imgs: root.querySelectorAll('img').length + document.querySelectorAll('img').length,
        svgs: [...root.querySelectorAll('svg')].filter((s) => s.hasAttribute('onload')).length,
        handlers: [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      };
    });
    expect(state).toEqual({ xss: undefined, imgs: 0, svgs: 0, handlers: 0 });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('"/\\\\evil" is protocol-relative to the browser, so Candor refuses it as a link', async () => {
    const config = { policyUrl: '/privacy', cookiePolicyUrl: '/\\evil.example/x', imprintUrl: 'JaVaScRiPt:window.__xss=1' };
    const { page, context, pageErrors, console: lines } = await open(sitePage({ config }));
    // what the browser would make of it: another host
    await expect(page.evaluate(() => new URL('/\\evil.example/x', location.href).host)).resolves.toBe('evil.example');
    expect(candorLines(lines, 'error')).toHaveLength(1);
    expect(candorLines(lines, 'error')[0]).toMatch(/cookiePolicyUrl: must be an http\(s\) URL[\s\S]*imprintUrl: must be/);
    await page.locator(ui.banner).waitFor();
    const hrefs = await page.locator(`${ui.banner} a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['/privacy']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('a hostile consent cookie', () => {
  const now = Date.now();
  const rec = (over: Record<string, unknown>) =>
    encodeURIComponent(JSON.stringify({ v: 1, id: 'abcdefgh1234', r: '1', e: now + 100 * DAY, g: now - DAY, s: 'banner', h: 'abc', c: { necessary: 1, analytics: 0 }, ...over }));
  const cases: [string, string, 'none' | 'valid'][] = [
    // Valid in every other way, one character over the codec's limit; the same shape at the
    // limit is a valid record (nothing granted: its categories are unknown ones set to 0).
    [`huge (${MAX_RAW_LENGTH + 1} characters)`, recordOfLength(MAX_RAW_LENGTH + 1, { necessary: 1 }, now), 'none'],
    [`at the size limit (${MAX_RAW_LENGTH} characters)`, recordOfLength(MAX_RAW_LENGTH, { necessary: 1 }, now), 'valid'],
    ['another revision', rec({ r: '0', c: { analytics: 1, marketing: 1 } }), 'none'],
    ['given in the future', rec({ g: now + 30 * DAY, e: now + 60 * DAY, c: { analytics: 1 } }), 'none'],
    ['expiry beyond 395 days', rec({ e: now + 500 * DAY, c: { analytics: 1 } }), 'none'],
    ['categories as booleans', rec({ c: { analytics: true } }), 'none'],
    ['categories as strings', rec({ c: { analytics: '1' } }), 'none'],
    ['categories as a list', rec({ c: ['analytics'] }), 'none'],
    ['a __proto__ category', encodeURIComponent('{"v":1,"id":"abcdefgh1234","r":"1","e":9e12,"g":1,"s":"banner","h":"a","c":{"__proto__":{"analytics":1}}}'), 'none'],
    ['timestamps as strings', rec({ g: String(now), c: { analytics: 1 } }), 'none'],
    ['an unknown source', rec({ s: 'admin', c: { analytics: 1 } }), 'none'],
    ['unknown categories only', rec({ c: { necessary: 1, tracking_pixel: 1, evil: 1 } }), 'valid'],
  ];
  for (const [name, value, outcome] of cases) {
    it(`${name}: ${outcome === 'none' ? '"no consent"' : 'a valid record'}, nothing granted, no exception`, async () => {
      const { page, context, pageErrors } = await newPage();
      await context.addCookies([{ name: 'candor_consent', value, url: server.url('/') }]);
      await page.goto(server.page(`/cookie-${name.replace(/\W+/g, '-')}.html`, sitePage({ config: CONFIG })));
      const c = await consent(page);
      expect(c.given).toBe(outcome === 'valid');
      expect(Object.keys(c.categories).sort()).toEqual(['analytics', 'marketing', 'necessary', 'preferences']);
      expect(await granted(page)).toEqual([]);
      await expect(page.locator(ui.banner).count()).resolves.toBe(outcome === 'none' ? 1 : 0);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});

describe('a hostile environment', () => {
  it('document.cookie that ignores writes: the choice holds for the page view', async () => {
    const init = `Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get() { return ''; }, set() {} });`;
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }), { init });
    await page.locator(ui.action('accept')).click();
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    expect(await consent(page)).toMatchObject({ given: true, source: 'banner' });
    expect(await granted(page)).toEqual([...NON_REQUIRED]);
    expect(await consentCookie(context)).toBeUndefined();
    // a later focus (the other-tab check) must not lose the in-memory choice
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect((await consent(page)).given).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('document.cookie that throws (sandboxed frame): works in memory', async () => {
    const init = `Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); }, set() { throw new DOMException('denied', 'SecurityError'); } });`;
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }), { init });
    await page.locator(ui.action('reject')).click();
    expect(await consent(page)).toMatchObject({ given: true });
    expect(await granted(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('document.cookie that throws (sandboxed frame): a withdrawal still removes storage keys and reports nothing', async () => {
    const init = `Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); }, set() { throw new DOMException('denied', 'SecurityError'); } });`;
    const { page, context, pageErrors, console: lines } = await open(sitePage({ config: CONFIG }), { init });
    await page.locator(ui.action('accept')).click();
    await page.evaluate(() => localStorage.setItem('_hjSession_1', 'x'));
    await page.evaluate(() => window.Candor!.withdraw());
    // The cookie removal fails (asynchronously, cookieStore or not); storage goes all the same.
    await expect.poll(() => page.evaluate(() => localStorage.length)).toBe(0);
    expect(await granted(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(candorLines(lines, 'error')).toEqual([]);
    await context.close();
  });

  it('localStorage and sessionStorage getters that throw: accept, withdraw and preferences still work', async () => {
    const init = `for (const k of ['localStorage', 'sessionStorage']) Object.defineProperty(window, k, { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });`;
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }), { init });
    await page.locator(ui.action('accept')).click();
    await page.evaluate(() => window.Candor!.withdraw());
    await page.locator(ui.banner).waitFor();
    expect(await granted(page)).toEqual([]);
    await page.evaluate(() => window.Candor!.showPreferences());
    await page.locator('input[data-category="analytics"]').check();
    await page.locator(ui.action('save')).click();
    expect(await granted(page)).toEqual(['analytics']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('navigator getters that throw (globalPrivacyControl, doNotTrack, languages): English, no signal, no error', async () => {
    const init = `for (const k of ['globalPrivacyControl', 'doNotTrack', 'languages', 'language']) Object.defineProperty(Navigator.prototype, k, { configurable: true, get() { throw new Error('no ' + k); } });`;
    const { page, context, pageErrors, console: lines } = await open(sitePage({ config: CONFIG, lang: 'xx' }), { init });
    await page.locator(ui.banner).waitFor();
    await expect(page.locator(ui.action('accept')).textContent()).resolves.toBe(en.acceptAll);
    expect(await consent(page)).toMatchObject({ given: false });
    expect(candorLines(lines, 'error')).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a page that replaces document.body: Candor re-attaches its UI, the floating button stays reachable', async () => {
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }));
    await page.locator(ui.action('reject')).click();
    await page.locator(ui.fab).waitFor();
    await page.evaluate(() => {
      const body = document.createElement('body');
      body.innerHTML = '<main><h1>New app shell</h1></main>';
      document.body = body;
    });
    await page.locator(ui.fab).waitFor();
    // one host, beside the new body (it lives after <body>, so replacing body cannot take it)
    await expect(page.evaluate(() => [...document.querySelectorAll('candor-widget')].map((h) => h.parentNode === document.documentElement))).resolves.toEqual([true]);
    await page.locator(ui.fab).click();
    await page.locator('input[data-category="analytics"]').check();
    await page.locator(ui.action('save')).click();
    expect(await granted(page)).toEqual(['analytics']);
    // a framework that wipes the body's children (innerHTML) gets the same treatment
    await page.evaluate(() => {
      document.body.innerHTML = '<p>re-rendered</p>';
    });
    await page.locator(ui.fab).waitFor();
    await page.evaluate(() => window.Candor!.showBanner());
    await page.locator(ui.banner).waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a page that removes the UI host from <html> gets it back: the floating button stays reachable', async () => {
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }));
    await page.locator(ui.action('reject')).click();
    await page.locator(ui.fab).waitFor();
    await page.evaluate(() => document.querySelector('[data-candor-host]')!.remove());
    await page.locator(ui.fab).waitFor();
    await expect(page.evaluate(() => document.querySelectorAll('[data-candor-host]').length)).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Regression: an error here reached the page uncaught when the UI mounted on
  // DOMContentLoaded or, on a return visit, in a later task.
  for (const [name, init] of [
    ['attachShadow', `Element.prototype.attachShadow = function () { throw new Error('no shadow'); };`],
    ['customElements.get', `CustomElementRegistry.prototype.get = function () { throw new Error('no registry'); };`],
  ] as const) {
    for (const visit of ['first visit', 'return visit'] as const) {
      it(`${name} throws (${visit}): no uncaught error, one [candor] error, nothing granted`, async () => {
        const { page, context, pageErrors, console: lines } = await open(sitePage({ config: CONFIG }), { init });
        if (visit === 'return visit') {
          await page.evaluate(() => window.Candor!.rejectAll());
          lines.length = 0;
          await page.reload();
        }
        await expect.poll(() => candorLines(lines, 'error').length).toBeGreaterThan(0);
        expect(candorLines(lines, 'error')).toEqual([expect.stringContaining(name === 'attachShadow' ? 'no shadow' : 'no registry')]);
        expect(pageErrors).toEqual([]);
        expect(await granted(page)).toEqual([]);
        await context.close();
      });
    }
  }

  it('a page that keeps removing the UI host does not make Candor loop forever', async () => {
    const init = `new MutationObserver(() => document.querySelectorAll('candor-widget, [data-candor-host]').forEach((el) => el.remove()))
      .observe(document, { childList: true, subtree: true });`;
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }), { init });
    await page.waitForTimeout(300);
    // the page still responds, and the API still works without a UI
    await expect(page.evaluate(() => 1 + 1)).resolves.toBe(2);
    await page.evaluate(() => window.Candor!.setConsent({ analytics: true }));
    expect(await granted(page)).toEqual(['analytics']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  describe('polluted prototypes grant nothing', () => {
    // Non-enumerable, as `Object.defineProperty` or a class field on a shared prototype makes
    // them: invisible to for…in, visible to every `obj[key]` and `key in obj`.
    const hidden = (values: Record<string, unknown>) =>
      Object.entries(values)
        .map(([k, v]) => `Object.defineProperty(Object.prototype, ${JSON.stringify(k)}, { value: ${JSON.stringify(v)}, writable: true, configurable: true });`)
        .join('\n');
    const pollutions: [string, string][] = [
      ['Array.prototype.includes always true', 'Array.prototype.includes = function () { return true; };'],
      ['Object.prototype.analytics (non-enumerable)', hidden({ analytics: true, marketing: 1, custom: true })],
      [
        'config keys on Object.prototype (required, mode, defaultGranted, tracking, givenAt; non-enumerable)',
        hidden({ required: true, mode: 'opt-out', defaultGranted: true, tracking: false, givenAt: 1, policyUrl: '/x' }),
      ],
      [
        'Array.prototype.map replaced by an old polyfill, plus an enumerable Array method',
        `Array.prototype.map = function (fn, self) { var out = []; for (var i = 0; i < this.length; i++) out.push(fn.call(self, this[i], i, this)); return out; };
         Array.prototype.each = function () {};`,
      ],
    ];
    for (const [name, init] of pollutions) {
      it(name, async () => {
        const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }), { init });
        await page.locator(ui.banner).waitFor();
        expect(await consent(page)).toMatchObject({ given: false });
        expect(await granted(page)).toEqual([]);
        // a stored refusal stays a refusal on the next page view
        await page.locator(ui.action('reject')).click();
        expect(await granted(page)).toEqual([]);
        await page.reload();
        expect(await consent(page)).toMatchObject({ given: true, source: 'banner' });
        expect(await granted(page)).toEqual([]);
        // and an explicit choice is still recorded exactly
        await page.evaluate(() => window.Candor!.setConsent({ analytics: true }));
        expect(await granted(page)).toEqual(['analytics']);
        expect(pageErrors).toEqual([]);
        await context.close();
      });
    }

    // Enumerable pollution made zod's schema code throw (it walked objects with for…in), so
    // Candor failed closed with no UI at all. Its own checks read own keys only: the config is
    // validated as on any page, nothing is granted before a choice, and the banner works.
    for (const init of ['Object.prototype.analytics = true;', `Object.prototype.required = true; Object.prototype.mode = 'opt-out';`]) {
      it(`enumerable ${init}: no error, nothing thrown into the page, nothing granted before a choice, the banner works`, async () => {
        const { page, context, pageErrors, console: lines } = await open(sitePage({ config: CONFIG }), { init });
        expect(candorLines(lines, 'error')).toEqual([]);
        await page.locator(ui.banner).waitFor();
        expect(await granted(page)).toEqual([]);
        // Google's tags are told "denied" first
        await expect(
          page.evaluate(() => ((window as unknown as { dataLayer: IArguments[] }).dataLayer ?? []).map((a) => [a[0], a[1], a[2].analytics_storage])),
        ).resolves.toEqual([['consent', 'default', 'denied']]);
        expect(await consentCookie(context)).toBeUndefined();
        await page.locator(ui.action('reject')).click();
        expect(await consent(page)).toMatchObject({ given: true, source: 'banner' });
        expect(await granted(page)).toEqual([]);
        await page.evaluate(() => window.Candor!.setConsent({ analytics: true }));
        expect(await granted(page)).toEqual(['analytics']);
        expect(pageErrors).toEqual([]);
        await context.close();
      });
    }

    it('Object.prototype.analytics does not fill a category missing from a stored record', async () => {
      const init = hidden({ analytics: true });
      const { page, context } = await newPage();
      await page.addInitScript(init);
      const now = Date.now();
      const value = encodeURIComponent(JSON.stringify({ v: 1, id: 'abcdefgh1234', r: '1', e: now + DAY, g: now - DAY, s: 'banner', h: 'abc', c: { necessary: 1 } }));
      await context.addCookies([{ name: 'candor_consent', value, url: server.url('/') }]);
      await page.goto(server.page('/proto-record.html', sitePage({ config: CONFIG })));
      expect(await consent(page)).toMatchObject({ given: true });
      expect(await granted(page)).toEqual([]);
      await context.close();
    });
  });

  describe('a page with its own Candor global', () => {
    const cases: [string, string, RegExp | null, string][] = [
      ['var (replaced, one warning)', 'var Candor = { mine: true };', /already defined by the page: replaced/, 'window'],
      ['function (replaced, one warning)', 'function Candor() {}', /already defined by the page: replaced/, 'window'],
      ['let (window.Candor works, one warning)', 'let Candor = "mine";', /`let`\/`const`\/`class Candor` hides the API/, 'window'],
      ['const (window.Candor works, one warning)', 'const Candor = "mine";', /`let`\/`const`\/`class Candor` hides the API/, 'window'],
      [
        'a non-writable property (events only, one warning)',
        `Object.defineProperty(window, 'Candor', { value: 'mine', writable: false, configurable: false });`,
        /cannot be set on this page/,
        'events',
      ],
    ];
    for (const [name, script, warning, reach] of cases) {
      it(name, async () => {
        const head = `<script>${script}
          window.__events = [];
          for (const n of ['ready', 'change']) document.addEventListener('candor:' + n, (e) => window.__events.push(n));</script>`;
        const { page, context, pageErrors, warnings } = await open(sitePage({ config: CONFIG, head }));
        await page.locator(ui.banner).waitFor();
        expect(warnings().filter((w) => w.startsWith('[candor]'))).toEqual([expect.stringMatching(warning!)]);
        await page.locator(ui.action('accept')).click();
        await expect(page.evaluate(() => (window as unknown as { __events: string[] }).__events)).resolves.toEqual(['ready', 'change']);
        if (reach === 'window') {
          expect(await granted(page)).toEqual([...NON_REQUIRED]);
        } else {
          await expect(page.evaluate(() => window.Candor as unknown)).resolves.toBe('mine');
        }
        expect((await consentCookie(context))?.record).toMatchObject({ s: 'banner', c: { analytics: 1 } });
        expect(pageErrors).toEqual([]);
        await context.close();
      });
    }
  });

  it('a page that defined <candor-widget> before Candor loaded: Candor uses its own host, the page element is untouched', async () => {
    const head = `<script>
      window.__constructed = 0;
      customElements.define('candor-widget', class extends HTMLElement {
        constructor() { super(); window.__constructed++; this.attachShadow({ mode: 'closed' }); }
        connectedCallback() { this.setAttribute('data-page-owned', ''); }
      });
      customElements.define('candor-banner', class extends HTMLElement {});
    </script>`;
    const body = '<candor-widget id="mine"></candor-widget><candor-banner></candor-banner><p>x</p>';
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG, head, body }));
    await page.locator(ui.banner).waitFor();
    await page.locator(ui.action('accept')).click();
    expect(await granted(page)).toEqual([...NON_REQUIRED]);
    await expect(page.evaluate(() => (window as unknown as { __constructed: number }).__constructed)).resolves.toBe(1);
    await expect(page.evaluate(() => document.querySelectorAll('candor-widget').length)).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('window.CustomEvent broken: on() listeners still fire, nothing is thrown', async () => {
    const init = `window.CustomEvent = function () { throw new Error('broken CustomEvent'); };`;
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }), { init });
    await page.evaluate(() => {
      (window as unknown as { __changes: unknown[] }).__changes = [];
      window.Candor!.on('change', (d) => (window as unknown as { __changes: unknown[] }).__changes.push(d.granted));
    });
    await page.locator(ui.action('accept')).click();
    await expect(page.evaluate(() => (window as unknown as { __changes: unknown[] }).__changes)).resolves.toEqual([[...NON_REQUIRED]]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

/** The candor_consent record as this page's document.cookie shows it (wire format). */
const storedRecord = (page: Page) =>
  page.evaluate(() => JSON.parse(decodeURIComponent(document.cookie.match(/candor_consent=([^;]*)/)![1]!)) as Record<string, unknown>);
/** Delivers a record to this page's Candor as another tab's message would. */
const fromOtherTab = (page: Page, raw: string) => page.evaluate((r) => new BroadcastChannel('candor:candor_consent').postMessage(r), raw);

/** Starts keeping every candor:change detail this page hears; `changes` returns them. */
const recordChanges = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { __changes: unknown[] }).__changes = [];
    document.addEventListener('candor:change', (e) => (window as unknown as { __changes: unknown[] }).__changes.push((e as CustomEvent).detail));
  });
const changes = (page: Page) => page.evaluate(() => (window as unknown as { __changes: unknown[] }).__changes);

describe('several tabs', () => {
  it('Accept in tab A updates tab B without a reload: getConsent, candor:change, banner gone', async () => {
    const { context } = await newPage();
    const html = sitePage({ config: CONFIG });
    const a = await open(html, { context });
    const b = await open(html, { context });
    await recordChanges(b.page);
    await b.page.locator(ui.banner).waitFor();
    await a.page.locator(ui.action('accept')).click();
    await b.page.waitForFunction(() => window.Candor!.getConsent().given);
    expect(await granted(b.page)).toEqual([...NON_REQUIRED]);
    await expect(b.page.locator(ui.banner).count()).resolves.toBe(0);
    await expect(changes(b.page)).resolves.toEqual([
      expect.objectContaining({ granted: [...NON_REQUIRED], revoked: [] }),
    ]);
    expect((await consent(b.page)).id).toBe((await consent(a.page)).id);

    // withdrawing in A revokes in B too (B's enforcement gets `cleanup` for the revoked
    // categories: see test/unit/robustness.test.ts for the decision side)
    await a.page.evaluate(() => window.Candor!.withdraw());
    await b.page.waitForFunction(() => !window.Candor!.hasConsent('analytics'));
    expect(await granted(b.page)).toEqual([]);
    const heard = await changes(b.page);
    expect(heard[1]).toMatchObject({ granted: [], revoked: [...NON_REQUIRED] });
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([]);
    await context.close();
  });

  it('a tab on another revision of the config: a withdrawal there stops it here too, a grant there grants nothing here', async () => {
    const { context } = await newPage();
    // A was opened before the site changed its config (revision 1); B after (revision 2).
    const a = await open(sitePage({ config: { ...CONFIG, revision: '1' } }), { context });
    await a.page.locator(ui.action('accept')).click();
    const b = await open(sitePage({ config: { ...CONFIG, revision: '2' } }), { context });
    // A's record is for other texts: B asks again.
    await b.page.locator(ui.banner).waitFor();
    await recordChanges(a.page);
    const syncA = () => a.page.evaluate(() => window.dispatchEvent(new Event('focus')));

    // B accepts everything: A keeps what it has (everything), and hears of no change (after
    // B's message has had time to arrive, and a focus that reads the cookie).
    await b.page.locator(ui.action('accept')).click();
    await a.page.waitForTimeout(200);
    await syncA();
    expect(await granted(a.page)).toEqual([...NON_REQUIRED]);
    await expect(changes(a.page)).resolves.toEqual([]);

    // B withdraws: A stops too, without a reload, and says so.
    await b.page.evaluate(() => window.Candor!.withdraw());
    await a.page.waitForFunction(() => !window.Candor!.hasConsent('analytics'));
    expect(await granted(a.page)).toEqual([]);
    await expect(changes(a.page)).resolves.toEqual([
      expect.objectContaining({ granted: [], revoked: [...NON_REQUIRED] }),
    ]);
    // Nothing was written over B's record.
    expect((await consent(b.page)).revision).toBe('2');
    await expect(b.page.evaluate(() => decodeURIComponent(document.cookie))).resolves.toContain('"r":"2"');

    // B grants again: a grant given to revision 2's texts grants nothing in A.
    await b.page.locator(ui.action('accept')).click();
    await syncA();
    await b.page.waitForTimeout(100);
    await syncA();
    expect(await granted(a.page)).toEqual([]);
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([]);
    await context.close();
  });

  it('a preference center open in one tab shows a withdrawal made in another, so Save cannot grant again', async () => {
    const { context } = await newPage();
    const html = sitePage({ config: CONFIG });
    const a = await open(html, { context });
    await a.page.locator(ui.action('accept')).click();
    await a.page.locator(ui.fab).click();
    await a.page.locator(ui.preferences).waitFor();
    const switches = () => a.page.locator(`${ui.preferences} input[data-category]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked));
    expect(await switches()).toEqual([true, true, true, true]);
    const b = await open(html, { context });
    await b.page.evaluate(() => window.Candor!.withdraw());
    await expect.poll(switches).toEqual([true, false, false, false]);
    await a.page.locator(ui.action('save')).click();
    expect(await granted(a.page)).toEqual([]);
    await expect(b.page.evaluate(() => decodeURIComponent(document.cookie))).resolves.toContain('"c":{"necessary":1,"preferences":0,"analytics":0,"marketing":0}');
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([]);
    await context.close();
  });

  it('the record travels with the message: a tab whose cookie read lags behind the write still applies it', async () => {
    const { context } = await newPage();
    const html = sitePage({ config: CONFIG });
    const a = await open(html, { context });
    // B's document.cookie never shows a later write, as a read that races the other tab's
    // write would not.
    const frozen = `const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie'); let seen; Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get() { return (seen ??= d.get.call(this)); }, set(v) { d.set.call(this, v); } });`;
    const b = await open(html, { context, init: frozen });
    await b.page.locator(ui.banner).waitFor();
    await a.page.locator(ui.action('accept')).click();
    await b.page.waitForFunction(() => window.Candor!.getConsent().given);
    expect(await granted(b.page)).toEqual([...NON_REQUIRED]);
    expect((await consent(b.page)).id).toBe((await consent(a.page)).id);
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([]);
    await context.close();
  });

  it('without BroadcastChannel, the other tab catches up when it gets focus', async () => {
    const { context } = await newPage();
    const html = sitePage({ config: CONFIG });
    const init = 'delete window.BroadcastChannel;';
    const a = await open(html, { context, init });
    const b = await open(html, { context, init });
    await expect(b.page.evaluate(() => typeof window.BroadcastChannel)).resolves.toBe('undefined');
    await a.page.locator(ui.action('accept')).click();
    expect((await consent(a.page)).given).toBe(true);
    await b.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(await granted(b.page)).toEqual([...NON_REQUIRED]);
    await expect(b.page.locator(ui.banner).count()).resolves.toBe(0);
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([]);
    await context.close();
  });

  // Bug: the tab that had written the record kept reading its own write after the cookie
  // was gone, so it alone went on granting what no record grants any more.
  it('a tab whose own record is deleted (the visitor cleared the site\'s cookies) stops granting at its next focus, writes nothing back', async () => {
    const { context } = await newPage();
    const html = sitePage({ config: CONFIG });
    const a = await open(html, { context });
    await a.page.locator(ui.action('accept')).click();
    await recordChanges(a.page);
    // a focus with the cookie still there changes nothing
    await a.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(await granted(a.page)).toEqual([...NON_REQUIRED]);
    await context.clearCookies();
    await a.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(await granted(a.page)).toEqual([]);
    await expect(changes(a.page)).resolves.toEqual([
      expect.objectContaining({ granted: [], revoked: [...NON_REQUIRED] }),
    ]);
    await a.page.waitForTimeout(100);
    expect(await cookieNames(context)).toEqual([]);
    // the next page view asks again
    await a.page.reload();
    await a.page.locator(ui.banner).waitFor();
    expect(a.pageErrors).toEqual([]);
    await context.close();
  });

  // Found in review: where the browser ignores cookie writes, each tab reads its own last
  // write, and a focus restored a grant another tab had withdrawn (and sent).
  it('cookies blocked in both tabs: a withdrawal sent by the other tab holds through a focus', async () => {
    const { context } = await newPage();
    const html = sitePage({ config: CONFIG });
    const ignore = `Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get() { return ''; }, set() {} });`;
    const a = await open(html, { context, init: ignore });
    const b = await open(html, { context, init: ignore });
    await a.page.locator(ui.action('accept')).click();
    await b.page.waitForFunction(() => window.Candor!.hasConsent('analytics'));
    await b.page.evaluate(() => window.Candor!.withdraw());
    await a.page.waitForFunction(() => !window.Candor!.hasConsent('analytics'));
    await a.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(await granted(a.page)).toEqual([]);
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([]);
    await context.close();
  });

  // Found in review: messages can cross, and another tab's older grant, arriving after this
  // tab's own newer refusal, was applied over it; ordering by the record's latest time then
  // let an AI acknowledgement made on the older choice outrank the refusal.
  for (const [name, late] of [
    ['an older choice', (r: Record<string, unknown>) => r],
    ['an older choice with a newer AI acknowledgement', (r: Record<string, unknown>) => ({ ...r, a: Date.now() + 1000 })],
  ] as const) {
    it(`a message with ${name} than this tab's own refusal does not undo it`, async () => {
      const { page, context } = await open(sitePage({ config: CONFIG }));
      await page.locator(ui.action('accept')).click();
      const older = JSON.stringify(late(await storedRecord(page)));
      await page.waitForTimeout(5);
      await page.evaluate(() => window.Candor!.rejectAll());
      // the older record arrives now, as from another tab
      await fromOtherTab(page, older);
      await page.waitForTimeout(200);
      expect(await granted(page)).toEqual([]);
      await context.close();
    });
  }

  // Found in review: a record dated ahead (a clock put back) made every real message look
  // older than this tab's, withdrawals included.
  it('a record dated ahead, even acknowledged, does not block a withdrawal from another tab', async () => {
    // A stored acceptance dated an hour ahead; another tab withdraws now.
    const ahead = await open(sitePage({ config: CONFIG }));
    const rec = (g: number, on: 0 | 1) => JSON.stringify({ v: 1, id: 'abcdefgh', r: '1', e: g + 100 * 86_400_000, g, s: 'banner', h: 'abc', c: { necessary: 1, preferences: on, analytics: on, marketing: on } });
    await ahead.context.addCookies([{ name: 'candor_consent', value: encodeURIComponent(rec(Date.now() + 3_600_000, 1)), url: ahead.page.url() }]);
    await ahead.page.reload();
    await ahead.page.waitForFunction(() => window.Candor!.hasConsent('analytics'));
    // (an acknowledgement keeps that choice, and its date: still no choice of this tab's own)
    await ahead.page.evaluate(() => window.Candor!.acknowledgeAi());
    await fromOtherTab(ahead.page, rec(Date.now(), 0));
    await ahead.page.waitForFunction(() => !window.Candor!.hasConsent('analytics'));
    expect(await granted(ahead.page)).toEqual([]);
    await ahead.context.close();
  });

  it('an AI acknowledgement after a withdrawal that came by message, its cookie not written yet, keeps the withdrawal', async () => {
    const { page, context } = await open(sitePage({ config: CONFIG }));
    await page.locator(ui.action('accept')).click();
    // another tab's withdrawal, by message only (as when its cookie write lags or was dropped)
    const now = Date.now();
    const withdrawal = JSON.stringify({ ...(await storedRecord(page)), g: now + 1, e: now + DAY, c: { necessary: 1, preferences: 0, analytics: 0, marketing: 0 } });
    await fromOtherTab(page, withdrawal);
    await page.waitForFunction(() => !window.Candor!.hasConsent('analytics'));
    await page.evaluate(() => window.Candor!.acknowledgeAi());
    expect(await granted(page)).toEqual([]);
    expect((await storedRecord(page)).c).toMatchObject({ analytics: 0 });
    await context.close();
  });

  it('an AI acknowledgement in a tab that has not heard of another tab\'s choice yet keeps that choice', async () => {
    const { context } = await newPage();
    const html = sitePage({ config: { ...CONFIG, ai: { chatSelector: '.chat' } }, body: '<main><div class="chat">Chat</div></main>' });
    // B hears of nothing until it reads the cookie (no BroadcastChannel, no focus).
    const b = await open(html, { context, init: 'delete window.BroadcastChannel;' });
    const a = await open(html, { context });
    await a.page.evaluate(() => window.Candor!.acceptAll());
    await b.page.evaluate(() => window.Candor!.acknowledgeAi());
    const stored = await storedRecord(b.page);
    expect(stored.c).toMatchObject({ analytics: 1, marketing: 1 });
    expect(typeof stored.a).toBe('number');
    expect(await granted(b.page)).toEqual([...NON_REQUIRED]);
    await context.close();
  });

  it('a tab that regains focus after its own choice does not re-announce it as from another tab', async () => {
    const { page, context } = await open(sitePage({ config: CONFIG }));
    await page.evaluate(() => {
      (window as unknown as { __n: number }).__n = 0;
      document.addEventListener('candor:consent', () => (window as unknown as { __n: number }).__n++);
    });
    await page.locator(ui.action('accept')).click();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(page.evaluate(() => (window as unknown as { __n: number }).__n)).resolves.toBe(1);
    await context.close();
  });
});

describe('strict Content Security Policy', () => {
  const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

  it('works, is styled and causes zero violations', async () => {
    const init = `window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;
    const { page, context, pageErrors } = await open(sitePage({ config: CONFIG }), { init, headers: { 'content-security-policy': CSP } });
    await page.locator(ui.banner).waitFor();
    // styled by the widget's sheet, not the UA default button (which has a grey background and a 2px outset border)
    const style = await page.locator(ui.action('accept')).evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, radius: s.borderTopLeftRadius };
    });
    const ua = await page.evaluate(() => {
      const b = document.createElement('button');
      document.body.append(b);
      const s = getComputedStyle(b);
      const out = { bg: s.backgroundColor, radius: s.borderTopLeftRadius };
      b.remove();
      return out;
    });
    expect(style.bg).not.toBe(ua.bg);
    await expect(page.locator(ui.banner).evaluate((el) => getComputedStyle(el).position)).resolves.toBe('fixed');
    await page.locator(ui.action('customize')).click();
    await page.locator(ui.action('save')).click();
    await page.locator(ui.fab).click();
    await page.locator(ui.preferences).waitFor();
    await expect(page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).resolves.toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

// The second audit of dist/candor.js (issue 7): each case was broken in real Chromium.
describe('hostile config and page content (audit)', () => {
  /** The dataLayer as [kind, ...args]: gtag.js reads Arguments objects only. */
  const dataLayer = (page: Page) =>
    page.evaluate(() =>
      ((window as unknown as { dataLayer?: IArguments[] }).dataLayer ?? []).map((a) => [
        Object.prototype.toString.call(a),
        ...(JSON.parse(JSON.stringify(Array.from(a))) as unknown[]),
      ]),
    );
  const flag = (page: Page, name: string) => page.evaluate((n) => (window as unknown as Record<string, unknown>)[n], name);

  beforeAll(() => {
    server.page('/track/audit-analytics.js', `window.analyticsRan=(window.analyticsRan||0)+1;document.cookie='_ga=GA1.1.42; path=/';`, {
      'content-type': 'text/javascript; charset=utf-8',
    });
  });

  // Bug: map["constructor"] was Object, `.includes` threw, and enforcement never started.
  it('a category named "constructor": Consent Mode default, gating and withdrawal still work', async () => {
    const config = { policyUrl: '/privacy', categories: [{ id: 'necessary', required: true }, { id: 'analytics' }, { id: 'constructor' }] };
    const body = `<script type="text/plain" data-category="analytics" src="/track/audit-analytics.js"></script>
      <script type="text/plain" data-category="constructor">window.constructorRan = true</script>`;
    const { page, context, pageErrors, console: lines } = await open(sitePage({ config, body }));
    await page.locator(ui.banner).waitFor();
    expect(candorLines(lines, 'error')).toEqual([]);
    expect(await dataLayer(page)).toEqual([['[object Arguments]', 'consent', 'default', DENIED]]);
    expect([await flag(page, 'analyticsRan'), await flag(page, 'constructorRan')]).toEqual([undefined, undefined]);

    await page.locator(ui.action('accept')).click();
    await page.waitForFunction(() => (window as unknown as { analyticsRan?: number }).analyticsRan === 1);
    expect(await flag(page, 'constructorRan')).toBe(true);
    expect((await dataLayer(page)).at(-1)).toEqual(['[object Arguments]', 'consent', 'update', { ...DENIED, analytics_storage: 'granted' }]);
    expect((await context.cookies()).map((c) => c.name)).toContain('_ga');

    await page.evaluate(() => window.Candor!.withdraw());
    await expect.poll(async () => (await context.cookies()).map((c) => c.name).filter((n) => n !== 'candor_consent')).toEqual([]);
    expect((await dataLayer(page)).at(-1)).toEqual(['[object Arguments]', 'consent', 'update', DENIED]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('ids and text keys named toString, __proto__, hasOwnProperty, valueOf: one [candor] error naming each, enforcement runs', async () => {
    const names = ['toString', '__proto__', 'hasOwnProperty', 'valueOf'];
    // JSON, so that "__proto__" is an own key as a page's JSON would make it
    const json = `{"policyUrl":"/privacy","categories":[{"id":"necessary","required":true},${names.map((n) => `{"id":"${n}"}`).join(',')},{"id":"analytics"}],
      "texts":{"en":{${names.map((n) => `"${n}":"Hacked"`).join(',')},"acceptAll":"Yes"}}}`;
    const html = sitePage({}).replace('<script src=', `<script type="application/json" id="candor-config">${json}</script><script src=`);
    const { page, context, pageErrors, console: lines } = await open(html);
    await page.locator(ui.banner).waitFor();
    const errors = candorLines(lines, 'error');
    expect(errors).toHaveLength(1);
    for (const [i, n] of names.entries()) {
      expect(errors[0]).toContain(`  - categories[${i + 1}].id: must match`);
      expect(errors[0]).toContain(`  - texts.en.${n}: is not a text key`);
    }
    await expect(page.locator(ui.action('accept')).textContent()).resolves.toBe('Yes');
    expect(await dataLayer(page)).toEqual([['[object Arguments]', 'consent', 'default', DENIED]]);
    expect(await granted(page)).toEqual([]);
    await page.locator(ui.action('accept')).click();
    expect(await granted(page)).toEqual(['analytics']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Bug: the copy of the config followed ai → ai → … 20 levels deep, branching three ways at
  // each: the tab froze.
  it('a window.CandorConfig that contains itself: the page stays responsive, one [candor] error naming each key', async () => {
    const head = `<script>var o = { policyUrl: '/privacy' }; o.ai = o; o.ui = o; o.texts = o; window.CandorConfig = o;</script>`;
    const { page, context, pageErrors, console: lines } = await open(sitePage({ head }));
    await page.locator(ui.banner).waitFor();
    expect(candorLines(lines, 'error')).toEqual([
      expect.stringMatching(/\n {2}- window\.CandorConfig\.ai: is circular\n {2}- window\.CandorConfig\.ui: is circular\n {2}- window\.CandorConfig\.texts: is circular$/),
    ]);
    expect(await granted(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Bug: any element with id="candor-config" was read as config, so a visitor's comment
  // could switch the site to opt-out (every category granted).
  for (const [name, element] of [
    ['a <div>', '<div id="candor-config">{"mode":"opt-out"}</div>'],
    ['an <a type="application/json">', '<a id="candor-config" type="application/json">{"mode":"opt-out"}</a>'],
  ]) {
    it(`user content with id="candor-config" (${name}) is not config`, async () => {
      // the page's own config after the visitor's element, and Candor at the end of <body>
      const body = `<main><p>A comment:</p>${element}</main>
        <script type="application/json" id="candor-config">{"policyUrl":"/privacy"}</script>
        <script src="/dist/candor.js"></script>`;
      const { page, context, pageErrors, console: lines } = await open(sitePage({ body, tag: '' }));
      await page.locator(ui.banner).waitFor();
      expect(candorLines(lines, 'error')).toEqual([]);
      expect(await granted(page)).toEqual([]);
      expect(await dataLayer(page)).toEqual([['[object Arguments]', 'consent', 'default', DENIED]]);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  // Bug: `window.__candorLoaded` was the "already loaded" flag, and HTML named access makes
  // any element with that id (or an <img>/<form> with that name) a property of window.
  it('elements named __candorLoaded do not switch Candor off', async () => {
    for (const element of ['<a id="__candorLoaded" href="#x">x</a>', '<img name="__candorLoaded" alt="">', '<form name="__candorLoaded"></form>']) {
      const body = `${element}<script type="application/json" id="candor-config">{"policyUrl":"/privacy"}</script><script src="/dist/candor.js"></script>`;
      const { page, context, pageErrors, warnings } = await open(sitePage({ body, tag: '' }));
      await expect(page.evaluate(() => typeof (window as unknown as Record<string, unknown>).__candorLoaded)).resolves.toBe('object');
      await page.locator(ui.banner).waitFor();
      expect(warnings().filter((w) => w.startsWith('[candor]'))).toEqual([]);
      await expect(page.evaluate(() => typeof window.Candor?.getConsent)).resolves.toBe('function');
      expect(pageErrors).toEqual([]);
      await context.close();
    }
  });

  // Bug: a string, or a list with non-strings, as navigator.languages stopped Candor.
  it('navigator.languages as a string or a list of odd values: Candor starts, in the right language', async () => {
    const cases: [string, string][] = [
      [`'de'`, 'Alle akzeptieren'],
      ['[1, null, {}]', en.acceptAll],
    ];
    for (const [value, accept] of cases) {
      const init = `Object.defineProperty(Navigator.prototype, 'languages', { configurable: true, get: () => ${value} });`;
      const { page, context, pageErrors, console: lines } = await open(sitePage({ config: CONFIG, lang: '' }), { init });
      await page.locator(ui.banner).waitFor();
      await expect(page.locator(ui.action('accept')).textContent()).resolves.toBe(accept);
      expect(candorLines(lines, 'error')).toEqual([]);
      expect(await dataLayer(page)).toEqual([['[object Arguments]', 'consent', 'default', DENIED]]);
      expect(pageErrors).toEqual([]);
      await context.close();
    }
  });

  // Asking for navigator.languages is a trip to the browser on every page view: only a page
  // whose <html lang> does not settle the language asks.
  it('navigator.languages is read only when <html lang> does not name a language Candor has', async () => {
    const init = `window.__langReads = 0; Object.defineProperty(Navigator.prototype, 'languages', { configurable: true, get: () => (window.__langReads++, ['de-DE']) });`;
    for (const [lang, reads, accept] of [['en', 0, en.acceptAll], ['fr-CA', 0, 'Tout accepter'], ['', 1, 'Alle akzeptieren'], ['ja', 1, 'Alle akzeptieren']] as const) {
      const { page, context, pageErrors } = await open(sitePage({ config: CONFIG, lang }), { init });
      await page.locator(ui.banner).waitFor();
      await expect(page.locator(ui.action('accept')).textContent()).resolves.toBe(accept);
      await expect(page.evaluate(() => (window as unknown as { __langReads: number }).__langReads)).resolves.toBe(reads);
      expect(pageErrors).toEqual([]);
      await context.close();
    }
  });

  // Bug: when Candor could not start, Google's tags got no default at all, which they read
  // as "granted".
  it('when Candor cannot start, the denied Consent Mode default is still queued (fail closed)', async () => {
    // a page on which Candor cannot even mark itself as loaded (its window refuses the mark)
    const init = `Object.defineProperty(window, Symbol.for('candor'), { get() {}, set() { throw new Error('no mark here'); } });`;
    const body = '<script type="text/plain" data-category="necessary">window.gatedRan = true</script>';
    const { page, context, pageErrors, console: lines } = await open(sitePage({ config: CONFIG, body }), { init });
    await page.waitForLoadState('load');
    expect(candorLines(lines, 'error')).toEqual([expect.stringMatching(/^\[candor\] could not start:.*no mark here/)]);
    expect(await dataLayer(page)).toEqual([['[object Arguments]', 'consent', 'default', DENIED]]);
    await expect(page.evaluate(() => (window as unknown as { uetq: unknown[] }).uetq)).resolves.toEqual(['consent', 'default', { ad_storage: 'denied' }]);
    expect(await flag(page, 'gatedRan')).toBeUndefined();
    await expect(page.locator('candor-widget, [data-candor-host]').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // The page's listeners are added once enforcement has run (the first listener on the
  // document costs the gated scripts ~0.1 ms): a page that refuses them loses only what they do.
  it('a document that refuses Candor’s listeners: one error, and enforcement, the banner and the API still work', async () => {
    const init = `const add = Document.prototype.addEventListener;
      Document.prototype.addEventListener = function (type, ...rest) {
        if (type === 'visibilitychange') throw new Error('no listeners here');
        return add.call(this, type, ...rest);
      };`;
    const body = '<script type="text/plain" data-category="necessary">window.gatedRan = true</script>';
    const { page, context, pageErrors, console: lines } = await open(sitePage({ config: CONFIG, body }), { init });
    await page.locator(ui.banner).waitFor();
    expect(candorLines(lines, 'error')).toEqual([expect.stringMatching(/^\[candor\] could not start a feature:.*no listeners here/)]);
    expect(await flag(page, 'gatedRan')).toBe(true);
    expect((await dataLayer(page))[0]).toEqual(['[object Arguments]', 'consent', 'default', DENIED]);
    await page.locator(ui.action('accept')).click();
    await expect(page.evaluate(() => window.Candor!.hasConsent('analytics'))).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Bug: reading window.Candor threw out of expose(): "could not start", and `ready` never
  // fired, although the UI was already up.
  it('a window.Candor getter that throws: one warning, candor:ready fires, the banner works', async () => {
    const head = `<script>Object.defineProperty(window, 'Candor', { configurable: true, get() { throw new Error('mine'); } });
      window.__ready = 0; document.addEventListener('candor:ready', () => window.__ready++);</script>`;
    const { page, context, pageErrors, console: lines, warnings } = await open(sitePage({ config: CONFIG, head }));
    await page.locator(ui.banner).waitFor();
    expect(await flag(page, '__ready')).toBe(1);
    expect(candorLines(lines, 'error')).toEqual([]);
    expect(warnings().filter((w) => w.startsWith('[candor]'))).toEqual([expect.stringMatching(/cannot be set on this page/)]);
    await page.locator(ui.action('accept')).click();
    expect((await consentCookie(context))?.record).toMatchObject({ s: 'banner', c: { analytics: 1 } });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Bug: with no currentScript (a module, or a script in a shadow root) Candor took the
  // first script whose URL contained "candor" as its own tag, here a gated page script,
  // and read its data-* as config.
  it('without currentScript, a page script such as candor-analytics.js is not taken for Candor\'s tag', async () => {
    const gated = '<script type="text/plain" data-category="analytics" src="/track/candor-analytics.js" data-revision="evil" data-policy-url="/evil"></script>';
    const body = `${gated}<script type="module" src="/dist/candor.js" data-revision="7"></script>`;
    const { page, context, pageErrors, console: lines } = await open(sitePage({ config: CONFIG, body, tag: '' }));
    await page.locator(ui.banner).waitFor();
    expect((await consent(page)).revision).toBe('7');
    await expect(page.locator(`${ui.banner} a`).first().getAttribute('href')).resolves.toBe('/privacy');
    expect(candorLines(lines, 'error')).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
