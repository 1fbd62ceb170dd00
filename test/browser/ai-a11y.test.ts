import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, sitePage, TestServer, ui } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const CONFIG = {
  policyUrl: '/privacy',
  // bottom-left: the banner leaves the bottom-right chat uncovered, so the OK button can be pressed
  ui: { position: 'bottom-left' },
  ai: { chatSelector: '.chat', providers: ['OpenAI'], humanReview: '/contact' },
};
const HEAD = '<link rel="stylesheet" href="/test/fixtures/ai-chat.css">';
const BODY = `<main><h1>Shop</h1><article data-ai-generated><h2>Summary</h2><p>Text</p></article>
  <article data-ai-generated="assisted"><h2>Review</h2><p>Text</p></article></main>
  <div class="chat" id="chat"><div class="messages"></div><form><input aria-label="Message"><button type="button">Send</button></form></div>`;

async function axe(page: Page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(
      { include: [['candor-ai-notice'], ['candor-ai-label'], ['candor-widget']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } },
    );
    return r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}

/**
 * WCAG 1.4.3 contrast of every text run in the AI notices and labels: the text colour against
 * the first opaque background behind it, composed inside the shadow roots and out to the page.
 */
function contrasts(page: Page) {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const bgOf = (el: Element | null): number[] => {
      for (let e: Element | null = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) === 1) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: { text: string; ratio: number }[] = [];
    for (const host of document.querySelectorAll('candor-ai-notice, candor-ai-label')) {
      const walker = document.createTreeWalker(host.shadowRoot!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (!n.textContent!.trim()) continue;
        const a = lum(rgb(getComputedStyle(el).color));
        const b = lum(bgOf(el));
        out.push({ text: n.textContent!.trim(), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
      }
    }
    return out;
  });
}

describe('AI notices and labels: accessibility (WCAG 2.2 AA, COMPLIANCE AI-5)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`zero axe-core violations and ≥ 4.5:1 contrast, ${colorScheme}, before and after OK`, async () => {
      const url = server.page(`/a11y-${colorScheme}.html`, sitePage({ config: CONFIG, head: HEAD, body: BODY }));
      const { page, context } = await newPage({ colorScheme });
      await page.goto(url);
      await expect(page.locator('candor-ai-notice').count()).resolves.toBe(1);
      await expect(page.locator('candor-ai-label').count()).resolves.toBe(2);
      await expect(page.locator(`${ui.banner} [data-candor="ai-section"]`).isVisible()).resolves.toBe(true);
      expect(await axe(page)).toEqual([]);
      const before = await contrasts(page);
      // badge, sentence, providers, 2 links, OK; and per label badge + name
      expect(before.length).toBeGreaterThanOrEqual(10);
      for (const c of before) expect(c.ratio, c.text).toBeGreaterThanOrEqual(4.5);
      // The dark scheme really is dark (a guard against measuring light twice).
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('candor-ai-notice')!.shadowRoot!.querySelector('.n')!).backgroundColor);
      expect(bg).toBe(colorScheme === 'dark' ? 'rgb(23, 25, 30)' : 'rgb(255, 255, 255)');

      await page.locator('[data-candor-action="ai-ok"]').click();
      await expect(page.locator('[data-candor="ai-notice"].compact').count()).resolves.toBe(1);
      expect(await axe(page)).toEqual([]);
      for (const c of await contrasts(page)) expect(c.ratio, c.text).toBeGreaterThanOrEqual(4.5);
      await context.close();
      // axe-core takes seconds per run on a busy two-core machine; two runs per test.
    }, 120_000);
  }

  it('is reachable and operable by keyboard: the links and OK are in the tab order', async () => {
    const url = server.page('/a11y-keys.html', sitePage({ config: CONFIG, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator('#chat input').focus();
    // Shift+Tab from the chat's input walks back through the notice.
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      seen.push(
        await page.evaluate(() => {
          const a = document.activeElement?.shadowRoot?.activeElement;
          return a ? `${a.localName}:${a.textContent}` : `${document.activeElement?.localName}`;
        }),
      );
    }
    expect(seen).toEqual(['button:OK', 'a:Ask for a human to review', 'a:Learn more']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => window.Candor!.getConsent().aiAcknowledgedAt)).resolves.toBeGreaterThan(0);
    // Control for the contrast check above: a site theme with a pale link colour is caught.
    await page.evaluate(() => document.documentElement.style.setProperty('--candor-accent', '#bbbbbb'));
    const pale = (await contrasts(page)).filter((c) => c.ratio < 4.5).map((c) => c.text);
    expect(pale).toContain('Learn more');
    await context.close();
  });
});

describe('AI notices: one theme with the banner', () => {
  it('take the palette and the --candor-* properties of the banner, from candor.js (no copy in candor-ai.js)', async () => {
    expect(readFileSync('dist/candor-ai.js', 'utf8')).not.toContain('--candor-bg');
    expect(readFileSync('dist/candor.js', 'utf8')).toContain('--candor-bg');
    const url = server.page('/a11y-theme.html', sitePage({ config: { ...CONFIG, ui: { ...CONFIG.ui, theme: 'dark' } }, head: HEAD, body: BODY }));
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator('candor-ai-notice [data-candor="ai-notice"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('candor-widget [data-candor="banner"]').isVisible()).resolves.toBe(true);
    const look = () =>
      page.evaluate(() => {
        const style = (host: string, sel: string) => getComputedStyle(document.querySelector(host)!.shadowRoot!.querySelector(sel)!);
        return {
          banner: style('candor-widget', '[data-candor="banner"]').backgroundColor,
          notice: style('candor-ai-notice', '.n').backgroundColor,
          label: style('candor-ai-label', '.l').backgroundColor,
          noticeText: style('candor-ai-notice', '.n').color,
          bannerText: style('candor-widget', '[data-candor="banner"]').color,
          // the notices' own type (14px), not the banner's 15px from the shared theme
          noticeSize: style('candor-ai-notice', '.n').fontSize,
        };
      });
    expect(await look()).toEqual({
      banner: 'rgb(23, 25, 30)',
      notice: 'rgb(23, 25, 30)',
      label: 'rgb(23, 25, 30)',
      noticeText: 'rgb(241, 242, 244)',
      bannerText: 'rgb(241, 242, 244)',
      noticeSize: '14px',
    });
    // (found in review) the class `.candor` still means the widget alone, for a page's or a test's selectors
    await expect(page.evaluate(() => ['candor-ai-notice', 'candor-ai-label'].some((h) => document.querySelector(h)!.shadowRoot!.querySelector('.candor')))).resolves.toBe(false);
    await page.evaluate(() => document.documentElement.style.setProperty('--candor-bg', 'rgb(1, 2, 3)'));
    const themed = await look();
    expect([themed.banner, themed.notice, themed.label]).toEqual(['rgb(1, 2, 3)', 'rgb(1, 2, 3)', 'rgb(1, 2, 3)']);
    await context.close();
  });
});

describe('AI notices under a strict Content-Security-Policy', () => {
  it("causes zero violations with style-src 'self'", async () => {
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'";
    const body = `${BODY}<script src="/test/fixtures/csp-listener.js"></script>`;
    const url = server.page('/a11y-csp.html', sitePage({ config: CONFIG, head: `${HEAD}<script src="/test/fixtures/csp-listener.js"></script>`, body }), {
      'content-security-policy': csp,
    });
    const { page, context } = await newPage();
    await page.goto(url);
    await expect(page.locator('candor-ai-notice [data-candor="ai-notice"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('candor-ai-label').count()).resolves.toBe(2);
    // The shadow-root sheet really applied (CSSOM, not a blocked <style>).
    await expect(
      page.evaluate(() => getComputedStyle(document.querySelector('candor-ai-notice')!.shadowRoot!.querySelector('.badge')!).fontWeight),
    ).resolves.toBe('700');
    await page.locator('[data-candor-action="ai-ok"]').click();
    await expect(page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).resolves.toEqual([]);
    await context.close();
  });
});
