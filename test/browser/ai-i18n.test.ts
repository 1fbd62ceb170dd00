import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../src/i18n/de';
import { en } from '../../src/i18n/en';
import { es } from '../../src/i18n/es';
import { fr } from '../../src/i18n/fr';
import { it as italian } from '../../src/i18n/it';
import { nl } from '../../src/i18n/nl';
import { newPage, sitePage, TestServer } from './harness';

// Audit finding 1: the notices took `config.texts` once, before the page's translation had
// loaded, and never redrew: English notices inside a wrapper saying lang="de" (WCAG 3.1.2).

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server?.close());

const AI = { chatSelector: '.chat', providers: ['OpenAI'] };
const BODY = `<main><h1>Shop</h1><article id="a" data-ai-generated><h2>Summary</h2><p>Text</p></article></main>
  <div class="chat" id="chat"><div class="messages"></div><form><input aria-label="Message"><button type="button">Send</button></form></div>`;
const LANGS = { en, de, fr, nl, es, it: italian };

/** The texts and `lang` the notice and the label show. */
const shown = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const notice = document.querySelector('#chat > candor-ai-notice')!.shadowRoot!;
    const label = document.querySelector('#a > candor-ai-label')!.shadowRoot!;
    return {
      lead: notice.querySelector('.lead')!.textContent,
      ok: notice.querySelector('[data-candor-action="ai-ok"]')!.textContent,
      noticeLang: notice.querySelector('[lang]')!.getAttribute('lang'),
      label: label.querySelector('[data-candor="ai-label"]')!.getAttribute('aria-label'),
      labelLang: label.querySelector('[lang]')!.getAttribute('lang'),
    };
  });

describe('AI notices and labels speak the page language', () => {
  it('a German page whose translation arrives late (300 ms) shows German notices and labels, marked lang="de"', async () => {
    const url = server.page('/ai-de-late.html', sitePage({ config: { policyUrl: '/privacy', lang: 'de', ai: AI }, body: BODY, lang: 'de' }));
    const { page, context } = await newPage();
    await page.route('**/candor-i18n-de.js', async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await page.goto(url);
    await page.locator('#chat > candor-ai-notice').waitFor({ state: 'attached' });
    await page.locator('#a > candor-ai-label').waitFor({ state: 'attached' });
    expect(await shown(page)).toEqual({ lead: `${de.aiBadge}${de.aiChatNotice}`, ok: de.ok, noticeLang: 'de', label: de.aiGenerated, labelLang: 'de' });
    await context.close();
  });

  for (const [lang, t] of Object.entries(LANGS)) {
    it(`${lang}: the notice sentence, OK and the label in that language`, async () => {
      const url = server.page(`/ai-${lang}.html`, sitePage({ config: { policyUrl: '/privacy', ai: AI }, body: BODY, lang }));
      const { page, context } = await newPage();
      await page.goto(url);
      await page.locator('#chat > candor-ai-notice').waitFor({ state: 'attached' });
      await page.locator('#a > candor-ai-label').waitFor({ state: 'attached' });
      expect(await shown(page)).toEqual({ lead: `${t.aiBadge}${t.aiChatNotice}`, ok: t.ok, noticeLang: lang, label: t.aiGenerated, labelLang: lang });
      await expect(page.locator('#chat candor-ai-notice [data-candor="ai-notice"]').isVisible()).resolves.toBe(true);
      await context.close();
    });
  }
});
