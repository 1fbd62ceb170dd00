import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RAW_LENGTH } from '../../src/storage/record';
import { consentCookie, newPage, recordOfLength, sitePage, TestServer, ui } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const CONFIG = { policyUrl: '/privacy' };

describe('script tag on a blank page (the README snippet)', () => {
  it('shows the banner, stores Accept all, and restores it after a reload', async () => {
    const url = server.page('/readme.html', sitePage({ config: CONFIG }));
    const { page, context, pageErrors } = await newPage();
    await page.goto(url);
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    const before = await page.evaluate(() => window.Candor!.getConsent());
    expect(before).toMatchObject({ given: false, id: null, givenAt: null, expiresAt: null, source: null });
    expect(before.categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });

    await page.locator(ui.action('accept')).click();
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    const cookie = await consentCookie(context);
    expect(cookie).toBeDefined();
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.path).toBe('/');
    expect(cookie!.record).toMatchObject({ v: 1, r: '1', s: 'banner', c: { necessary: 1, preferences: 1, analytics: 1, marketing: 1 } });
    // lifetime = consentMaxAgeDays (182) from now, within a minute
    expect(Math.abs(cookie!.expires * 1000 - (Date.now() + 182 * 86_400_000))).toBeLessThan(60_000);

    await page.reload();
    const after = await page.evaluate(() => window.Candor!.getConsent());
    expect(after).toMatchObject({ given: true, source: 'banner', revision: '1' });
    expect(after.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: true });
    expect(after.id).toMatch(/^[0-9a-f]{32}$/);
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    await expect(page.locator(ui.fab).isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('stores Reject all as durably as a consent', async () => {
    const url = server.page('/reject.html', sitePage({ config: CONFIG }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('reject')).click();
    await page.reload();
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c).toMatchObject({ given: true, source: 'banner' });
    expect(c.categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    const cookie = await consentCookie(context);
    expect(Math.abs(cookie!.expires * 1000 - (Date.now() + 182 * 86_400_000))).toBeLessThan(60_000);
    await context.close();
  });

  it('Customize opens the preference center; Save choices stores exactly the switches set', async () => {
    const url = server.page('/customize.html', sitePage({ config: CONFIG }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('customize')).click();
    const dialog = page.locator(ui.preferences);
    await expect(dialog.getAttribute('role')).resolves.toBe('dialog');
    await expect(dialog.getAttribute('aria-modal')).resolves.toBe('true');
    // nothing pre-ticked except the required category, which cannot be switched off
    await expect(page.locator('input[data-category="necessary"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('input[data-category="necessary"]').isDisabled()).resolves.toBe(true);
    for (const id of ['preferences', 'analytics', 'marketing']) {
      await expect(page.locator(`input[data-category="${id}"]`).isChecked()).resolves.toBe(false);
    }
    await page.locator('input[data-category="analytics"]').check();
    await page.locator(ui.action('save')).click();
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c).toMatchObject({ given: true, source: 'preferences' });
    expect(c.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    await context.close();
  });

  it('Escape in the preference center grants nothing and goes back to the banner', async () => {
    const url = server.page('/escape.html', sitePage({ config: CONFIG }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('customize')).click();
    await page.locator('input[data-category="marketing"]').check();
    await page.keyboard.press('Escape');
    await expect(page.locator(ui.preferences).count()).resolves.toBe(0);
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c.given).toBe(false);
    expect(c.categories.marketing).toBe(false);
    expect(await consentCookie(context)).toBeUndefined();
    await context.close();
  });
});

describe('revision and expiry', () => {
  it('a new revision voids the stored choice and asks again', async () => {
    server.page('/rev1.html', sitePage({ config: { ...CONFIG, revision: '1' } }));
    server.page('/rev2.html', sitePage({ config: { ...CONFIG, revision: '2' } }));
    const { page, context } = await newPage();
    await page.goto(server.url('/rev1.html'));
    await page.locator(ui.action('accept')).click();
    await page.goto(server.url('/rev2.html'));
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c).toMatchObject({ given: false, revision: '2' });
    expect(c.categories.analytics).toBe(false);
    await context.close();
  });

  it('a stored choice expires after consentMaxAgeDays and the banner returns (fake clock)', async () => {
    const url = server.page('/expiry.html', sitePage({ config: { ...CONFIG, consentMaxAgeDays: 30 } }));
    const { page, context } = await newPage();
    // The page's clock starts at the real now: Chromium keeps the cookie only until its
    // expiry by the real clock, so a fixed date would stop working a month after it.
    const start = new Date();
    await page.clock.install({ time: start });
    await page.goto(url);
    const before = await page.evaluate(() => Date.now());
    await page.locator(ui.action('accept')).click();
    const after = await page.evaluate(() => Date.now());
    const c = await page.evaluate(() => window.Candor!.getConsent());
    // given at the moment of the click, by the page's (fake) clock
    expect(before).toBeGreaterThanOrEqual(start.getTime());
    expect(c.givenAt).toBeGreaterThanOrEqual(before);
    expect(c.givenAt).toBeLessThanOrEqual(after);
    expect(c.expiresAt! - c.givenAt!).toBe(30 * 86_400_000);

    // 29 days later: still valid
    await page.clock.setSystemTime(new Date(start.getTime() + 29 * 86_400_000));
    await page.reload();
    await expect(page.evaluate(() => window.Candor!.getConsent().given)).resolves.toBe(true);

    // 31 days later: expired, even though the browser still holds the cookie
    await context.addCookies([{ ...(await context.cookies()).find((x) => x.name === 'candor_consent')!, expires: Date.now() / 1000 + 400 * 86400 }]);
    await page.clock.setSystemTime(new Date(start.getTime() + 31 * 86_400_000));
    await page.reload();
    await expect(page.evaluate(() => window.Candor!.getConsent().given)).resolves.toBe(false);
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    await context.close();
  });
});

describe('events', () => {
  it('dispatches candor:ready, candor:consent and candor:change on document, and on() listeners', async () => {
    const listen = `<script>
      window.log = [];
      for (const n of ['ready','consent','change','ai-acknowledged'])
        document.addEventListener('candor:' + n, (e) => log.push(['dom:' + n, JSON.parse(JSON.stringify(e.detail))]));
    </script>`;
    const url = server.page('/events.html', sitePage({ config: CONFIG, head: listen }));
    const { page, context } = await newPage();
    await page.goto(url);
    const ready = await page.evaluate(() => (window as any).log);
    expect(ready).toHaveLength(1);
    expect(ready[0][0]).toBe('dom:ready');
    expect(ready[0][1]).toMatchObject({ given: false });

    await page.evaluate(() => {
      const w = window as any;
      w.Candor.on('consent', (d: any) => w.log.push(['on:consent', d.categories.analytics]));
      w.Candor.on('change', (d: any) => w.log.push(['on:change', d.granted, d.revoked]));
      w.Candor.on('ready', () => w.log.push(['on:ready-late']));
    });
    await page.locator(ui.action('accept')).click();
    // Saving the same choice again: `consent` fires, `change` does not
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.evaluate(() => window.Candor!.setConsent({ analytics: false }));
    const log = await page.evaluate(() => (window as any).log.slice(1).map((e: any[]) => (e[0].startsWith('dom:') ? [e[0], e[1].granted ?? e[1].given, e[1].revoked] : e)));
    expect(log).toEqual([
      ['on:ready-late'],
      ['on:consent', true],
      ['dom:consent', true, undefined],
      ['on:change', ['preferences', 'analytics', 'marketing'], []],
      ['dom:change', ['preferences', 'analytics', 'marketing'], []],
      ['on:consent', true],
      ['dom:consent', true, undefined],
      ['on:consent', false],
      ['dom:consent', true, undefined],
      ['on:change', [], ['analytics']],
      ['dom:change', [], ['analytics']],
    ]);
    await context.close();
  });

  it('on() returns an unsubscribe function, and a throwing listener does not stop the others', async () => {
    const url = server.page('/unsub.html', sitePage({ config: CONFIG }));
    const { page, context, pageErrors } = await newPage();
    await page.goto(url);
    const calls = await page.evaluate(() => {
      const calls: string[] = [];
      const off = window.Candor!.on('consent', () => calls.push('a'));
      window.Candor!.on('consent', () => {
        throw new Error('listener boom');
      });
      window.Candor!.on('consent', () => calls.push('c'));
      window.Candor!.acceptAll();
      off();
      window.Candor!.rejectAll();
      return calls;
    });
    expect(calls).toEqual(['a', 'c', 'c']);
    await page.waitForTimeout(50);
    expect(pageErrors.map((e) => e.message)).toContain('listener boom');
    await context.close();
  });
});

describe('window.Candor API', () => {
  it('every method does what SPEC §6 says', async () => {
    const url = server.page('/api.html', sitePage({ config: CONFIG }));
    const { page, context, console: lines } = await newPage();
    await page.goto(url);
    const r = await page.evaluate(() => {
      const C = window.Candor!;
      const out: Record<string, unknown> = { version: C.version };
      out.hasBefore = C.hasConsent('analytics');
      out.hasNecessary = C.hasConsent('necessary');
      out.hasUnknown = C.hasConsent('nope');
      const granted: string[] = [];
      C.whenGranted('analytics', () => granted.push('analytics'));
      C.whenGranted('necessary', () => granted.push('necessary-now'));
      out.grantedBefore = [...granted];
      C.setConsent({ analytics: true, bogus: true } as Record<string, boolean>);
      out.grantedAfter = [...granted];
      out.afterSet = C.getConsent();
      C.setConsent({ analytics: true });
      out.grantedOnce = [...granted];
      // a copy: mutating it changes nothing
      (C.getConsent().categories as Record<string, boolean>).marketing = true;
      out.marketingStill = C.hasConsent('marketing');
      C.acceptAll();
      out.afterAccept = C.getConsent().categories;
      C.rejectAll();
      out.afterReject = C.getConsent().categories;
      out.frozen = Object.isFrozen(C);
      return out;
    });
    expect(r.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(r).toMatchObject({ hasBefore: false, hasNecessary: true, hasUnknown: false, marketingStill: false, frozen: true });
    expect(r.grantedBefore).toEqual(['necessary-now']);
    expect(r.grantedAfter).toEqual(['necessary-now', 'analytics']);
    expect(r.grantedOnce).toEqual(['necessary-now', 'analytics']);
    expect(r.afterSet).toMatchObject({ given: true, source: 'api', categories: { analytics: true, marketing: false } });
    expect(r.afterAccept).toEqual({ necessary: true, preferences: true, analytics: true, marketing: true });
    expect(r.afterReject).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
    expect(lines.filter((l) => l.type === 'error').map((l) => l.text)).toEqual([
      expect.stringMatching(/^\[candor\] setConsent\(\): "bogus" is not a configured category/),
    ]);

    // showBanner / hide / showPreferences
    await page.evaluate(() => window.Candor!.showBanner());
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    await page.evaluate(() => window.Candor!.hide());
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    await page.evaluate(() => window.Candor!.showPreferences());
    await page.locator(ui.preferences).waitFor(); // the preference center is a lazy chunk
    await page.locator(ui.action('close')).click();
    await expect(page.locator(ui.preferences).count()).resolves.toBe(0);

    // withdraw: everything optional denied, stored, banner back
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.evaluate(() => window.Candor!.withdraw());
    const w = await page.evaluate(() => window.Candor!.getConsent());
    expect(w).toMatchObject({ given: true, source: 'api', categories: { analytics: false, marketing: false, preferences: false } });
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);

    // acknowledgeAi records the time and fires the event
    const ack = await page.evaluate(
      () =>
        new Promise<{ at: number; stored: number | null }>((resolve) => {
          document.addEventListener('candor:ai-acknowledged', (e) =>
            resolve({ at: (e as CustomEvent).detail.at, stored: window.Candor!.getConsent().aiAcknowledgedAt }),
          );
          window.Candor!.acknowledgeAi();
        }),
    );
    expect(ack.at).toBeGreaterThan(0);
    expect(ack.stored).toBe(ack.at);
    // Chromium stores a document.cookie write asynchronously: under load the browser's cookie
    // list can lag a moment behind the page
    await expect.poll(async () => (await consentCookie(context))?.record.a).toBe(ack.at);
    await context.close();
  });

  it('the floating button reopens the preference center and focus returns to it on close', async () => {
    const url = server.page('/fab.html', sitePage({ config: CONFIG }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('reject')).click();
    await page.locator(ui.fab).click();
    await page.locator(ui.preferences).waitFor(); // the preference center is a lazy chunk
    await page.keyboard.press('Escape');
    const focused = await page.evaluate(() => {
      const host = document.querySelector('candor-widget')!;
      return host.shadowRoot!.activeElement?.getAttribute('data-candor');
    });
    expect(focused).toBe('floating-button');
    await context.close();
  });
});

describe('config sources and validation', () => {
  it('merges defaults < window.CandorConfig < #candor-config < data-* attributes, key by key', async () => {
    const head = `<script>window.CandorConfig = { policyUrl: '/from-global', revision: 'g', consentMaxAgeDays: 10, ui: { position: 'center', theme: 'dark' } };</script>`;
    const url = server.page(
      '/precedence.html',
      sitePage({
        head,
        config: { revision: 'json', consentMaxAgeDays: 20, ui: { theme: 'light' } },
        tag: '<script src="/dist/candor.js" data-revision="attr" data-position="bottom-left"></script>',
      }),
    );
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('accept')).click();
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c.revision).toBe('attr');
    expect(c.expiresAt! - c.givenAt!).toBe(20 * 86_400_000);
    await page.evaluate(() => window.Candor!.showBanner());
    const classes = await page.locator('.candor').getAttribute('class');
    expect(classes).toContain('theme-light'); // json beats global
    expect(classes).toContain('pos-bottom-left'); // attribute beats global
    await expect(page.locator('a[href="/from-global"]').count()).resolves.toBe(1);
    await context.close();
  });

  it('invalid config: one [candor] console.error naming every problem, nothing granted beyond required', async () => {
    const bad = {
      policyUrl: '/privacy',
      revison: '2',
      categories: [{ id: 'necessary', required: true }, { id: 'analytics' }, { id: 'Bad Id' }],
      mode: 'opt-out',
      ui: { position: 'top' },
    };
    const url = server.page('/invalid.html', sitePage({ config: bad }));
    const { page, context, console: lines, pageErrors } = await newPage();
    await page.goto(url);
    const errors = lines.filter((l) => l.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text).toMatch(/^\[candor\]/);
    expect(errors[0]!.text).toContain('revison: unknown key');
    expect(errors[0]!.text).toContain('categories[2].id: must match /^[a-z][a-z0-9_-]*$/');
    expect(errors[0]!.text).toContain('ui.position: must be one of');
    // opt-out mode would grant analytics before any choice; a broken config must not
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c.categories).toEqual({ necessary: true, analytics: false });
    // the banner still renders from the valid parts
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a javascript: policy URL is refused, no banner renders, and the page is untouched', async () => {
    const url = server.page('/js-url.html', sitePage({ config: { policyUrl: 'javascript:alert(1)' } }));
    const { page, context, console: lines, pageErrors } = await newPage();
    await page.goto(url);
    expect(lines.filter((l) => l.type === 'error').map((l) => l.text)).toEqual([expect.stringContaining('policyUrl: must be an http(s) URL')]);
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    await expect(page.evaluate(() => window.Candor!.hasConsent('analytics'))).resolves.toBe(false);
    await expect(page.locator('h1').textContent()).resolves.toBe('Shop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a page with only required categories gets a notice, not a consent question', async () => {
    const url = server.page('/essential.html', sitePage({ config: { policyUrl: '/privacy', categories: [{ id: 'necessary' }] } }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator(ui.notice).isVisible()).resolves.toBe(true);
    await expect(page.locator(ui.action('accept')).count()).resolves.toBe(0);
    await expect(page.locator(ui.action('reject')).count()).resolves.toBe(0);
    await page.locator(ui.action('ok')).click();
    await page.reload();
    await expect(page.locator(ui.notice).count()).resolves.toBe(0);
    await context.close();
  });
});

describe('loading', () => {
  for (const [name, tag, where] of [
    ['defer in <head>', '<script defer src="/dist/candor.js"></script>', 'head'],
    ['async in <head>', '<script async src="/dist/candor.js"></script>', 'head'],
    ['plain at the end of <body>', '<script src="/dist/candor.js"></script>', 'body'],
  ] as const) {
    it(`works ${name}`, async () => {
      const cfg = `<script type="application/json" id="candor-config">${JSON.stringify(CONFIG)}</script>`;
      const html =
        where === 'head'
          ? `<!doctype html><html lang="en"><head>${cfg}${tag}</head><body><p>x</p></body></html>`
          : `<!doctype html><html lang="en"><head>${cfg}</head><body><p>x</p>${tag}</body></html>`;
      const url = server.page(`/load-${name.replace(/\W+/g, '-')}.html`, html);
      const { page, context, pageErrors } = await newPage();
      await page.goto(url);
      await page.locator(ui.banner).waitFor();
      await page.locator(ui.action('accept')).click();
      await expect(page.evaluate(() => window.Candor!.hasConsent('analytics'))).resolves.toBe(true);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  // dist/candor-preload.html (README, "Faster first visits"): a first visit that waits for a
  // chunk can have it fetched beside candor.js instead of after it. The test server sends
  // `no-store`, so a hint the browser does not match to Candor's own request is fetched twice.
  describe('the preload hints of dist/candor-preload.html', () => {
    const hints = readFileSync(join(import.meta.dirname, '../../dist/candor-preload.html'), 'utf8');
    const hint = (chunk: string) => hints.split('\n').find((l) => l.startsWith('<link') && l.includes(`"/candor/candor-${chunk}.js"`))!.replace('/candor/', '/dist/');
    const preloadLines = (lines: { text: string }[]) => lines.filter((l) => /preload/i.test(l.text)).map((l) => l.text);
    for (const [name, chunk, lang, cross, config] of [
      ['a page with AI notices', 'ai', 'en', '', { ...CONFIG, ai: {} }],
      ['a German page', 'i18n-de', 'de', '', CONFIG],
      ['a page with AI notices, candor.js with crossorigin', 'ai', 'en', ' crossorigin="anonymous"', { ...CONFIG, ai: {} }],
    ] as const) {
      it(`are used as they are: ${name}`, async () => {
        const link = hint(chunk).replace('>', `${cross}>`);
        const path = `/preload-${chunk}-${cross ? 'cors' : 'plain'}.html`;
        const url = server.page(path, sitePage({ config, lang, head: link, tag: `<script defer src="/dist/candor.js"${cross}></script>` }));
        const { page, context, console: lines, pageErrors } = await newPage();
        const before = server.hitsTo(`/dist/candor-${chunk}.js`).length;
        await page.goto(url);
        await page.locator(ui.banner).waitFor();
        if (chunk === 'ai') await page.locator(`${ui.banner} [data-candor="ai-section"]`).waitFor();
        else await expect(page.locator(ui.action('accept')).textContent()).resolves.toBe('Alle akzeptieren');
        expect(server.hitsTo(`/dist/candor-${chunk}.js`).length - before).toBe(1);
        expect(preloadLines(lines)).toEqual([]);
        expect(pageErrors).toEqual([]);
        await context.close();
      });
    }

    it('a stale hash costs one more download and a console warning, nothing else', async () => {
      const link = hint('ai').replace(/integrity="sha256-[^"]+"/, `integrity="sha256-${'A'.repeat(43)}="`);
      const url = server.page('/preload-stale.html', sitePage({ config: { ...CONFIG, ai: {} }, head: link, tag: '<script defer src="/dist/candor.js"></script>' }));
      const { page, context, console: lines, pageErrors } = await newPage();
      const before = server.hitsTo('/dist/candor-ai.js').length;
      await page.goto(url);
      await page.locator(`${ui.banner} [data-candor="ai-section"]`).waitFor();
      expect(server.hitsTo('/dist/candor-ai.js').length - before).toBe(2);
      expect(preloadLines(lines)).toEqual([expect.stringMatching(/integrity/)]);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  });

  it('a second copy of the script is a no-op with one warning', async () => {
    const tag = '<script src="/dist/candor.js"></script><script src="/dist/candor.js?again"></script>';
    const url = server.page('/twice.html', sitePage({ config: CONFIG, tag }));
    const { page, context, console: lines } = await newPage();
    await page.goto(url);
    expect(lines.filter((l) => l.type === 'warning').map((l) => l.text)).toEqual([expect.stringMatching(/^\[candor\].*twice/)]);
    await expect(page.locator('candor-widget').count()).resolves.toBe(1);
    await expect(page.locator(ui.banner).count()).resolves.toBe(1);
    await context.close();
  });
});

describe('stored record', () => {
  it.each([
    ['a record with missing fields', '%7B%22v%22%3A1%7D'],
    ['a value that is not JSON', 'not-json'],
    [
      'a category value that is not 0 or 1',
      encodeURIComponent(JSON.stringify({ v: 1, id: 'abcdefgh12', r: '1', e: 9e12, g: 1, c: { analytics: 'yes' }, s: 'banner', h: 'x' })),
    ],
    // valid in every other way: see the control below
    ['a record one character over the size limit', recordOfLength(MAX_RAW_LENGTH + 1, { analytics: 1 })],
  ])('%s in the cookie is "no consent", never an exception', async (_name, value) => {
    const url = server.page('/tamper.html', sitePage({ config: CONFIG }));
    const { page, context, pageErrors } = await newPage();
    await context.addCookies([{ name: 'candor_consent', value, url: server.url('/') }]);
    await page.goto(url);
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c.given).toBe(false);
    expect(c.categories.analytics).toBe(false);
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the same record exactly at the size limit is a valid stored choice', async () => {
    const url = server.page('/at-limit.html', sitePage({ config: CONFIG }));
    const { page, context, pageErrors } = await newPage();
    await context.addCookies([{ name: 'candor_consent', value: recordOfLength(MAX_RAW_LENGTH, { analytics: 1 }), url: server.url('/') }]);
    await page.goto(url);
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(c).toMatchObject({ given: true, id: expect.stringMatching(/^abcdefghx+$/), source: 'banner' });
    expect(c.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    await expect(page.locator(ui.banner).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('sends each saved record to consentLogUrl with sendBeacon', async () => {
    const url = server.page('/log.html', sitePage({ config: { ...CONFIG, consentLogUrl: '/log/consent' } }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('reject')).click();
    await expect.poll(() => server.hitsTo('/log/consent').length, { timeout: 5000 }).toBe(1);
    const hit = server.hitsTo('/log/consent')[0]!;
    expect(hit.method).toBe('POST');
    const body = JSON.parse(hit.body);
    const c = await page.evaluate(() => window.Candor!.getConsent());
    expect(body).toMatchObject({ id: c.id, revision: '1', source: 'banner', givenAt: c.givenAt, categories: { analytics: false } });
    expect(body.url).toBe(server.url('/log.html'));
    await context.close();
  });
});
