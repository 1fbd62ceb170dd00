import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, sitePage, TestServer, ui } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
  // Stand-in trackers: each records that it ran, and sets a cookie and a storage key the way
  // a real analytics tag would. The server logs every request, so a fetch is visible too.
  const js = (path: string, code: string) => server.page(path, code, { 'content-type': 'text/javascript; charset=utf-8' });
  js('/track/analytics.js', `(window.ran=window.ran||[]).push('analytics.js');document.cookie='_ga=GA1.1.42; path=/';localStorage.setItem('_hjSession_1','x');`);
  js('/track/e1.js', `(window.order=window.order||[]).push('e1');window.libE1=true;`);
  js('/track/e2.js', `(window.order=window.order||[]).push('e2');`);
  js('/track/async.js', `(window.ran=window.ran||[]).push('async.js');`);
});
afterAll(() => server?.close());

const CONFIG = { policyUrl: '/privacy' };
const ran = (page: import('playwright-core').Page) => page.evaluate(() => (window as unknown as { ran?: string[] }).ran ?? []);

describe('nothing before consent (SPEC §4, COMPLIANCE C-1)', () => {
  it('on a first visit no tracker cookie, storage key, gated script, frame or image exists until Accept, then all of it does', async () => {
    const body = `
      <main><h1>Shop</h1></main>
      <script type="text/plain" data-category="analytics" src="/track/analytics.js"></script>
      <script type="text/plain" data-category="analytics">(window.ran=window.ran||[]).push('inline');fetch('/track/inline-beacon');</script>
      <iframe data-category="marketing" data-src="/track/frame.html" title="video"></iframe>
      <img data-category="marketing" data-src="/track/pixel.gif" alt="">`;
    const url = server.page('/nbc.html', sitePage({ config: CONFIG, body }));
    const before = server.hits.length;
    const { page, context, pageErrors } = await newPage();
    await page.goto(url);
    await page.waitForLoadState('load');
    await expect(page.locator(ui.banner).isVisible()).resolves.toBe(true);
    // scroll, press Escape, click the page: none of it is consent (COMPLIANCE C-4)
    await page.mouse.wheel(0, 500);
    await page.keyboard.press('Escape');
    await page.locator('h1').click();
    await page.waitForTimeout(200);

    expect(await ran(page)).toEqual([]);
    expect((await context.cookies()).map((c) => c.name)).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(server.hits.slice(before).filter((h) => h.path.startsWith('/track/'))).toEqual([]);
    await expect(page.locator('iframe').getAttribute('src')).resolves.toBeNull();
    await expect(page.locator('img').getAttribute('src')).resolves.toBeNull();

    await page.locator(ui.action('accept')).click();
    await page.waitForFunction(() => (window as unknown as { ran?: string[] }).ran?.length === 2);
    await page.waitForFunction(() => document.querySelector('iframe')?.contentDocument?.readyState === 'complete');
    expect((await ran(page)).sort()).toEqual(['analytics.js', 'inline']);
    const names = (await context.cookies()).map((c) => c.name).sort();
    expect(names).toEqual(['_ga', 'candor_consent']);
    expect(await page.evaluate(() => localStorage.getItem('_hjSession_1'))).toBe('x');
    await expect.poll(() => server.hits.slice(before).map((h) => h.path).filter((p) => p.startsWith('/track/')).sort()).toEqual([
      '/track/analytics.js',
      '/track/frame.html',
      '/track/inline-beacon',
      '/track/pixel.gif',
    ]);
    await expect(page.locator('iframe').getAttribute('src')).resolves.toBe('/track/frame.html');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('Reject all runs nothing', async () => {
    const body = `<script type="text/plain" data-category="analytics">(window.ran=window.ran||[]).push('inline')</script>`;
    const url = server.page('/reject.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('reject')).click();
    await page.waitForTimeout(100);
    expect(await ran(page)).toEqual([]);
    await context.close();
  });
});

describe('script gating', () => {
  it('runs external and inline scripts in document order, waiting for a non-async external one', async () => {
    const body = `
      <script type="text/plain" data-category="analytics" src="/track/e1.js"></script>
      <script type="text/plain" data-category="analytics">window.order.push(window.libE1 ? 'i1 after e1' : 'i1 too early')</script>
      <script type="text/plain" data-category="analytics" src="/track/e2.js"></script>
      <script type="text/plain" data-category="analytics">window.order.push('i2')</script>`;
    const url = server.page('/order.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.waitForFunction(() => (window as unknown as { order?: string[] }).order?.length === 4);
    expect(await page.evaluate(() => (window as unknown as { order: string[] }).order)).toEqual(['e1', 'i1 after e1', 'e2', 'i2']);
    await context.close();
  });

  it('keeps the other attributes, takes the type from data-type and keeps async', async () => {
    const body = `
      <script type="text/plain" data-category="analytics" id="inl" data-x="1" data-type="module">window.moduleRan = typeof import.meta === 'object'</script>
      <script type="text/plain" data-category="analytics" src="/track/async.js" async id="asy" referrerpolicy="no-referrer"></script>`;
    const url = server.page('/attrs.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.waitForFunction(() => (window as unknown as { moduleRan?: boolean }).moduleRan === true);
    await page.waitForFunction(() => (window as unknown as { ran?: string[] }).ran?.includes('async.js'));
    const attrs = await page.evaluate(() => {
      const i = document.getElementById('inl') as HTMLScriptElement;
      const a = document.getElementById('asy') as HTMLScriptElement;
      return { type: i.type, x: i.dataset.x, cat: i.dataset.category, async: a.async, ref: a.referrerPolicy, count: document.scripts.length };
    });
    expect(attrs).toMatchObject({ type: 'module', x: '1', cat: 'analytics', async: true, ref: 'no-referrer' });
    await context.close();
  });

  // Found in review: an empty src counted as no src, and the script's text ran instead.
  it('a gated script with src="" stays an external script that fails to load: its text never runs', async () => {
    const body = `<script type="text/plain" data-category="analytics" src="">(window.ran=window.ran||[]).push('text of src=""')</script>
      <script type="text/plain" data-category="analytics">(window.ran=window.ran||[]).push('after')</script>`;
    const { page, context } = await newPage();
    await page.goto(server.page('/empty-src.html', sitePage({ config: CONFIG, body })));
    await page.evaluate(() => window.Candor!.acceptAll());
    await expect.poll(() => ran(page)).toEqual(['after']);
    await expect(page.locator('script[src=""]').count()).resolves.toBe(1);
    await context.close();
  });

  it('data-category="analytics marketing" needs both', async () => {
    const body = `<script type="text/plain" data-category="analytics  marketing">(window.ran=window.ran||[]).push('both')</script>`;
    const url = server.page('/both.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => window.Candor!.setConsent({ analytics: true }));
    await page.waitForTimeout(100);
    expect(await ran(page)).toEqual([]);
    await page.evaluate(() => window.Candor!.setConsent({ marketing: true }));
    await expect.poll(() => ran(page)).toEqual(['both']);
    await context.close();
  });

  it('an unknown category never runs, even after Accept all', async () => {
    const body = `<script type="text/plain" data-category="typo">(window.ran=window.ran||[]).push('typo')</script>`;
    const url = server.page('/unknown.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.waitForTimeout(100);
    expect(await ran(page)).toEqual([]);
    await context.close();
  });

  it('runs each script exactly once across repeated decisions, withdrawal and regrant', async () => {
    const body = `<script type="text/plain" data-category="analytics">window.count=(window.count||0)+1</script>`;
    const url = server.page('/once.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.evaluate(() => {
      window.Candor!.acceptAll();
      window.Candor!.acceptAll();
      window.Candor!.setConsent({ analytics: true });
      window.Candor!.withdraw();
      window.Candor!.acceptAll();
    });
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { count: number }).count)).toBe(1);
    await context.close();
  });

  it('handles elements added later (MutationObserver): before consent they wait, after it they run', async () => {
    const url = server.page('/later.html', sitePage({ config: CONFIG }));
    const { page, context } = await newPage();
    await page.goto(url);
    const add = (label: string) =>
      page.evaluate((l) => {
        const s = document.createElement('script');
        s.type = 'text/plain';
        s.dataset.category = 'analytics';
        s.text = `(window.ran=window.ran||[]).push(${JSON.stringify(l)})`;
        const wrap = document.createElement('div');
        wrap.appendChild(s);
        document.body.appendChild(wrap);
      }, label);
    await add('added before consent');
    await page.waitForTimeout(100);
    expect(await ran(page)).toEqual([]);
    await page.evaluate(() => window.Candor!.acceptAll());
    await expect.poll(() => ran(page)).toEqual(['added before consent']);
    await add('added after consent');
    await expect.poll(() => ran(page)).toEqual(['added before consent', 'added after consent']);
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.dataset.category = 'marketing';
      f.dataset.src = '/track/late-frame.html';
      document.body.appendChild(f);
    });
    await expect.poll(() => page.locator('iframe').getAttribute('src')).toBe('/track/late-frame.html');
    await context.close();
  });

  it('with Candor in <head> and a stored choice, gated scripts in the body run once on the return visit', async () => {
    const body = `<p>one</p><script type="text/plain" data-category="analytics">window.count=(window.count||0)+1;window.sawBody=!!document.querySelector('#last')</script><p id="last">two</p>`;
    const url = server.page('/return.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.action('accept')).click();
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { count?: number }).count === 1);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => [(window as unknown as { count: number }).count, (window as unknown as { sawBody: boolean }).sawBody])).toEqual([1, true]);
    await context.close();
  });

  it('under a nonce CSP, an activated script keeps its own nonce (hidden from the attribute) and runs', async () => {
    const body = `<script type="text/plain" data-category="analytics" nonce="n0nce">window.withNonce=true</script>
      <script type="text/plain" data-category="analytics">window.withoutNonce=true</script>`;
    const url = server.page(
      '/csp.html',
      sitePage({ config: CONFIG, body, tag: '<script src="/dist/candor.js" nonce="n0nce"></script>' }).replace(
        '<script type="application/json"',
        '<script type="application/json" nonce="n0nce"',
      ),
      { 'content-security-policy': "script-src 'nonce-n0nce'; style-src 'self'" },
    );
    const { page, context, console: lines } = await newPage();
    await page.goto(url);
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.waitForFunction(() => (window as unknown as { withNonce?: boolean }).withNonce === true);
    // A gated script without a nonce is not given Candor's: markup injected into the page
    // would otherwise get a working nonce (a CSP bypass). The site owner adds the nonce.
    // With a nonce on Candor's tag, Candor does not even insert it (see the next test).
    expect(await page.evaluate(() => (window as unknown as { withoutNonce?: boolean }).withoutNonce)).toBeUndefined();
    expect(lines.filter((l) => l.text.startsWith('[candor]')).map((l) => l.text)).toEqual([expect.stringMatching(/gated script not run: it lacks the nonce/)]);
    await expect(page.locator('script[type="text/plain"]').count()).resolves.toBe(1);
    await context.close();
  });

  // Bug (issue 7): under 'strict-dynamic' every script Candor creates may run, so markup
  // injected as <script type="text/plain" data-category> ran (a script gadget) where a plain
  // injected <script> was blocked.
  it('under a nonce + strict-dynamic CSP, only gated scripts with Candor\'s nonce run, carrying it; one warning', async () => {
    const csp = "script-src 'nonce-abc' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'";
    server.page('/track/nonced.js', 'window.externalNonce = document.currentScript.nonce;', { 'content-type': 'text/javascript; charset=utf-8' });
    const body = `<main><h1>Comments</h1>
        <script>window.plainInjected = 1</script>
        <script type="text/plain" data-category="necessary">window.gadget = 1</script>
        <script type="text/plain" data-category="analytics">window.gadget2 = 1</script>
        <script type="text/plain" data-category="analytics" nonce="wrong">window.gadget3 = 1</script>
      </main>
      <script type="text/plain" data-category="necessary" nonce="abc">window.necessaryNonce = document.currentScript.nonce</script>
      <script type="text/plain" data-category="analytics" nonce="abc">window.analyticsNonce = document.currentScript.nonce</script>
      <script type="text/plain" data-category="analytics" nonce="abc" src="/track/nonced.js"></script>`;
    const url = server.page('/strict-dynamic.html', sitePage({ config: CONFIG, body, tag: '<script src="/dist/candor.js" nonce="abc"></script>' }), {
      'content-security-policy': csp,
    });
    const { page, context, pageErrors, console: lines } = await newPage();
    await page.goto(url);
    await page.locator(ui.banner).waitFor();
    const get = () =>
      page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return ['plainInjected', 'gadget', 'gadget2', 'gadget3', 'necessaryNonce', 'analyticsNonce', 'externalNonce'].map((k) => w[k] ?? null);
      });
    // the CSP works as the page meant (a plain injected script is blocked), and Candor runs
    // the owner's nonced `necessary` script, not the gadget
    await page.waitForFunction(() => (window as unknown as { necessaryNonce?: string }).necessaryNonce === 'abc');
    expect(await get()).toEqual([null, null, null, null, 'abc', null, null]);
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.waitForFunction(() => (window as unknown as { externalNonce?: string }).externalNonce === 'abc');
    expect(await get()).toEqual([null, null, null, null, 'abc', 'abc', 'abc']);
    const warnings = lines.filter((l) => l.text.startsWith('[candor]'));
    expect(warnings).toEqual([{ type: 'warning', text: "[candor] gated script not run: it lacks the nonce of Candor's tag" }]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

// Bug: a page that enforces Trusted Types refused every `<script src>` Candor made with a
// plain string: no preference center, no AI notices, no translation, and no gated script.
describe('Trusted Types (CSP require-trusted-types-for)', () => {
  const TT = "script-src 'self' 'nonce-tt1'; style-src 'self'; object-src 'none'; require-trusted-types-for 'script'; trusted-types candor";
  const body = `<main><h1>Boutique</h1><div class="chat"><p>Assistant</p></div></main>
    <script type="text/plain" data-category="analytics" nonce="tt1">(window.ran=window.ran||[]).push('inline')</script>
    <script type="text/plain" data-category="analytics" nonce="tt1" src="/track/async.js"></script>
    <script type="text/plain" data-category="analytics">(window.ran=window.ran||[]).push('no nonce')</script>`;
  const config = { policyUrl: '/privacy', ai: { chatSelector: '.chat', providers: ['Mistral AI'] } };
  // Counts the page's CSP violations (a Trusted Types refusal is one).
  const VIOLATIONS = () => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.sample}`));
  };
  const open = async (path: string, csp: string) => {
    const html = sitePage({ config, body, lang: 'fr', tag: '<script src="/dist/candor.js" nonce="tt1"></script>' }).replace('<script type="application/json"', '<script type="application/json" nonce="tt1"');
    const url = server.page(path, html, { 'content-security-policy': csp });
    const opened = await newPage();
    await opened.page.addInitScript(VIOLATIONS);
    await opened.page.goto(url);
    return opened;
  };

  it("with the policy 'candor' allowed, every chunk loads and the owner's nonced gated scripts run; nothing is refused", async () => {
    const { page, context, pageErrors, console: lines } = await open('/tt.html', TT);
    // the French texts (a chunk), the AI notice (a chunk), in the first layer as on any page
    await expect(page.locator(ui.action('accept')).textContent()).resolves.toBe('Tout accepter');
    await page.locator('candor-ai-notice [data-candor="ai-notice"]').waitFor();
    // the preference center (a chunk)
    await page.locator(ui.action('customize')).click();
    await page.locator(ui.preferences).waitFor();
    await page.evaluate(() => window.Candor!.acceptAll());
    await page.waitForFunction(() => ((window as unknown as { ran?: string[] }).ran ?? []).length === 2);
    await page.waitForTimeout(100);
    expect((await ran(page)).sort()).toEqual(['async.js', 'inline']);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(lines.filter((l) => l.text.startsWith('[candor]')).map((l) => l.text)).toEqual(["[candor] gated script not run: it lacks the nonce of Candor's tag"]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("with the policy allowed but no nonce on Candor's tag, no gated script is blessed: they stay inert, the console says why", async () => {
    const html = sitePage({ config, body: '<script type="text/plain" data-category="analytics" src="/track/async.js"></script>' });
    const url = server.page('/tt-no-nonce.html', html, { 'content-security-policy': "script-src 'self'; require-trusted-types-for 'script'; trusted-types candor" });
    const { page, context, pageErrors, console: lines } = await newPage();
    await page.goto(url);
    await page.evaluate(() => window.Candor!.acceptAll());
    await expect.poll(() => lines.some((l) => l.text.startsWith('[candor] gated script not run (Trusted Types'))).toBe(true);
    expect(await ran(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Found in review: markup injected right before the owner's nonced gated script swallows
  // its start tag into an attribute value and so takes its nonce (and its text). Browsers
  // refuse a nonce on such an element (CSP "is element nonceable?"); Candor did not.
  it("markup that steals the nonce of the owner's gated script by swallowing its start tag is not run", async () => {
    server.page('/track/evil.js', 'window.evil = true;', { 'content-type': 'text/javascript; charset=utf-8' });
    const stolen = `<main><h1>Comments</h1><p>Nice shop! <script type="text/plain" data-category="analytics" src="/track/evil.js" x=
      <script type="text/plain" data-category="analytics" nonce="tt1">(window.ran=window.ran||[]).push('owner')</script></p></main>`;
    const html = sitePage({ config: { policyUrl: '/privacy' }, body: stolen, tag: '<script src="/dist/candor.js" nonce="tt1"></script>' });
    const url = server.page('/tt-stolen.html', html, { 'content-security-policy': TT });
    const { page, context, pageErrors, console: lines } = await newPage();
    await page.goto(url);
    // the injected element did get the nonce (the browser hides it from the attribute)
    await expect(page.evaluate(() => (document.querySelector('script[src="/track/evil.js"]') as HTMLScriptElement).nonce)).resolves.toBe('tt1');
    const before = server.hitsTo('/track/evil.js').length;
    await page.evaluate(() => window.Candor!.acceptAll());
    await expect.poll(() => lines.some((l) => l.text === "[candor] gated script not run: it lacks the nonce of Candor's tag")).toBe(true);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { evil?: boolean }).evil)).toBeUndefined();
    expect(server.hitsTo('/track/evil.js').length).toBe(before);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a page view that runs no gated script and loads no chunk makes no policy: no Trusted Types report', async () => {
    const html = sitePage({ config: { policyUrl: '/privacy' }, body, tag: '<script src="/dist/candor.js" nonce="tt1"></script>' }).replace(
      '<script type="application/json"',
      '<script type="application/json" nonce="tt1"',
    );
    const url = server.page('/tt-idle.html', html, { 'content-security-policy': TT.replace('trusted-types candor', 'trusted-types other') });
    const { page, context, pageErrors } = await newPage();
    await page.addInitScript(VIOLATIONS);
    await page.goto(url);
    await page.locator(ui.banner).waitFor();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(await ran(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("without the policy allowed, the banner still works, gated scripts stay inert and the console says why", async () => {
    const { page, context, pageErrors, console: lines } = await open('/tt-refused.html', TT.replace('trusted-types candor', 'trusted-types other'));
    await page.locator(ui.banner).waitFor();
    await page.evaluate(() => window.Candor!.acceptAll());
    await expect.poll(() => lines.some((l) => l.text.startsWith("[candor] gated script not run (Trusted Types"))).toBe(true);
    expect(await ran(page)).toEqual([]);
    expect(await page.evaluate(() => window.Candor!.getConsent().categories.analytics)).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
