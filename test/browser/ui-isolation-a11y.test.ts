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
  cookiePolicyUrl: '/cookies',
  categories: [
    { id: 'necessary' },
    {
      id: 'analytics',
      services: [{ name: 'Matomo', provider: 'Example Ltd.', purpose: 'Statistics', cookies: [{ name: '_pk_id.*', duration: '13 months' }] }],
    },
    { id: 'marketing' },
  ],
};
const AXE = 'node_modules/axe-core/axe.min.js';

async function axe(page: Page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

describe('axe-core: zero WCAG 2.2 A/AA violations', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`banner and preference center, ${theme} theme`, async () => {
      const url = server.page(`/axe-${theme}.html`, sitePage({ config: { ...CONFIG, ui: { theme } } }));
      const { page, context } = await newPage();
      await page.goto(url);
      await page.locator(ui.banner).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.locator(ui.action('customize')).click();
      await page.locator('[data-candor="services"] summary').click(); // the cookie table too
      expect(await axe(page)).toEqual([]);
      await context.close();
    }, 90_000); // axe runs twice over the page
  }

  it('auto theme follows prefers-color-scheme: dark', async () => {
    const url = server.page('/axe-auto.html', sitePage({ config: CONFIG }));
    const { page, context } = await newPage({ colorScheme: 'dark' });
    await page.goto(url);
    const bg = await page.locator(ui.banner).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(23, 25, 30)');
    expect(await axe(page)).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('320 px wide (WCAG 1.4.10 reflow, 2.5.8 target size)', () => {
  it('no horizontal scroll in the banner or the preference center; every target at least 24 px', async () => {
    const url = server.page('/narrow.html', sitePage({ config: CONFIG, lang: 'de' }));
    const { page, context } = await newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(url);
    await page.locator(ui.banner).waitFor();
    const check = () =>
      page.evaluate(() => {
        const root = document.querySelector('candor-widget')!.shadowRoot!;
        const layer = root.querySelector<HTMLElement>('.layer:not(.banner), .banner')!;
        const small = [...root.querySelectorAll<HTMLElement>('button, input, summary, .links a')]
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.width < 24 || r.height < 24));
        const r = layer.getBoundingClientRect();
        return {
          page: document.documentElement.scrollWidth,
          inner: layer.scrollWidth - layer.clientWidth,
          inside: r.left >= 0 && r.right <= 320,
          small: small.length,
        };
      });
    expect(await check()).toEqual({ page: 320, inner: 0, inside: true, small: 0 });
    await page.locator(ui.action('customize')).click();
    await page.locator('[data-candor="services"] summary').click();
    const prefs = await page.evaluate(() => {
      const d = document.querySelector('candor-widget')!.shadowRoot!.querySelector<HTMLElement>('[data-candor="preferences"]')!;
      const r = d.getBoundingClientRect();
      return { overflow: d.scrollWidth - d.clientWidth, left: r.left >= 0, right: r.right <= 320, page: document.documentElement.scrollWidth };
    });
    expect(prefs).toEqual({ overflow: 0, left: true, right: true, page: 320 });
    await context.close();
  });
});

describe('isolation', () => {
  const HOSTILE = `<style>
    body{font-size:40px!important;color:red!important;font-family:serif!important}
    button{display:none!important}
    *{all:unset!important}
    candor-widget{display:block!important;position:absolute!important;top:-9999px!important}
    .banner,.btn,.layer{background:lime!important;font-size:2px!important}
  </style>`;
  const measure = (page: Page) =>
    page.locator(`${ui.banner} .btn`).evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return [s.display, s.fontSize, s.color, s.backgroundColor, s.fontFamily, Math.round(r.width), Math.round(r.height), Math.round(r.top)].join('|');
      }),
    );

  it('hostile page CSS changes nothing in the widget', async () => {
    const calm = server.page('/calm.html', sitePage({ config: CONFIG }));
    const hostile = server.page('/hostile.html', sitePage({ config: CONFIG, head: HOSTILE }));
    const { page, context } = await newPage();
    await page.goto(calm);
    const before = await measure(page);
    await page.goto(hostile);
    await page.locator(ui.banner).waitFor();
    expect(await measure(page)).toEqual(before);
    await expect(page.locator(ui.action('reject')).isVisible()).resolves.toBe(true);
    await page.locator(ui.action('reject')).click();
    await expect(page.evaluate(() => window.Candor!.getConsent().given)).resolves.toBe(true);
    await context.close();
  });

  it("the widget's CSS does not leak onto page elements with the same class names", async () => {
    const body = '<div class="banner layer btn candor actions" id="probe">probe</div><button class="btn" id="probe2">x</button>';
    const url = server.page('/leak.html', sitePage({ config: CONFIG, body }));
    const { page, context } = await newPage();
    await page.goto(url);
    await page.locator(ui.banner).waitFor();
    const styles = await page.evaluate(() =>
      ['probe', 'probe2'].map((id) => {
        const s = getComputedStyle(document.getElementById(id)!);
        return [s.position, s.backgroundColor, s.borderTopLeftRadius, s.fontWeight, s.display];
      }),
    );
    expect(styles[0]).toEqual(['static', 'rgba(0, 0, 0, 0)', '0px', '400', 'block']);
    expect(styles[1]![1]).not.toBe('rgb(31, 79, 209)');
    expect(styles[1]![2]).not.toBe('8px');
    await context.close();
  });
});

describe('a body that is a containing block for fixed elements', () => {
  // Regression: the host was appended to <body>, so each of these made body the containing
  // block of the fixed banner and floating button, which then sat at the end of a long page.
  for (const style of ['transform: translateZ(0)', 'filter: opacity(1)', 'will-change: transform', 'contain: paint']) {
    it(`body { ${style} }: banner and floating button stay in the viewport`, async () => {
      const body = `<style>body { ${style}; margin: 0 } main { height: 3000px }</style><main><p>Long page</p></main>`;
      const url = server.page(`/trap-${style.split(':')[0]}.html`, sitePage({ config: CONFIG, body }));
      const { page, context } = await newPage({ viewport: { width: 800, height: 600 } });
      await page.goto(url);
      const inView = (selector: string) =>
        page.locator(selector).evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
        });
      await expect(inView(ui.banner)).resolves.toBe(true);
      await page.locator(ui.action('reject')).click();
      await expect(inView(ui.fab)).resolves.toBe(true);
      await page.mouse.wheel(0, 1500); // and it stays put while the page scrolls
      await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
      await expect(inView(ui.fab)).resolves.toBe(true);
      await context.close();
    });
  }
});

describe('strict Content-Security-Policy', () => {
  const CSP = "default-src 'self'; style-src 'self'; script-src 'self'";
  for (const lang of ['en', 'de']) {
    it(`renders styled with zero violations (${lang})`, async () => {
      const url = server.page(`/csp-${lang}.html`, sitePage({ config: CONFIG, lang }), { 'content-security-policy': CSP });
      const { page, context, console: lines } = await newPage();
      await page.addInitScript(() => {
        (window as any).violations = [];
        document.addEventListener('securitypolicyviolation', (e) => (window as any).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(url);
      await page.locator(ui.banner).waitFor();
      await page.locator(ui.action('customize')).click();
      await page.locator(ui.preferences).waitFor();
      const bg = await page.locator(`${ui.preferences} ${ui.action('save')}`).evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe('rgb(31, 79, 209)');
      await page.keyboard.press('Escape');
      await expect(page.evaluate(() => (window as any).violations)).resolves.toEqual([]);
      expect(lines.filter((l) => /Content Security Policy/i.test(l.text))).toEqual([]);
      if (lang === 'de') await expect(page.locator(ui.action('reject')).textContent()).resolves.toBe('Alle ablehnen');
      await context.close();
    });
  }
});
